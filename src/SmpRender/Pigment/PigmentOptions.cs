using SmpRender.Color;

namespace SmpRender.Pigment;

/// <summary>How the pigment shade is chosen.</summary>
public abstract record PigmentShade
{
    private PigmentShade()
    {
    }

    /// <summary>Chosen from the skin and hair colour: lighter skin and lighter hair get a more diluted pigment.</summary>
    public static PigmentShade Auto { get; } = new AutoShade();

    /// <summary>One of five dilutions of carbon black, 1 (most diluted, lightest) to 5 (darkest).</summary>
    public static PigmentShade Preset(int level) => new PresetShade(level);

    /// <summary>
    /// An explicit colour: the colour the centre of a healed dot should show on this skin. It must be darker
    /// than the skin; channels that are not are held just below the skin.
    /// </summary>
    public static PigmentShade Explicit(Rgb8 color) => new ExplicitShade(color);

    public sealed record AutoShade : PigmentShade
    {
        public override string ToString() => "auto";
    }

    public sealed record PresetShade : PigmentShade
    {
        public PresetShade(int level)
        {
            if (level is < 1 or > PigmentModel.PresetCount)
            {
                throw new ArgumentOutOfRangeException(nameof(level), level, $"must be 1..{PigmentModel.PresetCount}");
            }
            Level = level;
        }

        public int Level { get; }

        public override string ToString() => Level.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public sealed record ExplicitShade(Rgb8 Color) : PigmentShade
    {
        public override string ToString() => Color.ToHex();
    }
}

/// <summary>Healed (weeks after a session; the default) or fresh (just done: a little larger and darker).</summary>
public enum PigmentLook
{
    Healed,
    Fresh,
}

public enum SunExposure
{
    Low,
    Medium,
    High,
}

public enum SkinType
{
    Oily,
    Normal,
    Dry,
}

/// <summary>How far the pigment has faded: years since it healed, sun exposure and skin type.</summary>
public sealed record FadingOptions
{
    private readonly double _years;

    public FadingOptions(double years = 0, SunExposure sun = SunExposure.Medium, SkinType skin = SkinType.Normal)
    {
        Years = years;
        Sun = Enum.IsDefined(sun) ? sun : throw new ArgumentOutOfRangeException(nameof(sun), sun, "unknown sun exposure");
        Skin = Enum.IsDefined(skin) ? skin : throw new ArgumentOutOfRangeException(nameof(skin), skin, "unknown skin type");
    }

    public static FadingOptions None { get; } = new();

    /// <summary>Years since the pigment healed (0 = just healed), 0..50.</summary>
    public double Years { get => _years; init => _years = Preconditions.InRange(value, 0, 50); }

    public SunExposure Sun { get; init; }

    public SkinType Skin { get; init; }
}

/// <summary>Options of the pigment: shade, look, needle, fading and the seed of the per-dot variation.</summary>
public sealed record PigmentOptions
{
    private readonly PigmentShade _shade = PigmentShade.Auto;
    private readonly double _needle = 0.25;
    private readonly double _sizeJitter = 0.12;
    private readonly double _opacityJitter = 0.12;
    private readonly FadingOptions _fading = FadingOptions.None;
    private readonly PigmentLook _look;

    public PigmentOptions(PigmentShade? shade = null, PigmentLook look = PigmentLook.Healed, double needleDiameterMm = 0.25,
        FadingOptions? fading = null, ulong seed = 0)
    {
        Shade = shade ?? PigmentShade.Auto;
        Look = look;
        NeedleDiameterMm = needleDiameterMm;
        Fading = fading ?? FadingOptions.None;
        Seed = seed;
    }

    /// <summary>Smallest dot diameter (mm) a plan may ask for: finer than any SMP needle.</summary>
    public const double MinNeedleDiameterMm = 0.10;

    /// <summary>Largest dot diameter (mm): a spread scar dot, twice the largest common needle.</summary>
    public const double MaxNeedleDiameterMm = 0.50;

    public PigmentShade Shade { get => _shade; init => _shade = value ?? throw new ArgumentNullException(nameof(Shade)); }

    public PigmentLook Look
    {
        get => _look;
        init => _look = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Look), value, "unknown look");
    }

    /// <summary>Needle diameter in mm, 0.10..0.50 (0.18-0.30 in practice; 0.20 and 0.25 the common choices).</summary>
    public double NeedleDiameterMm { get => _needle; init => _needle = Preconditions.InRange(value, MinNeedleDiameterMm, MaxNeedleDiameterMm); }

    /// <summary>Relative standard deviation of the dot size, 0..0.5 (natural variation of depth and angle).</summary>
    public double SizeJitter { get => _sizeJitter; init => _sizeJitter = Preconditions.InRange(value, 0, 0.5); }

    /// <summary>Relative standard deviation of the dot opacity, 0..0.5.</summary>
    public double OpacityJitter { get => _opacityJitter; init => _opacityJitter = Preconditions.InRange(value, 0, 0.5); }

    public FadingOptions Fading { get => _fading; init => _fading = value ?? throw new ArgumentNullException(nameof(Fading)); }

    /// <summary>Seed of the per-dot variation: the same seed and dot ranks give bit-identical dots.</summary>
    public ulong Seed { get; init; }
}
