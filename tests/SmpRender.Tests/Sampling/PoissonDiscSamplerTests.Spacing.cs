using SmpRender.Sampling;

namespace SmpRender.Tests.Sampling;

public sealed partial class PoissonDiscSamplerTests
{
    [Theory]
    [InlineData(10.0)]
    [InlineData(40.0)]
    [InlineData(100.0)]
    [InlineData(250.0)]
    [InlineData(400.0)]
    public void Sample_Uniform_NoPairCloserThanSpacingOverSeeds(double dotsPerCm2)
    {
        for (ulong seed = 0; seed < 6; seed++)
        {
            (DotField field, _) = Uniform(dotsPerCm2, 3000, seed);
            Assert.True(field.Count > 2500, $"only {field.Count} dots");
            Assert.Equal(0, DotFieldMetrics.MinDistanceViolations(field));
        }
    }

    [Theory]
    [InlineData(10.0)]
    [InlineData(25.0)]
    [InlineData(100.0)]
    [InlineData(200.0)]
    [InlineData(400.0)]
    public void Sample_UniformInterior_DensityWithinThreePercent(double dotsPerCm2)
    {
        double sum = 0;
        const int seeds = 4;
        for (ulong seed = 0; seed < seeds; seed++)
        {
            (DotField field, double m) = Uniform(dotsPerCm2, 6000, seed + 100);
            double side = Math.Ceiling(Math.Sqrt(6000 / dotsPerCm2) * 10 * field.PxPerMm);
            double measured = DotFieldMetrics.DensityPerCm2(field, m, m, side - m, side - m);
            Assert.InRange(measured / dotsPerCm2, 0.97, 1.03);
            sum += measured;
        }
        // The mean over seeds is tighter still: the spacing constant is calibrated, not assumed.
        Assert.InRange(sum / seeds / dotsPerCm2, 0.985, 1.015);
    }

    [Theory]
    [InlineData(20.0)]
    [InlineData(100.0)]
    [InlineData(400.0)]
    public void Sample_Uniform_RelativeRadiusAndCoverageInRange(double dotsPerCm2)
    {
        for (ulong seed = 0; seed < 3; seed++)
        {
            (DotField field, double m) = Uniform(dotsPerCm2, 4000, seed + 7);
            double side = Math.Ceiling(Math.Sqrt(4000 / dotsPerCm2) * 10 * field.PxPerMm);
            double rho = DotFieldMetrics.RelativeRadius(field, m, m, side - m, side - m);
            Assert.InRange(rho, 0.74, 0.85);
            double coverage = DotFieldMetrics.Coverage(field, m, m, side - m, side - m, field.Spacing[0] / 6);
            Assert.True(coverage >= 0.999, $"coverage {coverage}");
        }
    }

    [Fact]
    public void Sample_Uniform_NearestNeighbourDirectionsIsotropic()
    {
        // A grid or a tile seam shows as preferred directions between neighbours; blue noise has none.
        (DotField field, _) = Uniform(100, 20_000, 11);
        var bins = new int[12];
        float[] x = field.X.ToArray(), y = field.Y.ToArray();
        var order = Enumerable.Range(0, field.Count).OrderBy(i => x[i]).ToArray();
        double reach = 2 * field.Spacing[0];
        for (int a = 0; a < order.Length; a++)
        {
            int i = order[a];
            double best = double.MaxValue, angle = 0;
            for (int b = a + 1; b < order.Length && x[order[b]] - x[i] < reach; b++)
            {
                Consider(order[b]);
            }
            for (int b = a - 1; b >= 0 && x[i] - x[order[b]] < reach; b--)
            {
                Consider(order[b]);
            }
            bins[(int)(angle / Math.PI * bins.Length) % bins.Length]++;

            void Consider(int j)
            {
                double dx = x[j] - x[i], dy = y[j] - y[i], d = dx * dx + dy * dy;
                if (d < best)
                {
                    best = d;
                    angle = Math.Atan2(dy, dx) is var t && t < 0 ? t + Math.PI : t;
                }
            }
        }
        double mean = bins.Average();
        Assert.All(bins, b => Assert.InRange(b / mean, 0.9, 1.1));
    }

    [Fact]
    public void Sample_Uniform_NoDensitySeamAtTileBorders()
    {
        // Tiles are 64 cells of r/√2; count dots in bands of half a spacing on each side of the tile
        // borders, against the whole field.
        (DotField field, double m) = Uniform(100, 40_000, 5);
        double r = field.Spacing[0];
        double tile = 64 * r / Math.Sqrt(2);
        double side = field.X.ToArray().Max();
        int inBand = 0, total = 0;
        double bandArea = 0;
        foreach ((float x, float y) in field.X.ToArray().Zip(field.Y.ToArray()))
        {
            if (x < m || y < m || x > side - m || y > side - m)
            {
                continue;
            }
            total++;
            double fx = x % tile, fy = y % tile;
            if (Math.Min(fx, tile - fx) < r / 2 || Math.Min(fy, tile - fy) < r / 2)
            {
                inBand++;
            }
        }
        int tilesAcross = (int)(side / tile);
        Assert.True(tilesAcross >= 3, $"only {tilesAcross} tiles across");
        // Fraction of the area within r/2 of a border line: 1 - (1 - r/tile)².
        bandArea = 1 - Math.Pow(1 - r / tile, 2);
        Assert.InRange(inBand / (double)total / bandArea, 0.95, 1.05);
    }
}
