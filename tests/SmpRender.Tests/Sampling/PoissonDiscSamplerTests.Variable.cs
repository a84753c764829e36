using SmpRender.Sampling;

namespace SmpRender.Tests.Sampling;

public sealed partial class PoissonDiscSamplerTests
{
    [Fact]
    public void Sample_Ramp_DensityFollowsTheRequestPerBand()
    {
        // Relative density rising linearly from 0.1 to 1 left to right; 8 bands of 90 px (11 mm) away
        // from the photo's edges. The min(r(a), r(b)) rule lets dots pack a little closer where the
        // spacing changes fast (the sparse end), hence the wider upper tolerance.
        const int width = 800, height = 600;
        const double pxPerMm = 8;
        var values = new float[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                values[y * width + x] = (float)(0.1 + 0.9 * (x + 0.5) / width);
            }
        }
        var map = new DensityMap(width, height, pxPerMm, values);
        var counts = new double[8];
        for (ulong seed = 0; seed < 3; seed++)
        {
            DotField field = Sampler.Sample(map, new PoissonDiscOptions(150, seed));
            Assert.Equal(0, DotFieldMetrics.MinDistanceViolations(field));
            for (int b = 0; b < 8; b++)
            {
                counts[b] += DotFieldMetrics.DensityPerCm2(field, 40 + b * 90, 30, 40 + b * 90 + 90, height - 30) / 3;
            }
        }
        for (int b = 0; b < 8; b++)
        {
            double requested = 150 * (0.1 + 0.9 * (40 + b * 90 + 45.0) / width);
            Assert.InRange(counts[b] / requested, 0.96, 1.08);
        }
    }

    [Fact]
    public void Sample_FeatheredEllipse_ValidAndEmptyOutside()
    {
        const int width = 700, height = 500;
        float[] values = Ellipse(width, height, 80);
        var map = new DensityMap(width, height, 6, values);
        DotField field = Sampler.Sample(map, new PoissonDiscOptions(120, 3));
        Assert.Equal(0, DotFieldMetrics.MinDistanceViolations(field));
        for (int i = 0; i < field.Count; i++)
        {
            Assert.True(map.Sample(field.X[i], field.Y[i]) > 0, $"dot {i} where the density is 0");
        }
        // Spacing follows the density: r = K / √(n d).
        double dotsPerPx2 = 120 / 100.0 / 36;
        for (int i = 0; i < field.Count; i += 37)
        {
            double d = map.Sample(field.X[i], field.Y[i]);
            if (d > 0.01)
            {
                Assert.Equal(PoissonDiscSampler.SpacingConstant / Math.Sqrt(dotsPerPx2 * d), field.Spacing[i], 2);
            }
        }
        // Full density in the middle.
        double middle = DotFieldMetrics.DensityPerCm2(field, 250, 180, 450, 320);
        Assert.InRange(middle / 120, 0.95, 1.05);
    }

    [Fact]
    public void Sample_SparseAndDense_LargeSpacingRatioStillValid()
    {
        // Left half at 1/200 of the right half's density: spacings 14x apart meet at the border. The
        // sparse part holds about 15 dots per field: its density is averaged over several seeds.
        double sparse = 0;
        const int seeds = 8;
        for (ulong seed = 0; seed < seeds; seed++)
        {
            DotField field = Sampler.Sample((x, _) => x < 300 ? 0.005 : 1, 600, 400, 10, new PoissonDiscOptions(300, seed));
            Assert.Equal(0, DotFieldMetrics.MinDistanceViolations(field));
            sparse += DotFieldMetrics.DensityPerCm2(field, 0, 0, 250, 400) / seeds;
        }
        Assert.InRange(sparse / 1.5, 0.7, 1.3);
    }

    [Fact]
    public void Sample_SparseCellsOfADenseGrid_HeldToTheUniformBounds()
    {
        // 1/64 of the densest value everywhere, on a grid sized for the densest (a density function gives no
        // bound, so every tile takes the narrowest cells): spacing 8 r_min, where the refinement starts in
        // whole cells rather than 8x8 sub-cells. Density (each seed within 3%; the mean runs about 2% above the
        // request, whichever cells the refinement starts in), relative radius and coverage as for a uniform field.
        const double dotsPerCm2 = 400, relative = 1.0 / 64, spacingPx = 16;
        double pxPerMm = spacingPx / (PoissonDiscSampler.SpacingConstant / Math.Sqrt(dotsPerCm2 * relative / 100));
        int side = (int)Math.Ceiling(Math.Sqrt(3000 / (dotsPerCm2 * relative)) * 10 * pxPerMm);
        const double m = 3 * spacingPx;
        for (ulong seed = 0; seed < 3; seed++)
        {
            DotField field = Sampler.Sample((_, _) => relative, side, side, pxPerMm, new PoissonDiscOptions(dotsPerCm2, seed + 40));
            Assert.Equal(0, DotFieldMetrics.MinDistanceViolations(field));
            Assert.Equal(spacingPx, field.Spacing[0], 3);
            double measured = DotFieldMetrics.DensityPerCm2(field, m, m, side - m, side - m) / (dotsPerCm2 * relative);
            Assert.InRange(measured, 0.97, 1.03);
            Assert.InRange(DotFieldMetrics.RelativeRadius(field, m, m, side - m, side - m), 0.74, 0.85);
            double coverage = DotFieldMetrics.Coverage(field, m, m, side - m, side - m, spacingPx / 6);
            Assert.True(coverage >= 0.999, $"coverage {coverage}");
        }
    }

    [Fact]
    public void Sample_Rank_IsAPermutationAndPrefixesAreWellSpread()
    {
        (DotField field, double m) = Uniform(100, 20_000, 8);
        int n = field.Count;
        int[] rank = field.Rank.ToArray();
        Assert.Equal(Enumerable.Range(0, n), rank.Order());
        double side = field.X.ToArray().Max();
        foreach (double fraction in new[] { 0.1, 0.3 })
        {
            int k = (int)(n * fraction);
            double meanSpacing = Math.Sqrt((side - 2 * m) * (side - 2 * m) * n / (double)k / n);
            double gap = DotFieldMetrics.LargestGap(field, m, m, side - m, side - m, 2, i => rank[i] < k);
            // The same number of dots picked at random leaves much bigger holes.
            var random = new Random(1);
            var pick = new HashSet<int>(Enumerable.Range(0, n).OrderBy(_ => random.Next()).Take(k));
            double randomGap = DotFieldMetrics.LargestGap(field, m, m, side - m, side - m, 2, pick.Contains);
            Assert.True(gap < 1.5 * meanSpacing, $"prefix {fraction}: gap {gap:0.0} px, mean spacing {meanSpacing:0.0} px");
            Assert.True(gap < 0.9 * randomGap, $"prefix {fraction}: gap {gap:0.0} px, random subset {randomGap:0.0} px");
        }
    }
}
