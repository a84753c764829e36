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
        AssertMovedBy(a, b, dx, dy);
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

    /// <summary>The same dots, in the same order, each moved by exactly (dx, dy).</summary>
    internal static void AssertMovedBy(DotField a, DotField b, float dx, float dy)
    {
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
}

public sealed class PoissonDiscSamplerCellTests
{
    private static readonly PoissonDiscSampler Sampler = new();

    /// <summary>A map on cells of <paramref name="cell"/> px holding a feathered disc, evaluated at the cell centres.</summary>
    private static DensityMap CellDisc(int width, int height, double pxPerMm, int cell, double cx, double cy, double radius, double feather)
    {
        int gw = (width + cell - 1) / cell, gh = (height + cell - 1) / cell;
        var values = new float[gw * gh];
        for (int j = 0; j < gh; j++)
        {
            for (int i = 0; i < gw; i++)
            {
                double x = (i + 0.5) * cell, y = (j + 0.5) * cell;
                double d = Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
                values[j * gw + i] = (float)Math.Clamp((radius - d) / feather, 0, 1);
            }
        }
        return new DensityMap(width, height, pxPerMm, cell, values);
    }

    [Fact]
    public void TryGetWindow_Cells_WholeCellsAroundTheNonZeroPixels()
    {
        // Cells of 8 px: one non-zero cell (5, 3) reaches pixels from the centre of cell 4 to that of cell 6.
        var values = new float[40 * 25];
        values[3 * 40 + 5] = 0.5f;
        var map = new DensityMap(320, 200, 5, 8, values);
        Assert.Equal(new PixelBox(36, 20, 52, 36), map.NonZeroBounds);
        Assert.True(PoissonDiscSampler.TryGetWindow(map, [], out var window));
        Assert.Equal(new PoissonDiscSampler.Window(32, 16, 24, 24, 0.5f), window);
    }

    [Fact]
    public void Sample_CellMap_NoViolationsDotsOnlyWhereTheDensityIsAboveZeroAtTheRequestedDensity()
    {
        const double pxPerMm = 16, dotsPerCm2 = 100;
        DensityMap map = CellDisc(1200, 1000, pxPerMm, 4, 600.5, 480, 360, 120);
        double inner = 360 - 120 - 16;
        double innerExpected = Math.PI * inner * inner * dotsPerCm2 / 100 / (pxPerMm * pxPerMm);
        for (ulong seed = 0; seed < 3; seed++)
        {
            DotField field = Sampler.Sample(map, new PoissonDiscOptions(dotsPerCm2, seed, SessionShares: [0.5, 0.3, 0.2]));
            Assert.Equal(0, DotFieldMetrics.MinDistanceViolations(field));
            int innerCount = 0;
            for (int i = 0; i < field.Count; i++)
            {
                Assert.True(map.Sample(field.X[i], field.Y[i]) > 0, $"dot {i} at ({field.X[i]}, {field.Y[i]}) where the density is 0");
                double dx = field.X[i] - 600.5, dy = field.Y[i] - 480;
                innerCount += dx * dx + dy * dy < inner * inner ? 1 : 0;
            }
            Assert.InRange(innerCount / innerExpected, 0.97, 1.03);
        }
    }

    [Fact]
    public void Sample_CellMapZoneMovedByWholeCells_SameDotsMovedByAsMuch()
    {
        // Cells of 4 px: a move of 35 × 4 by 52 × 4 px is a move by whole cells, so every cell value and every
        // window position's cell coordinate are the same. (A move by a fraction of a cell samples the zone at other
        // points: another map, other dots.)
        const double pxPerMm = 16;
        const int cell = 4, dx = 35 * cell, dy = 52 * cell;
        DensityMap small = CellDisc(700, 600, pxPerMm, cell, 330, 300.5, 230, 60);
        DensityMap large = CellDisc(1200, 1000, pxPerMm, cell, 330 + dx, 300.5 + dy, 230, 60);
        FixedPoint[] follicles = [new(280.25f, 290.5f, 14), new(360.75f, 330f, 18), new(98f, 300f, 30)];
        FixedPoint[] moved = follicles.Select(f => new FixedPoint(f.X + dx, f.Y + dy, f.Spacing)).ToArray();
        DotField a = Sampler.Sample(small, new PoissonDiscOptions(110, 7, SessionShares: [0.6, 0.4], FixedPoints: follicles));
        DotField b = Sampler.Sample(large, new PoissonDiscOptions(110, 7, SessionShares: [0.6, 0.4], FixedPoints: moved));
        Assert.True(a.Count > 300);
        PoissonDiscSamplerTests.AssertMovedBy(a, b, dx, dy);
    }

    [Fact]
    public void Sample_CellMap_SameDotsForAnyThreadCount()
    {
        DensityMap map = CellDisc(900, 700, 16, 4, 450, 350, 300, 90);
        DotField one = Sampler.Sample(map, new PoissonDiscOptions(90, 3, MaxDegreeOfParallelism: 1));
        DotField four = Sampler.Sample(map, new PoissonDiscOptions(90, 3, MaxDegreeOfParallelism: 4));
        Assert.Equal(one.X.ToArray(), four.X.ToArray());
        Assert.Equal(one.Y.ToArray(), four.Y.ToArray());
        Assert.Equal(one.Rank.ToArray(), four.Rank.ToArray());
    }
}
