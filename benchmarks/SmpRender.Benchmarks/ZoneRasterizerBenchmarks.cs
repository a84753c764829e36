using BenchmarkDotNet.Attributes;
using SmpRender.Plans;
using SmpRender.Sampling;
using SmpRender.Zones;

namespace SmpRender.Benchmarks;

/// <summary>Rasterizing plans for a 12 MP photo (4000 x 3000 at 20 px/mm, i.e. 200 x 150 mm).</summary>
[MemoryDiagnoser]
public class ZoneRasterizerBenchmarks
{
    private const int Width = 4000, Height = 3000;

    private Plan _hairline = null!, _crown = null!, _mixed = null!;

    [GlobalSetup]
    public void Setup()
    {
        var scale = PhysicalScale.FromPxPerMm(20);
        var hairline = new HairlineZone([new(600, 1800), new(2000, 1200), new(3400, 1800)], ScalpSide.Up, HairlineStyle.Natural);
        var crown = new CrownZone(new(2000, 600), Length.Mm(50), Length.Mm(40)) { FeatherMm = 12, Whorl = new(2050, 580) };
        _hairline = new Plan(scale, [hairline]);
        _crown = new Plan(scale, [crown]);
        _mixed = new Plan(scale,
        [
            hairline,
            crown,
            ScarZone.Strip([new(400, 2600), new(2000, 2700), new(3600, 2600)], 4),
            ScarZone.Dots([.. Enumerable.Range(0, 200).Select(i => new Point2(300 + (i * 97) % 3400, 2200 + (i * 61) % 300))], 1),
            new RegionZone([new(0, 2900), new(4000, 2900), new(4000, 3000), new(0, 3000)]) { Exclude = true },
        ]);
    }

    [Benchmark]
    public DensityMap Hairline() => PlanRasterizer.Rasterize(_hairline, Width, Height);

    [Benchmark]
    public DensityMap Crown() => PlanRasterizer.Rasterize(_crown, Width, Height);

    [Benchmark]
    public DensityMap HairlineCrownScarsExclusion() => PlanRasterizer.Rasterize(_mixed, Width, Height);
}
