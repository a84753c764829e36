using System.Diagnostics;
using SmpRender.Color;
using SmpRender.Compositing;
using SmpRender.Imaging;
using SmpRender.Pigment;
using SmpRender.Plans;
using SmpRender.Sampling;
using SmpRender.Zones;

namespace SmpRender.Rendering;

/// <summary>
/// Everything a preview of one plan on one photo needs, computed once: the density map of the zones,
/// the client's skin tone and hair colour, existing hairs (for density work) and the dot field of all
/// sessions. Renders then differ only in which sessions are shown, the shade and the years of fading,
/// so a session strip or a shade sheet samples the dots once.
/// </summary>
public sealed class PreviewScene
{
    private readonly FixedPoint[] _hairPoints;
    private DotField? _dots;
    private bool _consumed;

    private PreviewScene(Photo photo, Plan plan, DensityMap density, SkinTone skin, HairColor? hair, BlurReading photoBlur,
        FixedPoint[] hairPoints, double densityMs, double analysisMs)
    {
        Photo = photo;
        Plan = plan;
        Density = density;
        Skin = skin;
        Hair = hair;
        PhotoBlurReading = photoBlur;
        _hairPoints = hairPoints;
        DensityMs = densityMs;
        AnalysisMs = analysisMs;
    }

    /// <summary>The photo before treatment. Only <see cref="RenderInPlace"/> modifies it.</summary>
    public Photo Photo { get; }

    public Plan Plan { get; }

    public DensityMap Density { get; }

    public SkinTone Skin { get; }

    public HairColor? Hair { get; }

    /// <summary>The photo's own blur σ in pixels around the zones (<see cref="PhotoBlur"/>), which the dots get too.</summary>
    public double PhotoBlurPx => PhotoBlurReading.SigmaPx;

    /// <summary>The photo's blur with the number of spots it was measured on (not measured when too few).</summary>
    public BlurReading PhotoBlurReading { get; }

    /// <summary>Existing hairs the dots were kept away from (empty unless the plan asks for density work).</summary>
    public int HairPointCount => _hairPoints.Length;

    public double DensityMs { get; }

    public double AnalysisMs { get; }

    /// <summary>Time the sampler took for the dot field, once it has been sampled.</summary>
    public double SampleMs { get; private set; }

    /// <summary>Rasterizes the plan's zones over the photo and analyses its skin and hair.</summary>
    public static PreviewScene Prepare(Photo photo, Plan plan, Func<string, MaskImage>? loadMask = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(plan);
        return Prepare(photo, SceneZones.Rasterize(plan, photo.Width, photo.Height, loadMask));
    }

    /// <summary>
    /// Analyses the photo's skin and hair for zones rasterized beforehand (for instance while the photo was being
    /// decoded). The scene is the same as <see cref="Prepare(Photo, Plan, Func{string, MaskImage}?)"/> gives.
    /// </summary>
    /// <exception cref="ArgumentException">The zones were rasterized for a photo of another size (parameter name "photo").</exception>
    public static PreviewScene Prepare(Photo photo, SceneZones zones) => Prepare(photo, zones, Analyze(photo, zones));

    /// <summary>
    /// The scene from zones and an analysis of this photo made beforehand for the same zones (see <see cref="Analyze"/>;
    /// the zones may have sampled their dots since, <see cref="SceneZones.WithSampledDots"/>).
    /// </summary>
    /// <exception cref="ArgumentException">The zones were rasterized for a photo of another size (parameter name "photo"),
    /// or the analysis was made for other zones (parameter name "analysis").</exception>
    public static PreviewScene Prepare(Photo photo, SceneZones zones, SceneAnalysis analysis)
    {
        CheckSize(photo, zones);
        ArgumentNullException.ThrowIfNull(analysis);
        if (!ReferenceEquals(analysis.Density, zones.Density))
        {
            throw new ArgumentException("the analysis was made for other zones", nameof(analysis));
        }
        var scene = new PreviewScene(photo, zones.Plan, zones.Density, analysis.Skin, analysis.Hair, analysis.PhotoBlurReading,
            analysis.HairPoints, zones.DensityMs, analysis.Ms);
        if (zones.SampledDots is { } dots)
        {
            scene._dots = dots;
            scene.SampleMs = zones.SampleMs;
        }
        return scene;
    }

