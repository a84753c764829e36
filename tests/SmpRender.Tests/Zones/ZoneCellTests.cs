using SmpRender.Sampling;
using SmpRender.Zones;
using Xunit.Abstractions;

namespace SmpRender.Tests.Zones;

/// <summary>
/// The density map's cells: how coarse they can be. Every zone type is rasterized once per pixel and once on cells,
/// and the cells, interpolated back to the photo's pixel centres, are compared with the per-pixel map.
/// </summary>
public sealed class ZoneCellTests(ITestOutputHelper output)
{
    /// <summary>16 px/mm: cells of 2, 4, 8 and 16 px are 0.125, 0.25, 0.5 and 1 mm.</summary>
    /// <remarks>
    /// Measured here (largest difference of the 1 mm local mean density / at one pixel):
    /// cells of 0.125 mm 0.005 / 0.05, 0.25 mm 0.020 / 0.11, 0.5 mm 0.091 / 0.24, 1 mm 0.40 / 0.69, the hairline's
    /// stray-dot islands (Gaussians of 0.42 mm) the worst everywhere; the crown, the soft mask and the strip scar
    /// stay under 0.05 even at 1 mm. Cells of 0.25 mm make FUE scar bodies 2.5% larger (a one-cell edge ramp).
    /// </remarks>
    private const double S = 16;

    private const int Width = 70 * 16, Height = 56 * 16;

    private static Point2 Mm(double x, double y) => new(x * S, y * S);

    /// <summary>A disc of radius 12 mm at (40, 30) mm blurred by a Gaussian of 1.5 mm (a soft painted brush), or hard.</summary>
    private static MaskImage PaintedDisc(bool soft)
    {
        var values = new float[Width * Height];
        for (int y = 0; y < Height; y++)
        {
            for (int x = 0; x < Width; x++)
            {
                double d = Math.Sqrt(Math.Pow((x + 0.5) / S - 40, 2) + Math.Pow((y + 0.5) / S - 30, 2)) - 12;
                values[y * Width + x] = soft ? (float)(0.5 * Erfc(d / (1.5 * Math.Sqrt(2)))) : d < 0 ? 0.8f : 0f;
            }
        }
        return new MaskImage(Width, Height, values);
    }

    private static double Erfc(double x) => 1 - MathNet.Numerics.SpecialFunctions.Erf(x);

    /// <summary>The zone types with the widths a plan uses (defaults, and the tightest a technician would draw).</summary>
    public static TheoryData<string> Cases => new()
    {
        "hairline-natural", "hairline-defined-band", "crown-whorl", "region-feather-4", "region-exclusion",
        "fut-strip", "fue-dots", "fue-dots-tight", "mask-soft", "mask-hard",
    };

    private static (Zone[] Zones, Func<string, MaskImage>? Load) Build(string name)
    {
        Point2[] square = [Mm(15, 12), Mm(60, 10), Mm(62, 46), Mm(12, 44)];
        return name switch
        {
            "hairline-natural" => ([new HairlineZone([Mm(-5, 30), Mm(25, 22), Mm(50, 26), Mm(75, 31)], ScalpSide.Down, HairlineStyle.Natural)], null),
            "hairline-defined-band" => ([new HairlineZone([Mm(-5, 20), Mm(35, 14), Mm(75, 22)], ScalpSide.Down, HairlineStyle.Defined) { BandOnly = true, BandDepthMm = 20 }], null),
            "crown-whorl" => ([new CrownZone(Mm(35, 28), Length.Mm(22), Length.Mm(16)) { AngleDeg = 25, Whorl = Mm(38, 26) }], null),
            "region-feather-4" => ([new RegionZone(square)], null),
            "region-exclusion" => ([new RegionZone(square) { FeatherMm = 8 },
                new CrownZone(Mm(30, 25), Length.Mm(6), Length.Mm(4)) { FeatherMm = 3, Exclude = true },
                new RegionZone([Mm(45, 30), Mm(55, 30), Mm(55, 38)]) { Exclude = true }], null),
            "fut-strip" => ([ScarZone.Strip([Mm(8, 30), Mm(35, 34), Mm(62, 27)], 1.5)], null),
            "fue-dots" => ([ScarZone.Dots([.. Enumerable.Range(0, 40).Select(i => Mm(12 + (i * 37) % 46, 10 + (i * 23) % 36))], 1)], null),
            "fue-dots-tight" => ([ScarZone.Dots([.. Enumerable.Range(0, 40).Select(i => Mm(12 + (i * 37) % 46, 10 + (i * 23) % 36))], 1) with { MarginMm = 0.5, FeatherMm = 1 }], null),
            "mask-soft" => ([new MaskZone("soft")], _ => PaintedDisc(soft: true)),
            "mask-hard" => ([new MaskZone("hard")], _ => PaintedDisc(soft: false)),
            _ => throw new ArgumentOutOfRangeException(nameof(name)),
        };
    }

