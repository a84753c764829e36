using System.Globalization;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SmpRender.Color;

namespace SmpRender.Pigment;

/// <summary>
/// The pigment on one client's skin: which shade, how it looks through the skin, and the appearance of
/// every dot (size, softness, strength) by its rank, session, scar tissue, look and fading.
/// </summary>
/// <remarks>
/// <para>
/// Shade. SMP pigment is carbon black diluted with water; lighter skin and lighter hair get a more diluted
/// pigment. A dot is pigment seen through the upper dermis: in linear light it multiplies the skin's colour
/// by a per-channel transmittance T. The five presets are dilutions with luminance transmittance 0.42,
/// 0.32, 0.23, 0.16 and 0.11 at the centre of a full-strength healed dot. Seen through skin, black reads
/// cool (blue/ash), more so on deeper skin (medseoul.com, dariadart.com): blue is absorbed a little less than
/// red, by 6 % of the absorbance on light skin up to 16 % on the deepest. <see cref="PigmentShade.Auto"/>
/// picks the preset from the skin's L* (85 → 1, 30 → 5) averaged with the hair's L* (60 → 1, 15 → 5), or
/// with dark brown hair when no hair is seen.
/// </para>
/// <para>
/// Dots. Needles are 0.18-0.30 mm; a fresh dot is up to about the needle's size and heals smaller, blurred
/// by the skin (jonathangerow.com). Here a healed dot has a core of 0.9 × the needle diameter with a skin
/// blur of σ = 0.035 mm, so it reads about the needle's size (half-maximum width ≈ the needle); a fresh dot is 1.25 × larger, darker
/// (transmittance^1.3) and a little warm (blood). Sizes vary with a relative standard deviation of
/// <see cref="PigmentOptions.SizeJitter"/>, opacity by <see cref="PigmentOptions.OpacityJitter"/>, and every
/// dot is a slightly elongated (up to 1.25:1), slightly uneven ellipse at a random angle. On scar tissue
/// dots spread more (scalpguru.com) and the first passes are light: up to 25 % larger, 35 % lighter and
/// softer. A dot is then seen through the camera: its softness is at least the photo's own blur
/// (<see cref="PhotoBlurPx"/>, measured by <see cref="Imaging.PhotoBlur"/>), so that on a soft photo it is as
/// soft as the pores and stubble around it; on a sharp photo, at least the anti-aliasing blur of 0.6 px.
/// </para>
/// <para>
/// Sessions. Session 1 is the lightest (strength 0.70), session 2 fills and darkens (1.0), session 3 adds
/// detail and blends (0.85, dots 15 % smaller), later sessions 0.9 (bip.vn, smpaus.com.au).
/// </para>
/// <para>
/// Fading. Healed SMP fades lighter without a change of hue, and clients return for a touch-up every 3-8
/// years; UV exposure speeds fading and oily skin holds pigment longer than dry skin. The fraction of pigment
/// lost after <c>t</c> years is <c>0.85 · (1 − exp(−t / τ))</c>, τ = 6 years × sun (low 1.3, medium 1,
/// high 0.6) × skin (oily 1.25, normal 1, dry 0.8): about a third gone after 3 years and half after 6 at
/// medium sun on normal skin. Fading lowers every dot's strength by that fraction (the dot moves toward the
/// skin along the same per-channel transmittance, so its hue is kept) and blurs it a little (σ + 0.03 mm at
/// full fade).
/// </para>
/// </remarks>
public sealed class PigmentModel
{
    public const int PresetCount = 5;

    private static readonly double[] PresetTransmittance = [0.42, 0.32, 0.23, 0.16, 0.11];
    private static readonly float[] SessionStrength = [0.70f, 1.0f, 0.85f, 0.9f];

    private readonly float _coreDiameterMm;
    private readonly float _skinBlurMm;
    private readonly float _cameraSigma2;