    /// <summary>
    /// The photo's skin tone and hair colour inside the zones, its blur around them, and its existing hairs when the plan avoids them: the
    /// part of <see cref="Prepare(Photo, SceneZones)"/> that reads the photo, which may run while the dots are sampled.
    /// </summary>
    /// <exception cref="ArgumentException">The zones were rasterized for a photo of another size (parameter name "photo").</exception>
    public static SceneAnalysis Analyze(Photo photo, SceneZones zones)
    {
        CheckSize(photo, zones);
        DensityMap density = zones.Density;
        long start = Stopwatch.GetTimestamp();
        SkinTone skin = SkinToneAnalyzer.Analyze(photo, density);
        HairColor? hair = SkinToneAnalyzer.AnalyzeHair(photo, density, skin);
        BlurReading blur = PhotoBlur.Read(photo, density);
        FixedPoint[] hairPoints = [];
        if (zones.DotsNeedPhoto)
        {
            HairPoints found = HairDetector.Detect(photo, density);
            float keep = (float)(HairClearanceMm * density.PxPerMm);
            hairPoints = new FixedPoint[found.Count];
            for (int i = 0; i < hairPoints.Length; i++)
            {
                hairPoints[i] = new FixedPoint(found.X[i], found.Y[i], keep);
            }
        }
        return new SceneAnalysis(density, skin, hair, blur, hairPoints, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    private static void CheckSize(Photo photo, SceneZones zones)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(zones);
        if (photo.Width != zones.Density.Width || photo.Height != zones.Density.Height)
        {
            throw new ArgumentException(
                $"the zones were rasterized for a {zones.Density.Width}x{zones.Density.Height} photo, not {photo.Width}x{photo.Height}", nameof(photo));
        }
    }

    /// <summary>How far a dot keeps from an existing hair: a dot on a follicle would be lost in it.</summary>
    public const double HairClearanceMm = 0.5;

    /// <summary>
    /// The same photo, zones and analysis with another plan whose zones and scale are the same (a variant
    /// of density, shade, look, sessions, seed, diameter or fading). The dots are sampled again only when
    /// the variant changes what they depend on.
    /// </summary>
    public PreviewScene WithPlan(Plan variant)
    {
        ArgumentNullException.ThrowIfNull(variant);
        ObjectDisposedException.ThrowIf(_consumed, this);
        var scene = new PreviewScene(Photo, variant, Density, Skin, Hair, PhotoBlurReading, _hairPoints, DensityMs, AnalysisMs);
        if (_dots is not null && variant.Density == Plan.Density && variant.Seed == Plan.Seed && variant.Sessions == Plan.Sessions)
        {
            scene._dots = _dots;
            scene.SampleMs = SampleMs;
        }
        return scene;
    }

    /// <summary>The dot field of every session, sampled on first use.</summary>
    public DotField Dots
    {
        get
        {
            if (_dots is null)
            {
                long start = Stopwatch.GetTimestamp();
                _dots = SampleDots(Plan, Density, _hairPoints);
                SampleMs = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            }
            return _dots;
        }
    }

    /// <summary>The dot field of every session of a plan over a density map, kept away from the given hairs.</summary>
    internal static DotField SampleDots(Plan plan, DensityMap density, IReadOnlyList<FixedPoint> hairPoints)
    {
        var options = new PoissonDiscOptions(plan.Density.DotsPerCm2, unchecked((ulong)plan.Seed),
            SessionShares.For(plan.Sessions), hairPoints, Parallelism.MaxDegree);
        return new PoissonDiscSampler().Sample(density, options);
    }

    /// <summary>The pigment for this client, with the plan's fading or the given one.</summary>
    public PigmentModel Pigment(FadingSettings? fading = null) =>
        new(PigmentOptionsFor(Plan, fading ?? Plan.Fading), Skin, Hair, PhotoBlurPx);

    /// <summary>
    /// The preview: a new photo with the selected sessions' dots composited on a copy of the photo.
    /// </summary>
    /// <param name="sessions">Which sessions to show; null shows every session of the plan (the finished result).</param>
    /// <param name="fading">Years of fading to show; null uses the plan's.</param>
    public Photo Render(SessionSelection? sessions = null, FadingSettings? fading = null)
    {
        ObjectDisposedException.ThrowIf(_consumed, this);
        DotField dots = Dots;
        PigmentModel pigment = Pigment(fading);
        Photo after = Photo.Clone();
        DotCompositor.Apply(after, dots, pigment, Density, sessions ?? SessionSelection.All, Parallelism.Options.MaxDegreeOfParallelism);
        return after;
    }

    /// <summary>
    /// The preview composited on the scene's own photo, without a copy: for the last render of a scene, when
    /// the photo before treatment is no longer needed (a copy of a 12 MP photo is 48 MB written). Afterwards
    /// <see cref="Photo"/> is the preview and the scene renders nothing more.
    /// </summary>
    public Photo RenderInPlace(SessionSelection? sessions = null, FadingSettings? fading = null)
    {
        ObjectDisposedException.ThrowIf(_consumed, this);
        DotField dots = Dots;
        PigmentModel pigment = Pigment(fading);
        _consumed = true;
        DotCompositor.Apply(Photo, dots, pigment, Density, sessions ?? SessionSelection.All, Parallelism.Options.MaxDegreeOfParallelism);
        return Photo;
    }

    /// <summary>Maps the plan's pigment, dot and fading settings to the pigment model's options.</summary>
    public static PigmentOptions PigmentOptionsFor(Plan plan, FadingSettings? fading)
    {
        ArgumentNullException.ThrowIfNull(plan);
        PigmentShade shade = plan.Pigment.Shade.Kind switch
        {
            ShadeKind.Level => PigmentShade.Preset(plan.Pigment.Shade.LevelValue),
            ShadeKind.Color => PigmentShade.Explicit(new Rgb8((byte)(plan.Pigment.Shade.Rgb >> 16), (byte)(plan.Pigment.Shade.Rgb >> 8), (byte)plan.Pigment.Shade.Rgb)),
            _ => PigmentShade.Auto,
        };
        FadingOptions fadingOptions = fading is null ? FadingOptions.None : new FadingOptions(fading.Years, fading.Sun, fading.Skin);
        return new PigmentOptions(shade, plan.Pigment.Look, plan.Dots.DiameterMm)
        {
            Fading = fadingOptions,
            Seed = unchecked((ulong)plan.Seed),
        };
    }
}

/// <summary>What a scene reads from the photo: skin tone, hair colour, blur and existing hairs (see <see cref="PreviewScene.Analyze"/>).</summary>
public sealed class SceneAnalysis
{
    internal SceneAnalysis(DensityMap density, SkinTone skin, HairColor? hair, BlurReading photoBlur, FixedPoint[] hairPoints, double ms)
    {
        Density = density;
        Skin = skin;
        Hair = hair;
        PhotoBlurReading = photoBlur;
        HairPoints = hairPoints;
        Ms = ms;
    }

    public SkinTone Skin { get; }

    public HairColor? Hair { get; }

    /// <summary>The photo's blur σ in pixels around the zones (<see cref="PhotoBlur"/>).</summary>
    public double PhotoBlurPx => PhotoBlurReading.SigmaPx;

    /// <summary>The photo's blur with the number of spots it was measured on.</summary>
    public BlurReading PhotoBlurReading { get; }

    /// <summary>The density map of the zones it was made for.</summary>
    internal DensityMap Density { get; }

    internal FixedPoint[] HairPoints { get; }

    /// <summary>Time the analysis took in milliseconds.</summary>
    public double Ms { get; }
}