    /// <summary>Side in mm of the squares over which the local density is compared: about one dot spacing at 100 dots/cm².</summary>
    private const double LocalMm = 1;

    /// <summary>
    /// The largest difference of the mean density over any <see cref="LocalMm"/> square of pixels (what the dots can
    /// follow: a field cannot show a density change narrower than its spacing), the largest difference at a single
    /// pixel centre, and the relative difference of the sums (the number of dots placed).
    /// </summary>
    private static (double Local, double Pixel, double Sum) Compare(DensityMap fine, DensityMap cells, bool scar)
    {
        int w = fine.Width, h = fine.Height;
        // Summed-area table of the difference, and the sums.
        var table = new double[(w + 1) * (h + 1)];
        double pixel = 0, sumFine = 0, sumCells = 0;
        for (int y = 0; y < h; y++)
        {
            double row = 0;
            for (int x = 0; x < w; x++)
            {
                double a = scar ? fine.ScarAt(x, y) : fine.At(x, y), b = scar ? cells.ScarAt(x, y) : cells.At(x, y);
                pixel = Math.Max(pixel, Math.Abs(a - b));
                sumFine += a;
                sumCells += b;
                row += b - a;
                table[(y + 1) * (w + 1) + x + 1] = table[y * (w + 1) + x + 1] + row;
            }
        }
        int k = (int)(LocalMm * S);
        double local = 0;
        for (int y = 0; y + k <= h; y++)
        {
            for (int x = 0; x + k <= w; x++)
            {
                double sum = table[(y + k) * (w + 1) + x + k] - table[y * (w + 1) + x + k] - table[(y + k) * (w + 1) + x] + table[y * (w + 1) + x];
                local = Math.Max(local, Math.Abs(sum) / (k * k));
            }
        }
        return (local, pixel, sumFine > 0 ? sumCells / sumFine - 1 : 0);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CellSize_EveryZoneType_LocalDensityWithinTolerance(string name)
    {
        (Zone[] zones, Func<string, MaskImage>? load) = Build(name);
        int cell = ZoneRasterizer.CellSizeFor(S);
        Assert.Equal(ZoneRasterizer.MaxCellMm, cell / S);
        DensityMap fine = ZoneRasterizer.Rasterize(zones, Width, Height, S, 5, load, cellSize: 1);
        DensityMap cells = ZoneRasterizer.Rasterize(zones, Width, Height, S, 5, load);
        Assert.Equal(cell, cells.CellSize);
        Assert.Equal(fine.HasScar, cells.HasScar);
        (double local, double pixel, double sum) = Compare(fine, cells, scar: false);
        output.WriteLine(FormattableString.Invariant($"{name}: density local {local:0.0000} pixel {pixel:0.0000} sum {sum:+0.0000;-0.0000}"));
        if (name == "mask-hard")
        {
            // A hard painted edge (0.8 to 0 from one pixel to the next) becomes a ramp over a cell: the local means
            // near it move by up to 0.04, single pixels by up to half the step.
            Assert.InRange(local, 0, 0.05);
            Assert.InRange(pixel, 0, 0.45);
        }
        else
        {
            Assert.InRange(local, 0, ZoneRasterizer.CellTolerance);
            Assert.InRange(pixel, 0, 0.12);
        }
        Assert.InRange(Math.Abs(sum), 0, 0.001);
        if (fine.HasScar)
        {
            // The scar body's edge is a ramp one lattice step wide: a pixel wide per pixel, a cell wide on cells.
            (double scarLocal, _, double scarSum) = Compare(fine, cells, scar: true);
            output.WriteLine(FormattableString.Invariant($"{name}: scar local {scarLocal:0.0000} sum {scarSum:+0.0000;-0.0000}"));
            Assert.InRange(scarLocal, 0, 0.07);
            Assert.InRange(Math.Abs(scarSum), 0, 0.03);
        }
    }

    [Fact]
    public void CellSize_TwiceTheChosenCell_HairlineIslandsExceedTheTolerance()
    {
        // The chosen cell is the coarsest power of two within tolerance: the next one up is not.
        (Zone[] zones, _) = Build("hairline-natural");
        DensityMap fine = ZoneRasterizer.Rasterize(zones, Width, Height, S, 5, cellSize: 1);
        DensityMap twice = ZoneRasterizer.Rasterize(zones, Width, Height, S, 5, cellSize: 2 * ZoneRasterizer.CellSizeFor(S));
        (double local, _, _) = Compare(fine, twice, scar: false);
        Assert.True(local > 2 * ZoneRasterizer.CellTolerance, $"local difference {local}");
    }

    [Theory]
    [InlineData(0.5, 1)]
    [InlineData(3.9, 1)]
    [InlineData(8, 2)]
    [InlineData(16, 4)]
    [InlineData(22.4, 4)]
    [InlineData(40, 8)]
    public void CellSizeFor_Scale_LargestPowerOfTwoWithinTheMaxCell(double pxPerMm, int expected) =>
        Assert.Equal(expected, ZoneRasterizer.CellSizeFor(pxPerMm));
}

public sealed class ZoneCellEdgeTests
{
    [Fact]
    public void Rasterize_PhotoSmallerThanACell_OneCellAndDotsStillPlaced()
    {
        // 40 px/mm: cells of 8 px, more than this 6 x 5 photo.
        var region = new RegionZone([new(-10, -10), new(20, -10), new(20, 20), new(-10, 20)]) { FeatherMm = 0.1 };
        DensityMap map = ZoneRasterizer.Rasterize([region], 6, 5, 40);
        Assert.Equal((8, 1, 1), (map.CellSize, map.GridWidth, map.GridHeight));
        Assert.Equal(1f, map.At(5, 4));
        Assert.Equal(new PixelBox(0, 0, 6, 5), map.NonZeroBounds);
        DotField field = new PoissonDiscSampler().Sample(map, new PoissonDiscOptions(400, 1));
        Assert.True(field.Count >= 1);
        Assert.Equal(0, DotFieldMetrics.MinDistanceViolations(field));
    }

    [Fact]
    public void Rasterize_CellsAtAnyThreadCount_SameValues()
    {
        HairlineZone zone = new([new(-50, 300), new(600, 200), new(1300, 320)], ScalpSide.Down, HairlineStyle.Natural);
        DensityMap one, all;
        using (Parallelism.Limit(1))
        {
            one = ZoneRasterizer.Rasterize([zone], 1200, 900, 16, 3);
        }
        all = ZoneRasterizer.Rasterize([zone], 1200, 900, 16, 3);
        Assert.Equal(4, one.CellSize);
        Assert.True(one.Values.SequenceEqual(all.Values));
    }
}
