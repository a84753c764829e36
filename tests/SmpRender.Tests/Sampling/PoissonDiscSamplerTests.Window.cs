using SmpRender.Sampling;

namespace SmpRender.Tests.Sampling;

public sealed partial class PoissonDiscSamplerTests
{
    /// <summary>A map of zeros holding a feathered disc of the given radius centred at (cx, cy).</summary>
    private static DensityMap Disc(int width, int height, double pxPerMm, double cx, double cy, double radius, double feather)
    {
        var values = new float[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double d = Math.Sqrt((x + 0.5 - cx) * (x + 0.5 - cx) + (y + 0.5 - cy) * (y + 0.5 - cy));
                values[y * width + x] = (float)Math.Clamp((radius - d) / feather, 0, 1);
            }
        }
        return new DensityMap(width, height, pxPerMm, values);
    }

    [Fact]
    public void TryGetWindow_SmallZone_IsItsBoxWithOnePixelOfMargin()
    {
        var values = new float[300 * 200];
        values[50 * 300 + 120] = 0.5f;
        values[80 * 300 + 100] = 1f;
        values[60 * 300 + 140] = 0.25f;
        Assert.True(PoissonDiscSampler.TryGetWindow(new DensityMap(300, 200, 5, values), [], out var window));
        Assert.Equal(new PoissonDiscSampler.Window(99, 49, 43, 33, 1f), window);
    }

    [Fact]
    public void TryGetWindow_ZoneOnTheEdge_ClampedToTheMap()
    {
        var values = new float[300 * 200];
        values[0 * 300 + 299] = 0.5f;
        values[199 * 300 + 0] = 0.75f;
        Assert.True(PoissonDiscSampler.TryGetWindow(new DensityMap(300, 200, 5, values), [], out var window));
        Assert.Equal(new PoissonDiscSampler.Window(0, 0, 300, 200, 0.75f), window);
    }

    [Fact]
    public void TryGetWindow_AllZero_False() =>
        Assert.False(PoissonDiscSampler.TryGetWindow(new DensityMap(64, 48, 5, new float[64 * 48]), [], out _));

    [Fact]
    public void TryGetWindow_FixedPointNotMovedExactly_WidensThatAxisToTheEdge()
    {
        var values = new float[300 * 200];
        values[100 * 300 + 100] = 1f;
        // 0.1f - 99 is not a float: the window starts at x = 0; in y the point moves exactly.
        FixedPoint[] points = [new FixedPoint(0.1f, 100.5f, 150)];
        Assert.True(PoissonDiscSampler.TryGetWindow(new DensityMap(300, 200, 5, values), points, out var window));
        Assert.Equal(new PoissonDiscSampler.Window(0, 99, 102, 3, 1f), window);
        // Too far to reach the window: ignored.
        Assert.True(PoissonDiscSampler.TryGetWindow(new DensityMap(300, 200, 5, values), [new FixedPoint(0.1f, 100.5f, 90)], out window));
        Assert.Equal(new PoissonDiscSampler.Window(99, 99, 3, 3, 1f), window);
    }

    [Fact]
    public void Sample_SmallZoneInLargeMap_SamplesOnlyItsWindowAtTheRequestedDensity()
    {
        // A 36 mm disc in a 250×190 mm photo: the window is 3% of the map.
        const double pxPerMm = 8, dotsPerCm2 = 90;
        DensityMap map = Disc(2000, 1500, pxPerMm, 700.5, 900.25, 144, 24);
        Assert.True(PoissonDiscSampler.TryGetWindow(map, [], out var window));
        Assert.InRange((double)window.Width * window.Height, 0, 0.03 * map.Width * map.Height);
        double expected = 0;
        foreach (float v in map.Values)
        {
            expected += v;
        }
        expected *= dotsPerCm2 / 100 / (pxPerMm * pxPerMm);
        double inner = 144 - 24 - 10; // inside the feather band, where the density is 1
        double innerExpected = Math.PI * inner * inner * dotsPerCm2 / 100 / (pxPerMm * pxPerMm);
        for (ulong seed = 0; seed < 3; seed++)
        {
            DotField field = Sampler.Sample(map, new PoissonDiscOptions(dotsPerCm2, seed));
            Assert.Equal(0, DotFieldMetrics.MinDistanceViolations(field));
            int innerCount = 0;
            for (int i = 0; i < field.Count; i++)
            {
                Assert.True(map.Sample(field.X[i], field.Y[i]) > 0, $"dot {i} at ({field.X[i]}, {field.Y[i]}) where the density is 0");
                double dx = field.X[i] - 700.5, dy = field.Y[i] - 900.25;
                innerCount += dx * dx + dy * dy < inner * inner ? 1 : 0;
            }
            Assert.InRange(innerCount / innerExpected, 0.97, 1.03);
            // The sparse feather band packs a little closer (min(r(a), r(b)) rule): about +6% on this
            // small disc, as when the whole map is sampled.
            Assert.InRange(field.Count / expected, 0.99, 1.09);
        }
    }

    [Fact]
    public void Sample_ZoneMovedInALargerPhoto_SameDotsMovedByAsMuch()
    {
        const double pxPerMm = 6;
        const int dx = 137, dy = 211;
        DensityMap small = Disc(400, 300, pxPerMm, 190, 150.5, 110, 30);
        DensityMap large = Disc(900, 700, pxPerMm, 190 + dx, 150.5 + dy, 110, 30);
        FixedPoint[] follicles = [new(150.25f, 140.5f, 9), new(230.75f, 170f, 12), new(60f, 150f, 20)];
        FixedPoint[] moved = follicles.Select(f => new FixedPoint(f.X + dx, f.Y + dy, f.Spacing)).ToArray();
        var options = new PoissonDiscOptions(110, 7, SessionShares: [0.6, 0.4], FixedPoints: follicles);
        DotField a = Sampler.Sample(small, options);
        DotField b = Sampler.Sample(large, new PoissonDiscOptions(110, 7, SessionShares: [0.6, 0.4], FixedPoints: moved));
        Assert.True(a.Count > 300);
        Assert.Equal(a.Count, b.Count);
        for (int i = 0; i < a.Count; i++)
        {
            Assert.Equal(a.X[i] + dx, b.X[i]);
            Assert.Equal(a.Y[i] + dy, b.Y[i]);
            Assert.Equal(a.Spacing[i], b.Spacing[i]);
            Assert.Equal(a.Session[i], b.Session[i]);
            Assert.Equal(a.Rank[i], b.Rank[i]);
        }
    }

    [Fact]
    public void Sample_FixedPointOutsideTheWindow_StillKeptAtDistance()
    {
        // The zone starts at x = 200; follicles left of its window with spacings reaching into it.
        const int width = 600, height = 400;
        const double pxPerMm = 6;
        var values = new float[width * height];
        for (int y = 100; y < 300; y++)
        {
            values.AsSpan(y * width + 200, 200).Fill(1f);
        }
        var map = new DensityMap(width, height, pxPerMm, values);
        var follicles = new List<FixedPoint>();
        for (int j = 0; j < 12; j++)
        {
            follicles.Add(new FixedPoint(190.5f - j % 3 * 4, 90 + j * 20, 15 + j % 4 * 3));
        }
        follicles.Add(new FixedPoint(300, 80, 30));
        follicles.Add(new FixedPoint(410, 200, 18));
        DotField field = Sampler.Sample(map, new PoissonDiscOptions(100, 5, FixedPoints: follicles));
        Assert.Equal(0, DotFieldMetrics.MinDistanceViolations(field));
        int near = 0;
        for (int i = 0; i < field.Count; i++)
        {
            foreach (FixedPoint f in follicles)
            {
                double ddx = field.X[i] - (double)f.X, ddy = field.Y[i] - (double)f.Y, m = Math.Min(field.Spacing[i], f.Spacing);
                Assert.False(ddx * ddx + ddy * ddy < m * m, $"dot {i} too close to follicle {f}");
                if (ddx * ddx + ddy * ddy < 4 * m * m)
                {
                    near++;
                }
            }
        }
        Assert.True(near > 10, "the follicles have dots nearby: the test exercises them");
    }
}