    /// <param name="options">Shade, look, needle, fading and seed.</param>
    /// <param name="skin">The client's skin tone.</param>
    /// <param name="hair">The client's hair colour, when seen.</param>
    /// <param name="photoBlurPx">The photo's own blur σ in pixels (<see cref="Imaging.PhotoBlur"/>); 0 for a sharp photo.</param>
    public PigmentModel(PigmentOptions options, SkinTone skin, HairColor? hair = null, double photoBlurPx = 0)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(skin);
        if (!(photoBlurPx >= 0 && photoBlurPx <= MaxPhotoBlurPx))
        {
            throw new ArgumentOutOfRangeException(nameof(photoBlurPx), photoBlurPx, $"must be 0..{MaxPhotoBlurPx} px");
        }
        PhotoBlurPx = photoBlurPx;
        float camera = MathF.Max(AntiAliasSigma, (float)photoBlurPx);
        _cameraSigma2 = camera * camera;
        Options = options;
        Skin = skin;
        Hair = hair;
        LinearRgb skinLin = skin.Linear;
        LinearRgb t;
        switch (options.Shade)
        {
            case PigmentShade.ExplicitShade e:
                LinearRgb target = e.Color.ToLinear();
                t = new LinearRgb(Ratio(target.R, skinLin.R), Ratio(target.G, skinLin.G), Ratio(target.B, skinLin.B));
                PresetLevel = null;
                break;
            case PigmentShade.PresetShade p:
                PresetLevel = p.Level;
                t = Cool(PresetTransmittance[p.Level - 1], skin.Lab.L);
                break;
            default:
                PresetLevel = AutoLevel(skin, hair);
                t = Cool(PresetTransmittance[PresetLevel.Value - 1], skin.Lab.L);
                break;
        }
        if (options.Look == PigmentLook.Fresh)
        {
            t = new LinearRgb(Math.Min(0.98, Math.Pow(t.R, 1.3) * 1.08), Math.Pow(t.G, 1.3), Math.Pow(t.B, 1.3));
        }
        Transmittance = t;
        FullStrengthLab = (skinLin * t).ToLab();
        FadeFraction = FadeFractionOf(options.Fading);
        FadedLab = Mix(skinLin, t, 1 - FadeFraction).ToLab();
        _coreDiameterMm = (float)(options.NeedleDiameterMm * (options.Look == PigmentLook.Fresh ? 0.9 * 1.25 : 0.9));
        _skinBlurMm = (float)(options.Look == PigmentLook.Fresh ? 0.04 : 0.035);
    }

    public PigmentOptions Options { get; }

    /// <summary>The largest photo blur taken, px.</summary>
    public const double MaxPhotoBlurPx = 50;

    /// <summary>The photo's own blur σ in pixels, which every dot gets too (at least the anti-aliasing blur).</summary>
    public double PhotoBlurPx { get; }

    public SkinTone Skin { get; }

    public HairColor? Hair { get; }

    /// <summary>The preset used (chosen by auto or given), or null for an explicit colour.</summary>
    public int? PresetLevel { get; }

    /// <summary>Per-channel linear transmittance at the centre of a full-strength dot (before fading).</summary>
    public LinearRgb Transmittance { get; }

    /// <summary>Colour of the centre of a full-strength dot on this skin (session 2 strength, not faded).</summary>
    public Lab FullStrengthLab { get; }

    /// <summary>The same after <see cref="PigmentOptions.Fading"/>.</summary>
    public Lab FadedLab { get; }

    /// <summary>The chosen shade as it shows on this skin: the colour of a full-strength dot's centre.</summary>
    public Rgb8 ShadeColor => FullStrengthLab.ToRgb8();

    /// <summary>Contrast of the shade to the skin: skin L* minus the full-strength dot's L* (positive = darker).</summary>
    public double ContrastL => Skin.Lab.L - FullStrengthLab.L;

    /// <summary>Fraction of pigment lost to fading, 0..0.85.</summary>
    public double FadeFraction { get; }

    /// <summary>One line for reports: shade, its colour on the skin and its contrast.</summary>
    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"shade {(Options.Shade is PigmentShade.AutoShade ? $"auto ({PresetLevel})" : Options.Shade.ToString())}, dot {ShadeColor} on skin {Skin.Srgb}, ΔL* {ContrastL:0.0}");

    /// <summary>The preset auto picks for a skin and, when seen, a hair colour.</summary>
    public static int AutoLevel(SkinTone skin, HairColor? hair)
    {
        ArgumentNullException.ThrowIfNull(skin);
        double fromSkin = 1 + 4 * Math.Clamp((85 - skin.Lab.L) / 55, 0, 1);
        double fromHair = hair is null ? 4 : 1 + 4 * Math.Clamp((60 - hair.Lab.L) / 45, 0, 1);
        return Math.Clamp((int)Math.Round(0.5 * (fromSkin + fromHair), MidpointRounding.AwayFromZero), 1, PresetCount);
    }

    /// <summary>Fraction of pigment lost after the given fading: 0.85 · (1 − exp(−years / τ)).</summary>
    public static double FadeFractionOf(FadingOptions fading)
    {
        ArgumentNullException.ThrowIfNull(fading);
        double tau = 6.0
            * fading.Sun switch { SunExposure.Low => 1.3, SunExposure.High => 0.6, _ => 1.0 }
            * fading.Skin switch { SkinType.Oily => 1.25, SkinType.Dry => 0.8, _ => 1.0 };
        return 0.85 * (1 - Math.Exp(-fading.Years / tau));
    }

    /// <summary>
    /// The appearance of one dot, a pure function of the seed, the dot's rank and session, the scar weight
    /// under it (0..1) and the photo's scale.
    /// </summary>
    public DotAppearance Appearance(int rank, int session, float scar, double pxPerMm) =>
        Appearance(rank, session, scar, (float)pxPerMm);

    /// <summary>
    /// The same with the scale in single precision: one dot at a time in plain arithmetic (precompiled, nothing to compile
    /// on first use), the same operations in the same order as <see cref="Appearances"/>, so the same bits.
    /// </summary>
    internal DotAppearance Appearance(int rank, int session, float scar, float px)
    {
        ulong h = Mix(Options.Seed ^ 0xA0761D6478BD642FUL ^ (ulong)(uint)rank * 0xE7037ED1A0B428DBUL);
        float u1 = Unit(ref h), u2 = Unit(ref h), u3 = Unit(ref h), u4 = Unit(ref h), u5 = Unit(ref h);
        float u6 = Unit(ref h), u7 = Unit(ref h), u8 = Unit(ref h), u9 = Unit(ref h), u10 = Unit(ref h);
        float zSize = (u1 + u2 + u3 - 1.5f) * 2f;
        float zOpacity = (u4 + u5 + u6 - 1.5f) * 2f;
        scar = MathF.Min(MathF.Max(scar, 0f), 1f);
        int s = Math.Min(Math.Max(session, 1), SessionStrength.Length) - 1;
        float fade = (float)FadeFraction;

        float radius = 0.5f * _coreDiameterMm * px * Exp((float)Options.SizeJitter * zSize) * (s == 2 ? 0.85f : 1f) * (1f + 0.25f * scar);
        float aspect = 1f + 0.25f * u7;
        SinCosPi(u8, out float sin, out float cos);
        float healedSigma = Soft((_skinBlurMm + 0.04f * scar) * px);
        float sigma = Soft((_skinBlurMm + 0.04f * scar + 0.03f * fade) * px);
        float opacity = MathF.Min(MathF.Max(1f + (float)Options.OpacityJitter * zOpacity, 0.3f), 1.3f);
        float healedStrength = MathF.Min(MathF.Max(SessionStrength[s] * opacity * (1f - 0.35f * scar), 0f), 1f);
        float tilt = 0.3f / MathF.Max(radius + healedSigma, 0.5f);
        return DotAppearance.FromParts(radius, aspect, cos, sin, sigma, healedStrength * (1 - fade), tilt * (u9 - 0.5f), tilt * (u10 - 0.5f),
            fade > 0 ? healedSigma : 0f, fade > 0 ? healedStrength : 0f);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static float Unit(ref ulong h)
    {
        h = Mix(h + 0x9E3779B97F4A7C15UL);
        return (int)(h >> 40) * (1f / (1 << 24));
    }

    private static float Exp(float x)
    {
        float n = MathF.Round(x * 1.442695041f);
        float r = x - n * 0.693359375f - n * -2.12194440e-4f;
        float p = 1f / 5040;
        p = p * r + 1f / 720;
        p = p * r + 1f / 120;
        p = p * r + 1f / 24;
        p = p * r + 1f / 6;
        p = p * r + 0.5f;
        p = p * r + 1f;
        p = p * r + 1f;
        return p * BitConverter.Int32BitsToSingle(((int)n + 127) << 23);
    }

    private static void SinCosPi(float u, out float sin, out float cos)
    {
        float x = (u - 0.5f) * MathF.PI;
        float x2 = x * x;
        float s = -1f / 39916800;
        s = s * x2 + 1f / 362880;
        s = s * x2 + -1f / 5040;
        s = s * x2 + 1f / 120;
        s = s * x2 + -1f / 6;
        s = s * x2 * x + x;
        float c = 1f / 479001600;
        c = c * x2 + -1f / 3628800;
        c = c * x2 + 1f / 40320;
        c = c * x2 + -1f / 720;
        c = c * x2 + 1f / 24;
        c = c * x2 + -0.5f;
        c = c * x2 + 1f;
        sin = c;
        cos = -s;
    }

    private float Soft(float blurPx) => MathF.Sqrt(blurPx * blurPx + _cameraSigma2);

    /// <summary>
    /// The appearances of dots eight at a time, lane by lane exactly <see cref="Appearance"/>: the compositor's per-dot
    /// pass. <paramref name="ranks"/>, <paramref name="sessions"/> (1-based) and <paramref name="scars"/> hold eight
    /// entries per element of <paramref name="lanes"/>; a capped (faded) dot has <see cref="DotLanes.CapSigma"/> &gt; 0.
    /// </summary>
    internal void Appearances(ReadOnlySpan<int> ranks, ReadOnlySpan<int> sessions, ReadOnlySpan<float> scars, float px, Span<DotLanes> lanes)
    {
        if (ranks.Length < 8 * lanes.Length || sessions.Length < 8 * lanes.Length || scars.Length < 8 * lanes.Length)
        {
            throw new ArgumentException("eight ranks, sessions and scar weights per group are needed", nameof(lanes));
        }
        // A loop, so that even the first call runs optimised code with the helpers below inlined.
        for (int g = 0; g < lanes.Length; g++)
        {
            Eight(Vector256.Create(ranks.Slice(8 * g, 8)), Vector256.Create(sessions.Slice(8 * g, 8)), Vector256.Create(scars.Slice(8 * g, 8)),
                px, out lanes[g]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Eight(Vector256<int> ranks, Vector256<int> sessions, Vector256<float> scar, float px, out DotLanes d)
    {
        // Ten uniforms per dot from a chain of SplitMix64 steps seeded by the rank: four dots per 256-bit register.
        (Vector256<ulong> rankLo, Vector256<ulong> rankHi) = Vector256.Widen(ranks.AsUInt32());
        Vector256<ulong> seed = Vector256.Create(Options.Seed ^ 0xA0761D6478BD642FUL), rankMul = Vector256.Create(0xE7037ED1A0B428DBUL);
        Vector256<ulong> lo = Mix(seed ^ rankLo * rankMul), hi = Mix(seed ^ rankHi * rankMul);
        Vector256<float> u1 = Unit(ref lo, ref hi), u2 = Unit(ref lo, ref hi), u3 = Unit(ref lo, ref hi), u4 = Unit(ref lo, ref hi);
        Vector256<float> u5 = Unit(ref lo, ref hi), u6 = Unit(ref lo, ref hi), u7 = Unit(ref lo, ref hi), u8 = Unit(ref lo, ref hi);
        Vector256<float> u9 = Unit(ref lo, ref hi), u10 = Unit(ref lo, ref hi);

        // Sums of three uniforms: cheap, bounded, near-normal variates with unit variance.
        Vector256<float> onePointFive = Vector256.Create(1.5f), two = Vector256.Create(2f), one = Vector256<float>.One;
        Vector256<float> zSize = (u1 + u2 + u3 - onePointFive) * two;
        Vector256<float> zOpacity = (u4 + u5 + u6 - onePointFive) * two;
        scar = Vector256.Min(Vector256.Max(scar, Vector256<float>.Zero), one);
        Vector256<int> s = Vector256.Min(Vector256.Max(sessions, Vector256<int>.One), Vector256.Create(SessionStrength.Length)) - Vector256<int>.One;
        Vector256<float> third = Vector256.Equals(s, Vector256.Create(2)).AsSingle();
        Vector256<float> sessionStrength = Vector256.ConditionalSelect(Vector256.Equals(s, Vector256<int>.Zero).AsSingle(), Vector256.Create(SessionStrength[0]),
            Vector256.ConditionalSelect(Vector256.Equals(s, Vector256<int>.One).AsSingle(), Vector256.Create(SessionStrength[1]),
                Vector256.ConditionalSelect(third, Vector256.Create(SessionStrength[2]), Vector256.Create(SessionStrength[3]))));
        float fade = (float)FadeFraction;

        Vector256<float> radius = Vector256.Create(0.5f * _coreDiameterMm * px) * Exp(Vector256.Create((float)Options.SizeJitter) * zSize)
            * Vector256.ConditionalSelect(third, Vector256.Create(0.85f), one) * (one + Vector256.Create(0.25f) * scar);
        Vector256<float> aspect = one + Vector256.Create(0.25f) * u7;
        SinCosPi(u8, out Vector256<float> sin, out Vector256<float> cos);
        Vector256<float> healedBlurPx = (Vector256.Create(_skinBlurMm) + Vector256.Create(0.04f) * scar) * Vector256.Create(px);
        Vector256<float> blurPx = (Vector256.Create(_skinBlurMm) + Vector256.Create(0.04f) * scar + Vector256.Create(0.03f * fade)) * Vector256.Create(px);
        Vector256<float> healedSigma = Soft(healedBlurPx);
        Vector256<float> opacity = Vector256.Min(Vector256.Max(one + Vector256.Create((float)Options.OpacityJitter) * zOpacity, Vector256.Create(0.3f)), Vector256.Create(1.3f));
        Vector256<float> healedStrength = Vector256.Min(Vector256.Max(sessionStrength * opacity * (one - Vector256.Create(0.35f) * scar), Vector256<float>.Zero), one);
        Vector256<float> tilt = Vector256.Create(0.3f) / Vector256.Max(radius + healedSigma, Vector256.Create(0.5f));
        Vector256<float> half = Vector256.Create(0.5f);
        d.Radius = radius;
        d.Aspect = aspect;
        d.Cos = cos;
        d.Sin = sin;
        d.Sigma = Soft(blurPx);
        d.Strength = healedStrength * Vector256.Create(1 - fade);
        d.TiltX = tilt * (u9 - half);
        d.TiltY = tilt * (u10 - half);
        d.CapSigma = fade > 0 ? healedSigma : Vector256<float>.Zero;
        d.CapStrength = fade > 0 ? healedStrength : Vector256<float>.Zero;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Mix(Vector256<ulong> z)
    {
        z = (z ^ Vector256.ShiftRightLogical(z, 30)) * Vector256.Create(0xBF58476D1CE4E5B9UL);
        z = (z ^ Vector256.ShiftRightLogical(z, 27)) * Vector256.Create(0x94D049BB133111EBUL);
        return z ^ Vector256.ShiftRightLogical(z, 31);
    }

    /// <summary>The next step of both chains, as eight uniforms in [0, 1) (the top 24 bits of each state).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Unit(ref Vector256<ulong> lo, ref Vector256<ulong> hi)
    {
        Vector256<ulong> golden = Vector256.Create(0x9E3779B97F4A7C15UL);
        lo = Mix(lo + golden);
        hi = Mix(hi + golden);
        Vector256<uint> top = Vector256.Narrow(Vector256.ShiftRightLogical(lo, 40), Vector256.ShiftRightLogical(hi, 40));
        return Vector256.ConvertToSingle(top.AsInt32()) * Vector256.Create(1f / (1 << 24));
    }

    /// <summary>e^x for |x| ≤ 2 (a size jitter of at most 0.5 times a variate of at most 3): within 2 ulp.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Exp(Vector256<float> x)
    {
        Vector256<float> n = Vector256.Round(x * Vector256.Create(1.442695041f));
        Vector256<float> r = x - n * Vector256.Create(0.693359375f) - n * Vector256.Create(-2.12194440e-4f);
        Vector256<float> p = Vector256.Create(1f / 5040);
        p = p * r + Vector256.Create(1f / 720);
        p = p * r + Vector256.Create(1f / 120);
        p = p * r + Vector256.Create(1f / 24);
        p = p * r + Vector256.Create(1f / 6);
        p = p * r + Vector256.Create(0.5f);
        p = p * r + Vector256<float>.One;
        p = p * r + Vector256<float>.One;
        Vector256<float> scale = Vector256.ShiftLeft(Vector256.ConvertToInt32Native(n) + Vector256.Create(127), 23).AsSingle();
        return p * scale;
    }

    /// <summary>sin(πu) and cos(πu) for u in [0, 1), by Taylor polynomials on [−π/2, π/2].</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SinCosPi(Vector256<float> u, out Vector256<float> sin, out Vector256<float> cos)
    {
        // πu = π/2 + x with x in [−π/2, π/2): sin(πu) = cos x, cos(πu) = −sin x.
        Vector256<float> x = (u - Vector256.Create(0.5f)) * Vector256.Create(MathF.PI);
        Vector256<float> x2 = x * x;
        Vector256<float> s = Vector256.Create(-1f / 39916800);
        s = s * x2 + Vector256.Create(1f / 362880);
        s = s * x2 + Vector256.Create(-1f / 5040);
        s = s * x2 + Vector256.Create(1f / 120);
        s = s * x2 + Vector256.Create(-1f / 6);
        s = s * x2 * x + x;
        Vector256<float> c = Vector256.Create(1f / 479001600);
        c = c * x2 + Vector256.Create(-1f / 3628800);
        c = c * x2 + Vector256.Create(1f / 40320);
        c = c * x2 + Vector256.Create(-1f / 720);
        c = c * x2 + Vector256.Create(1f / 24);
        c = c * x2 + Vector256.Create(-0.5f);
        c = c * x2 + Vector256<float>.One;
        sin = c;
        cos = -s;
    }

    /// <summary>Total softness: the skin's blur and the camera's (the photo's blur, at least the anti-aliasing blur).</summary>
    private Vector256<float> Soft(Vector256<float> blurPx) =>
        Vector256.Sqrt(blurPx * blurPx + Vector256.Create(_cameraSigma2));

    /// <summary>
    /// Softness every dot gets from anti-aliasing, px: with σ ≥ 0.6 px a dot smaller than a pixel darkens the photo
    /// by the same total amount wherever it sits relative to the pixel grid (within ~1 %).
    /// </summary>
    private const float AntiAliasSigma = 0.6f;

    private static double Ratio(double target, double skin) =>
        skin <= 1e-6 ? 0.97 : Math.Clamp(target / skin, 0.01, 0.97);

    /// <summary>A neutral transmittance made slightly cool: blue absorbed less, red more, more so on deep skin.</summary>
    private static LinearRgb Cool(double t, double skinL)
    {
        double depth = Math.Clamp((75 - skinL) / 55, 0, 1);
        double c = 0.06 + 0.10 * depth;
        return new LinearRgb(Math.Pow(t, 1 + c), Math.Pow(t, 1 + 0.2 * c), Math.Pow(t, 1 - 0.6 * c));
    }

    private static LinearRgb Mix(LinearRgb skin, LinearRgb t, double strength) => new(
        skin.R * (1 - strength * (1 - t.R)), skin.G * (1 - strength * (1 - t.G)), skin.B * (1 - strength * (1 - t.B)));
}

/// <summary>Eight dots' appearances, one per lane (see <see cref="DotAppearance"/>).</summary>
internal struct DotLanes
{
    public Vector256<float> Radius, Aspect, Cos, Sin, Sigma, Strength, TiltX, TiltY, CapSigma, CapStrength;
}
