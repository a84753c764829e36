using BenchmarkDotNet.Attributes;
using SmpRender.Color;
using SmpRender.Compositing;
using SmpRender.Imaging;
using SmpRender.Imaging.Synthetic;
using SmpRender.IO;
using SmpRender.Pigment;
using SmpRender.Plans;
using SmpRender.Rendering;
using SmpRender.Sampling;
using SmpRender.Zones;

namespace SmpRender.Benchmarks.Rendering;

/// <summary>
/// The stages of a preview of a generated 4000x3000 (12 MP) scalp photo, warm, beside the JPEG decode of
/// that photo:
/// <list type="bullet">
/// <item><c>SampleAndComposite100k</c>: 100k dots sampled over the whole photo at 11 px/mm and 100 dots/cm²,
/// then composited: the work the pigment stage is measured by against the decode. In one session, and in the
/// three of a treatment (each session a maximal field filling between the earlier ones).</item>
/// <item><c>Prepare</c>, <c>Dots</c>, <c>Composite</c>: the stages of the full-top plan of
/// <c>benchmarks/e2e/run.sh</c> (a feathered region, 22.4 px/mm, 90 dots/cm², about 5.6k dots).</item>
/// <item><c>Analyze</c>: the analysis inside <c>Prepare</c> (skin tone, then hair colour) over that plan's zones;
/// <c>DetectHair</c>: the existing hairs a plan asking for density work between them adds.</item>
/// </list>
/// <c>Threads</c> = 1 runs every loop on one thread (as in a batch); -1 uses every core.
/// </summary>
[MemoryDiagnoser]
public class PreviewBenchmarks
{
    private const int Width = 4000, Height = 3000;

    private byte[] _jpeg = null!;
    private Photo _photo = null!;
    private Photo _target = null!;
    private Plan _plan = null!;
    private PreviewScene _scene = null!;
    private DensityMap _uniform = null!;
    private Plan _uniformPlan = null!;

    [Params(1, -1)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        using SyntheticScalp scalp = ScalpPhotoGenerator.Generate(ScalpPhotoOptions.ForMonk(4, seed: 21) with
        {
            Width = Width,
            Height = Height,
            HairDensity = 0.9,
        });
        _jpeg = PhotoCodec.Encode(scalp.Photo, PhotoFormat.Jpeg, new EncodeOptions(Quality: 92));
        _photo = PhotoCodec.Decode(_jpeg, "scalp.jpg");
        _target = _photo.Clone();
        Point2[] top = [.. Enumerable.Range(0, 24).Select(i =>
        {
            (double x, double y) = scalp.ToPixel(0.62 * Math.Cos(i * Math.PI / 12), -0.05 + 0.62 * Math.Sin(i * Math.PI / 12));
            return new Point2(Math.Round(x), Math.Round(y));
        })];
        _plan = new Plan(PhysicalScale.FromPxPerMm(Math.Round(scalp.PxPerMm, 3)), [new RegionZone(top) { FeatherMm = 12 }]) { Seed = 7, Sessions = 3 };
        _scene = PreviewScene.Prepare(_photo, _plan);
        _uniform = DensityMap.Uniform(Width, Height, 11);
        _uniformPlan = _plan with { Scale = PhysicalScale.FromPxPerMm(11), Density = _plan.Density with { DotsPerCm2 = 100 } };
        Console.WriteLine($"// full top: {_scene.Dots.Count:N0} dots; uniform: {Sample(_uniform, 100, 1).Count:N0} dots in one session");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _photo.Dispose();
        _target.Dispose();
    }

    private Parallelism.Scope Limit() => Threads > 0 ? Parallelism.Limit(Threads) : default;

    private static DotField Sample(DensityMap map, double dotsPerCm2, int sessions) =>
        new PoissonDiscSampler().Sample(map, new PoissonDiscOptions(dotsPerCm2, 7, SessionShares.For(sessions), [], Parallelism.MaxDegree));

    [Benchmark(Baseline = true)]
    public Photo JpegDecode()
    {
        using Parallelism.Scope limit = Limit();
        using Photo photo = PhotoCodec.Decode(_jpeg, "scalp.jpg");
        return photo;
    }

    [Benchmark]
    public int SampleAndComposite100k() => SampleAndComposite(sessions: 1);

    [Benchmark]
    public int SampleAndComposite100kThreeSessions() => SampleAndComposite(sessions: 3);

    private int SampleAndComposite(int sessions)
    {
        using Parallelism.Scope limit = Limit();
        DotField dots = Sample(_uniform, 100, sessions);
        var pigment = new PigmentModel(PreviewScene.PigmentOptionsFor(_uniformPlan, null), _scene.Skin, _scene.Hair);
        DotCompositor.Apply(_target, dots, pigment, _uniform, SessionSelection.All, Threads);
        return dots.Count;
    }

    /// <summary>The sampling of <see cref="SampleAndComposite100k"/> alone.</summary>
    public int Sample100k()
    {
        using Parallelism.Scope limit = Limit();
        return Sample(_uniform, 100, 1).Count;
    }

    [Benchmark]
    public PreviewScene Prepare()
    {
        using Parallelism.Scope limit = Limit();
        return PreviewScene.Prepare(_photo, _plan);
    }

    [Benchmark]
    public HairColor? Analyze()
    {
        using Parallelism.Scope limit = Limit();
        SkinTone skin = SkinToneAnalyzer.Analyze(_photo, _scene.Density);
        return SkinToneAnalyzer.AnalyzeHair(_photo, _scene.Density, skin);
    }

    [Benchmark]
    public int DetectHair()
    {
        using Parallelism.Scope limit = Limit();
        return HairDetector.Detect(_photo, _scene.Density).Count;
    }

    /// <summary>The full top's dots in the given number of sessions (for the sampler lab).</summary>
    public DotField DotsIn(int sessions)
    {
        using Parallelism.Scope limit = Limit();
        return Sample(_scene.Density, _plan.Density.DotsPerCm2, sessions);
    }

    [Benchmark]
    public int Dots()
    {
        using Parallelism.Scope limit = Limit();
        return Sample(_scene.Density, _plan.Density.DotsPerCm2, _plan.Sessions).Count;
    }

    [Benchmark]
    public void Composite()
    {
        using Parallelism.Scope limit = Limit();
        DotCompositor.Apply(_target, _scene.Dots, _scene.Pigment(), _scene.Density, SessionSelection.All, Threads);
    }
}
