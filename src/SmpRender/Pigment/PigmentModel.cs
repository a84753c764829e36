using System.Globalization;
using SmpRender.Color;
using SmpRender.Imaging.Synthetic;

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
/// softer.
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

    public PigmentModel(PigmentOptions options, SkinTone skin, HairColor? hair = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(skin);
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
    public DotAppearance Appearance(int rank, int session, float scar, double pxPerMm)
    {
        ulong h = SplitMix64.Mix(Options.Seed ^ 0xA0761D6478BD642FUL ^ (ulong)(uint)rank * 0xE7037ED1A0B428DBUL);
        float u1 = Unit(ref h), u2 = Unit(ref h), u3 = Unit(ref h), u4 = Unit(ref h), u5 = Unit(ref h);
        float u6 = Unit(ref h), u7 = Unit(ref h), u8 = Unit(ref h), u9 = Unit(ref h), u10 = Unit(ref h);
        // Sums of three uniforms: cheap, bounded, near-normal variates with unit variance.
        float zSize = (u1 + u2 + u3 - 1.5f) * 2f;
        float zOpacity = (u4 + u5 + u6 - 1.5f) * 2f;
        scar = Math.Clamp(scar, 0f, 1f);
        int s = Math.Clamp(session, 1, SessionStrength.Length) - 1;
        float fade = (float)FadeFraction;
        float px = (float)pxPerMm;

        float radius = 0.5f * _coreDiameterMm * px * MathF.Exp((float)Options.SizeJitter * zSize)
            * (s == 2 ? 0.85f : 1f) * (1 + 0.25f * scar);
        float aspect = 1 + 0.25f * u7;
        float angle = MathF.PI * u8;
        float healedBlurMm = _skinBlurMm + 0.04f * scar;
        float blurMm = healedBlurMm + 0.03f * fade;
        float sigma = Soft(blurMm * px);
        float healedStrength = Math.Clamp(SessionStrength[s] * Math.Clamp(1 + (float)Options.OpacityJitter * zOpacity, 0.3f, 1.3f)
            * (1 - 0.35f * scar), 0f, 1f);
        float strength = healedStrength * (1 - fade);
        float tilt = 0.3f / MathF.Max(radius + Soft(healedBlurMm * px), 0.5f);
        return fade > 0
            ? new DotAppearance(radius, aspect, angle, sigma, strength, tilt * (u9 - 0.5f), tilt * (u10 - 0.5f), Soft(healedBlurMm * px), healedStrength)
            : new DotAppearance(radius, aspect, angle, sigma, strength, tilt * (u9 - 0.5f), tilt * (u10 - 0.5f));
    }

    /// <summary>Total softness: the skin's blur and a pixel-sized anti-aliasing blur (σ = 0.6 px).</summary>
    private static float Soft(float blurPx) => MathF.Sqrt(blurPx * blurPx + AntiAliasSigma * AntiAliasSigma);

    /// <summary>
    /// Softness every dot gets from anti-aliasing, px: with σ ≥ 0.6 px a dot smaller than a pixel darkens the photo
    /// by the same total amount wherever it sits relative to the pixel grid (within ~1 %).
    /// </summary>
    private const float AntiAliasSigma = 0.6f;

    private static float Unit(ref ulong h)
    {
        h = SplitMix64.Mix(h + 0x9E3779B97F4A7C15UL);
        return (h >> 40) * (1f / (1 << 24));
    }

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
