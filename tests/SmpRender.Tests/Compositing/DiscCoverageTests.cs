using SmpRender.Compositing;

namespace SmpRender.Tests.Compositing;

public class DiscCoverageTests
{
    [Theory]
    [InlineData(0.25)]
    [InlineData(1.0)]
    [InlineData(2.5)]
    [InlineData(6.0)]
    public void Table_Centre_MatchesClosedForm(double rho)
    {
        DiscCoverage.Row((float)rho, out int row, out float weight, out float shift);
        double expected = 1 - Math.Exp(-rho * rho / 2);
        Assert.Equal(expected, DiscCoverage.At(DiscCoverage.Table, row, weight, -shift), 3);
    }

    [Theory]
    [InlineData(0.25)]
    [InlineData(1.5)]
    [InlineData(3.0)]
    [InlineData(7.75)]
    public void Table_MatchesBruteForceIntegral(double rho)
    {
        // The Bessel form of the angular integral against the plain sum over angles of the Gaussian.
        DiscCoverage.Row((float)rho, out int row, out float weight, out float shift);
        Assert.Equal(0f, shift);
        Assert.Equal(0f, weight);
        for (int j = 0; j < DiscCoverage.TCount - 1; j += 3)
        {
            double t = j * DiscCoverage.TStep;
            Assert.Equal(DiscCoverage.Reference(rho, t), DiscCoverage.At(DiscCoverage.Table, row, 0, (float)t), 5e-6);
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.5)]
    [InlineData(4.0)]
    public void ProfileTable_IntegratesToDiscArea(double rho)
    {
        // ∫ F 2πt dt over the profile's samples (trapezoids on F·t): the dot darkens the photo by exactly its area.
        int k = (int)Math.Round(rho * DiscCoverage.ProfileRowsPerRho);
        double dt = 1.0 / DiscCoverage.ProfileStepsPerT(k), sum = 0;
        for (int i = 0; i < DiscCoverage.ProfileLength - 1; i++)
        {
            double a = DiscCoverage.ProfileTable[k * DiscCoverage.ProfileLength + i] * (i * dt);
            double b = DiscCoverage.ProfileTable[k * DiscCoverage.ProfileLength + i + 1] * ((i + 1) * dt);
            sum += 0.5 * (a + b) * dt;
        }
        Assert.Equal(Math.PI * rho * rho, 2 * Math.PI * sum, 0.01 * Math.PI * rho * rho + 0.01);
    }

    [Theory]
    [InlineData(0.75, 0.001)]
    [InlineData(2.0, 0.0015)]
    [InlineData(3.0, 0.002)]
    [InlineData(5.5, 0.003)]
    public void ProfileTable_MatchesTableBetweenSamples(double rho, float tolerance)
    {
        // Read linearly between its samples, as the compositor reads it, a profile stays close to F (healed dots have
        // ρ = r/σ of about 1.5-3; the samples are farther apart for larger ρ).
        int k = (int)Math.Round(rho * DiscCoverage.ProfileRowsPerRho);
        DiscCoverage.Row(k / (float)DiscCoverage.ProfileRowsPerRho, out int row, out float weight, out float shift);
        float steps = DiscCoverage.ProfileStepsPerT(k);
        for (float t = 0; t * steps < DiscCoverage.ProfileLength - 1; t += 0.01f)
        {
            float position = t * steps;
            int j = (int)position;
            float a = DiscCoverage.ProfileTable[k * DiscCoverage.ProfileLength + j];
            float b = DiscCoverage.ProfileTable[k * DiscCoverage.ProfileLength + j + 1];
            float linear = a + (b - a) * (position - j);
            Assert.Equal(DiscCoverage.At(DiscCoverage.Table, row, weight, t - shift), linear, tolerance);
        }
    }

    [Fact]
    public void Table_DecreasesWithDistance()
    {
        DiscCoverage.Row(2f, out int row, out float weight, out float shift);
        float previous = 2;
        for (float t = 0; t < 10; t += 0.25f)
        {
            float f = DiscCoverage.At(DiscCoverage.Table, row, weight, t - shift);
            Assert.True(f <= previous);
            previous = f;
        }
        Assert.True(previous < 1e-4);
    }
}
