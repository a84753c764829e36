using SmpRender.Plans;
using SmpRender.Sampling;
using SmpRender.Zones;

namespace SmpRender.Tests.Plans;

public sealed class PlanTemplatesTests
{
    [Theory]
    [InlineData(ZoneKind.Crown)]
    [InlineData(ZoneKind.Hairline)]
    [InlineData(ZoneKind.Top)]
    public void Create_EachKind_ValidPlanCoveringPartOfThePhoto(ZoneKind kind)
    {
        Plan plan = PlanTemplates.Create(800, 600, kind);
        Assert.Equal(ScaleSource.HeadWidth, plan.Scale.Source);
        Assert.Equal(640 / 150.0, plan.Scale.PxPerMm, 12);
        Assert.Contains("150 mm", plan.Scale.Warning);
        // It survives its own file format and rasterizes to something that is neither empty nor everything.
        Plan read = PlanReader.Read(PlanWriter.Write(plan), "/", _ => true);
        DensityMap map = PlanRasterizer.Rasterize(read, 800, 600);
        double mean = map.Values.ToArray().Average(v => (double)v);
        Assert.InRange(mean, 0.1, 0.8);
        Assert.Equal(kind == ZoneKind.Hairline ? 0f : 1f, map.At(250, 270));
        Assert.Equal(kind == ZoneKind.Hairline ? 1f : 0f, map.At(400, 20));
        Assert.Equal(0f, map.At(400, 595));
    }

    [Theory]
    [InlineData(ZoneKind.Crown)]
    [InlineData(ZoneKind.Hairline)]
    [InlineData(ZoneKind.Top)]
    public void Create_AStripOfAPhoto_IsAValidPlanCoveringPartOfIt(ZoneKind kind)
    {
        // 8000x50: at the scale estimated from the width (42.7 px/mm) the photo is barely a millimetre high.
        Plan plan = PlanTemplates.Create(8000, 50, kind);
        Plan read = PlanReader.Read(PlanWriter.Write(plan), "/", _ => true);
        DensityMap map = PlanRasterizer.Rasterize(read, 8000, 50);
        Assert.True(map.MaxValue > 0);
        if (kind == ZoneKind.Crown)
        {
            var crown = Assert.IsType<CrownZone>(Assert.Single(plan.Zones));
            Assert.Equal((Length.Mm(45), Length.Mm(0.3)), (crown.RadiusX, crown.RadiusY));
        }
    }

    [Fact]
    public void Create_WithScale_UsesIt()
    {
        Plan plan = PlanTemplates.Create(4000, 3000, ZoneKind.Crown, PhysicalScale.FromPxPerMm(20));
        Assert.Null(plan.Scale.Warning);
        var crown = Assert.IsType<CrownZone>(Assert.Single(plan.Zones));
        Assert.Equal((Length.Mm(45), Length.Mm(38)), (crown.RadiusX, crown.RadiusY));
    }
}

public sealed class PlanRasterizerTests
{
    private static Plan MaskPlan(MaskFit fit) =>
        new(PhysicalScale.FromPxPerMm(5), [new MaskZone("/m.png", fit), new RegionZone([new(0, 0), new(3, 0), new(0, 3)]) { FeatherMm = 0 }]);

    [Fact]
    public void Rasterize_MaskSizeMismatch_PlanErrorWithPath()
    {
        MaskImage small = new(4, 4, new float[16]);
        var ex = Assert.Throws<PlanException>(() => PlanRasterizer.Rasterize(MaskPlan(MaskFit.Exact), 8, 8, _ => small));
        Assert.Equal("zones[0].path: the mask is 4x4 but the photo is 8x8: paint it at the photo's size or set \"fit\": \"stretch\"", ex.Message);
        Assert.Equal(8, PlanRasterizer.Rasterize(MaskPlan(MaskFit.Stretch), 8, 8, _ => small).Width);
    }

    [Fact]
    public void Rasterize_MaskLoaderFails_PlanErrorWithPath()
    {
        var ex = Assert.Throws<PlanException>(() => PlanRasterizer.Rasterize(MaskPlan(MaskFit.Exact), 8, 8, _ => throw new InvalidDataException("not a PNG")));
        Assert.Equal("zones[0].path: cannot read mask /m.png: not a PNG", ex.Message);
        Assert.Throws<ArgumentNullException>(() => PlanRasterizer.Rasterize(MaskPlan(MaskFit.Exact), 8, 8));
    }

    [Fact]
    public void Rasterize_RulerScale_SetsTheMapScaleAndPhysicalSizes()
    {
        // 200 px = 25 mm: 8 px/mm; a 5 mm-wide strip scar with no margin and no feather is 40 px wide.
        var plan = new Plan(PhysicalScale.FromRuler(new(100, 100), new(100, 300), 25),
            [ScarZone.Strip([new(10, 50), new(190, 50)], 5) with { MarginMm = 0, FeatherMm = 0 }]);
        DensityMap map = PlanRasterizer.Rasterize(plan, 200, 100);
        Assert.Equal(8, map.PxPerMm, 12);
        // Cells of 2 px (0.25 mm): the sharp edges become ramps one cell wide, and the width is what they integrate to.
        Assert.Equal(2, map.CellSize);
        double covered = Enumerable.Range(0, 100).Sum(y => (double)map.At(100, y));
        double body = Enumerable.Range(0, 100).Sum(y => (double)map.ScarAt(100, y));
        // The body's edge ramp is centred on the scar edge; the density's (its feather of at least one cell) starts
        // there: one more pixel on each side.
        Assert.Equal(42, covered, 0.5);
        Assert.Equal(40, body, 0.5);
        DensityMap perPixel = PlanRasterizer.Rasterize(plan, 200, 100, cellSize: 1);
        Assert.Equal(40, Enumerable.Range(0, 100).Count(y => perPixel.At(100, y) == 1f));
        Assert.Equal(40, Enumerable.Range(0, 100).Count(y => perPixel.ScarAt(100, y) == 1f));
    }
}
