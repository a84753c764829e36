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
    [InlineData(0.5)]
    [InlineData(1.5)]
    [InlineData(4.0)]
    public void SquaredTable_IntegratesToDiscArea(double rho)
    {
        // ∫ F 2πt dt = π ∫ F d(t²): a sum over the t² columns.
        int k = (int)Math.Round(rho * DiscCoverage.SquaredRowsPerRho);
        double sum = 0, du = 1.0 / DiscCoverage.SquaredStepsPerT2;
        for (int c = 0; c < DiscCoverage.SquaredColumnCount - 1; c++)
        {
            float a = DiscCoverage.SquaredTable[k * DiscCoverage.SquaredStride + c];
            float b = DiscCoverage.SquaredTable[k * DiscCoverage.SquaredStride + c + 1];
            sum += 0.5 * (a + b) * du;
        }
        Assert.Equal(Math.PI * rho * rho, Math.PI * sum, 0.01 * Math.PI * rho * rho + 0.01);
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
