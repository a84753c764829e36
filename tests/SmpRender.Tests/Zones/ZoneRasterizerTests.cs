using SmpRender.Sampling;
using SmpRender.Zones;

namespace SmpRender.Tests.Zones;

public sealed class ZoneRasterizerTests
{
    private static double Smooth(double t)
    {
        t = Math.Clamp(t, 0, 1);
        return t * t * (3 - 2 * t);
    }

    private static double SegmentDistance(double px, double py, Point2 a, Point2 b)
    {
        double dx = b.X - a.X, dy = b.Y - a.Y, len2 = dx * dx + dy * dy;
        double t = len2 > 0 ? Math.Clamp(((px - a.X) * dx + (py - a.Y) * dy) / len2, 0, 1) : 0;
        double ex = px - a.X - t * dx, ey = py - a.Y - t * dy;
        return Math.Sqrt(ex * ex + ey * ey);
    }

    private static MaskImage Mask(int width, int height, Func<int, int, float> value)
    {
        var values = new float[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                values[y * width + x] = value(x, y);
            }
        }
        return new MaskImage(width, height, values);
    }

    [Theory]
    [InlineData(4.0)]
    [InlineData(12.0)]
    public void Rasterize_RegionFeather_FollowsTheMmProfileAtAnyScale(double pxPerMm)
    {
        // A 40 x 40 mm square from (10, 10) mm, feather 6 mm straddling the edge.
        double s = pxPerMm;
        var region = new RegionZone([new(10 * s, 10 * s), new(50 * s, 10 * s), new(50 * s, 50 * s), new(10 * s, 50 * s)]) { FeatherMm = 6 };
        DensityMap map = ZoneRasterizer.Rasterize([region], (int)(60 * s), (int)(60 * s), s);
        DensityPng.SaveIfRequested(map, $"region-{pxPerMm}");
        int y = (int)(30 * s);
        for (int x = 0; x < (int)(30 * s); x++)
        {
            double insideMm = ((x + 0.5) / s) - 10;
            Assert.Equal(Smooth(0.5 + insideMm / 6), map.At(x, y), 0.01);
        }
    }

    [Fact]
    public void Rasterize_Crown_EdgeAtTheRadiiWithAngle_WhorlDips()
    {
        const double s = 8;
        var crown = new CrownZone(new(400, 300), Length.Mm(30), Length.Mm(20)) { AngleDeg = 90, FeatherMm = 6, Whorl = new(380, 310) };
        DensityMap map = ZoneRasterizer.Rasterize([crown], 800, 600, s, cellSize: 1);
        DensityPng.SaveIfRequested(map, "crown");
        // Rotated by 90°: the 30 mm radius runs vertically, the 20 mm one horizontally.
        Assert.Equal(0.5, map.Sample(400, 300 - 30 * s), 0.03);
        Assert.Equal(0.5, map.Sample(400, 300 + 30 * s), 0.03);
        Assert.Equal(0.5, map.Sample(400 + 20 * s, 300), 0.03);
        Assert.Equal(0.5, map.Sample(400 - 20 * s, 300), 0.03);
        Assert.Equal(0f, map.Sample(400 + 23.1 * s, 300));
        Assert.Equal(1f, map.Sample(400 + 16.9 * s, 300));
        Assert.Equal(1f, map.Sample(400, 300 + 26.9 * s));
        Assert.Equal(1 - CrownKernel.WhorlDip, map.Sample(380, 310), 0.01);
        Assert.Equal(1 - CrownKernel.WhorlDip * Math.Exp(-0.5), map.Sample(380 + CrownKernel.WhorlSigmaMm * s, 310), 0.01);
    }

    [Fact]
    public void Rasterize_CrownRadiiInPixels_EqualsTheSameRadiiInMm()
    {
        var mm = new CrownZone(new(200, 150), Length.Mm(15), Length.Mm(10)) { FeatherMm = 4 };
        var px = mm with { RadiusX = Length.Px(15 * 6.0), RadiusY = Length.Px(10 * 6.0) };
        DensityMap a = ZoneRasterizer.Rasterize([mm], 400, 300, 6), b = ZoneRasterizer.Rasterize([px], 400, 300, 6);
        Assert.True(a.Values.SequenceEqual(b.Values));
    }

    [Theory]
    [InlineData(5.0)]
    [InlineData(11.0)]
    public void Rasterize_StripScar_FullOverScarAndMargin_ScarLayerOnlyOnTheBody(double s)
    {
        Point2[] line = [new(10 * s, 30 * s), new(40 * s, 34 * s), new(70 * s, 28 * s)];
        var scar = ScarZone.Strip(line, 4) with { MarginMm = 3, FeatherMm = 2 };
        DensityMap map = ZoneRasterizer.Rasterize([scar], (int)(80 * s), (int)(60 * s), s, cellSize: 1);
        DensityPng.SaveIfRequested(map, $"scar-{s}");
        DensityPng.SaveIfRequested(map, $"scar-{s}-layer", scar: true);
        Assert.True(map.HasScar);
        for (int y = 0; y < map.Height; y++)
        {
            for (int x = 0; x < map.Width; x++)
            {
                double dPx = Math.Min(SegmentDistance(x + 0.5, y + 0.5, line[0], line[1]), SegmentDistance(x + 0.5, y + 0.5, line[1], line[2]));
                double dMm = dPx / s;
                float v = map.At(x, y), body = map.ScarAt(x, y);
                if (dMm <= 2 + 3)
                {
                    Assert.Equal(1f, v);
                }
                else if (dMm >= 2 + 3 + 2)
                {
                    Assert.Equal(0f, v);
                }
                else
                {
                    Assert.Equal(Smooth(1 - (dMm - 5) / 2), v, 0.001);
                }
                if (dPx <= 2 * s - 0.5)
                {
                    Assert.Equal(1f, body);
                }
                else if (dPx >= 2 * s + 0.5)
                {
                    Assert.Equal(0f, body);
                }
            }
        }
    }

    [Fact]
    public void Rasterize_DotScars_DiscsWithMargin()
    {
        const double s = 10;
        var scar = ScarZone.Dots([new(100, 100), new(130, 100)], 1) with { MarginMm = 3, FeatherMm = 3 };
        DensityMap map = ZoneRasterizer.Rasterize([scar], 300, 200, s, cellSize: 1);
        Assert.Equal(1f, map.ScarAt(100, 100));
        Assert.Equal(0f, map.ScarAt(106, 100));
        Assert.Equal(1f, map.At(100, 100 + 34));
        Assert.Equal(0f, map.At(100, 100 + 66));
        // Pixel centre (100.5, 149.5) is 4.95 mm from the scar centre: 0.5 + 3 mm of full density, then 1.45 of the 3 mm feather.
        Assert.Equal(Smooth(1 - (4.9503 - 3.5) / 3), map.At(100, 149), 0.001);
    }

    [Fact]
    public void Rasterize_NoScarZone_NoScarLayer()
    {
        DensityMap map = ZoneRasterizer.Rasterize([new RegionZone([new(0, 0), new(10, 0), new(10, 10)])], 20, 20, 5);
        Assert.False(map.HasScar);
    }

    [Fact]
    public void Rasterize_Mask_GreyLevelsAreTheDensity()
    {
        MaskImage mask = Mask(64, 32, (x, y) => (x / 16) * 0.25f + (y == 0 ? 0.25f : 0f) * (x < 16 ? 1 : 0));
        DensityMap map = ZoneRasterizer.Rasterize([new MaskZone("m.png")], 64, 32, 5, loadMask: _ => mask, cellSize: 1);
        Assert.True(map.Values.SequenceEqual(mask.Values));
        Assert.Equal(0.75f, map.At(50, 10));
    }

    [Fact]
    public void Rasterize_MaskOnCells_ExactIsTheCellMeanStretchIsReadAtTheCellCentre()
    {
        // Cells of 2 px over a 5 x 3 photo: 3 x 2 cells, the last column and row holding one pixel.
        MaskImage exact = Mask(5, 3, (x, y) => (x + 5 * y) / 16f);
        DensityMap map = ZoneRasterizer.Rasterize([new MaskZone("m.png")], 5, 3, 5, loadMask: _ => exact, cellSize: 2);
        Assert.Equal((3, 2), (map.GridWidth, map.GridHeight));
        Assert.Equal([(0 + 1 + 5 + 6) / 64f, (2 + 3 + 7 + 8) / 64f, (4 + 9) / 32f, (10 + 11) / 32f, (12 + 13) / 32f, 14 / 16f], map.Values.ToArray());
        // A 2 x 1 mask stretched over 8 x 2 px: cell centres at x = 1, 3, 5, 7 fall at mask x = -0.25, 0.25, 0.75, 1.25.
        MaskImage small = Mask(2, 1, (x, _) => x);
        DensityMap stretched = ZoneRasterizer.Rasterize([new MaskZone("m.png", MaskFit.Stretch)], 8, 2, 5, loadMask: _ => small, cellSize: 2);
        Assert.Equal([0f, 0.25f, 0.75f, 1f], stretched.Values.ToArray());
    }

    [Fact]
    public void Rasterize_MaskStretch_Bilinear_AndMismatchWithoutStretchThrows()
    {
        MaskImage mask = Mask(2, 1, (x, _) => x);
        DensityMap map = ZoneRasterizer.Rasterize([new MaskZone("m.png", MaskFit.Stretch)], 8, 2, 5, loadMask: _ => mask, cellSize: 1);
        // Pixel centres at 0.5..7.5 of 8 map to 0.125..1.875 of 2: 0 up to the first centre, then linear, then 1.
        float[] expected = [0, 0, 0.125f, 0.375f, 0.625f, 0.875f, 1, 1];
        for (int x = 0; x < 8; x++)
        {
            Assert.Equal(expected[x], map.At(x, 1), 5);
        }
        var ex = Assert.Throws<ArgumentException>(() => ZoneRasterizer.Rasterize([new MaskZone("m.png")], 8, 2, 5, loadMask: _ => mask));
        Assert.Contains("the mask is 2x1 but the photo is 8x2", ex.Message);
    }

    [Fact]
    public void Rasterize_UnionByMaximum()
    {
        MaskImage a = Mask(10, 10, (x, _) => x < 5 ? 0.3f : 0.8f), b = Mask(10, 10, (_, y) => y < 5 ? 0.6f : 0.1f);
        DensityMap map = ZoneRasterizer.Rasterize([new MaskZone("a"), new MaskZone("b")], 10, 10, 5, loadMask: p => p == "a" ? a : b);
        Assert.Equal(0.6f, map.At(0, 0));
        Assert.Equal(0.8f, map.At(9, 0));
        Assert.Equal(0.3f, map.At(0, 9));
        Assert.Equal(0.8f, map.At(9, 9));
    }

    [Fact]
    public void Rasterize_Exclusions_MultiplyByOneMinusTheirValue_InAnyOrder()
    {
        MaskImage full = Mask(10, 10, (_, _) => 1f), half = Mask(10, 10, (x, _) => x < 5 ? 0.5f : 0f);
        Zone include = new MaskZone("full"), exclude = new MaskZone("half") { Exclude = true };
        var eyes = new RegionZone([new(0, 6), new(10, 6), new(10, 10), new(0, 10)]) { FeatherMm = 0, Exclude = true };
        MaskImage Load(string p) => p == "full" ? full : half;
        DensityMap map = ZoneRasterizer.Rasterize([exclude, include, eyes, exclude], 10, 10, 5, loadMask: Load);
        Assert.Equal(0.25f, map.At(2, 2));
        Assert.Equal(1f, map.At(7, 2));
        Assert.Equal(0f, map.At(7, 8));
        Assert.Equal(0f, map.At(2, 8));
    }

    [Fact]
    public void Rasterize_OnlyExclusions_IsEmpty()
    {
        var region = new RegionZone([new(0, 0), new(10, 0), new(10, 10)]) { Exclude = true };
        DensityMap map = ZoneRasterizer.Rasterize([region], 10, 10, 5);
        Assert.All(map.Values.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Rasterize_ZoneOutsideThePhoto_ContributesNothing()
    {
        var crown = new CrownZone(new(-500, -500), Length.Mm(10), Length.Mm(10));
        DensityMap map = ZoneRasterizer.Rasterize([crown], 50, 40, 5);
        Assert.All(map.Values.ToArray(), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Rasterize_MaskWithoutLoader_Throws()
    {
        var ex = Assert.Throws<ArgumentException>(() => ZoneRasterizer.Rasterize([new MaskZone("m.png")], 10, 10, 5));
        Assert.Contains("no mask loader", ex.Message);
    }

    [Fact]
    public void Zones_InvalidArguments_ThrowNamingTheArgument()
    {
        Assert.Equal("Points", Assert.Throws<ArgumentException>(() => new HairlineZone([new(0, 0)], ScalpSide.Up)).ParamName);
        Assert.Equal("BandDepthMm", Assert.Throws<ArgumentOutOfRangeException>(() => new HairlineZone([new(0, 0), new(1, 1)], ScalpSide.Up) { BandDepthMm = -1 }).ParamName);
        Assert.Equal("RadiusX", Assert.Throws<ArgumentOutOfRangeException>(() => new CrownZone(new(0, 0), Length.Mm(0), Length.Mm(1))).ParamName);
        Assert.Equal("widthMm", Assert.Throws<ArgumentOutOfRangeException>(() => ScarZone.Strip([new(0, 0), new(1, 1)], -2)).ParamName);
        Assert.Equal("Polygon", Assert.Throws<ArgumentOutOfRangeException>(() => new RegionZone([new(0, 0), new(double.NaN, 1), new(2, 2)])).ParamName);
        // Enough points, but not enough different ones.
        Assert.Equal("Points", Assert.Throws<ArgumentException>(() => new HairlineZone([new(4, 4), new(4, 4)], ScalpSide.Up)).ParamName);
        Assert.Equal("Polygon", Assert.Throws<ArgumentException>(() => new RegionZone([new(0, 0), new(2, 2), new(0, 0)])).ParamName);
        Assert.Equal("polyline", Assert.Throws<ArgumentException>(() => ScarZone.Strip([new(1, 1), new(1, 1)], 2)).ParamName);
    }
}
