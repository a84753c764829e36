using System.Globalization;
using SmpRender.Zones;
using SmpRender.Pigment;

namespace SmpRender.Plans;

/// <summary>
/// A treatment plan: the physical scale of the photo, the zones, and the settings of the dots, pigment, sessions
/// and fading. Immutable; validated on construction; read and written as versioned JSON by
/// <see cref="PlanReader"/> and <see cref="PlanWriter"/>.
/// </summary>
public sealed record Plan
{
    public const int CurrentVersion = 1;

    public Plan(PhysicalScale scale, IReadOnlyList<Zone> zones)
    {
        Scale = scale;
        Zones = zones;
    }

    /// <summary>The plan file format version (1).</summary>
    public int Version
    {
        get;
        init => field = value == CurrentVersion ? value : throw new ArgumentOutOfRangeException(nameof(Version), value, $"only version {CurrentVersion} is supported");
    } = CurrentVersion;

    public PhysicalScale Scale { get; init => field = value ?? throw new ArgumentNullException(nameof(Scale)); }

    /// <summary>Seed of every random choice (dots, irregularity): the same seed gives bit-identical output.</summary>
    public long Seed { get; init; } = 1;

    public DensitySettings Density { get; init => field = value ?? throw new ArgumentNullException(nameof(Density)); } = new();

    public DotSettings Dots { get; init => field = value ?? throw new ArgumentNullException(nameof(Dots)); } = new();

    public PigmentSettings Pigment { get; init => field = value ?? throw new ArgumentNullException(nameof(Pigment)); } = new();

    /// <summary>Number of sessions (1-4, default 3).</summary>
    public int Sessions { get; init => field = (int)Preconditions.InRange(value, 1, 4, nameof(Sessions)); } = 3;

    /// <summary>How the result has faded after some years, or null for the healed result.</summary>
    public FadingSettings? Fading { get; init; }

    /// <summary>Existing hair to work between, or null.</summary>
    public HairSettings? Hair { get; init; }

    /// <summary>Free text for people (client, consultation notes); not used by rendering.</summary>
    public string? Notes { get; init; }

    /// <summary>The zones in order; at least one that is not an exclusion.</summary>
    public IReadOnlyList<Zone> Zones
    {
        get;
        init
        {
            ArgumentNullException.ThrowIfNull(value, nameof(Zones));
            Zone[] copy = [.. value];
            if (copy.Any(z => z is null))
            {
                throw new ArgumentException("must not contain null", nameof(Zones));
            }
            if (!copy.Any(z => !z.Exclude))
            {
                throw new ArgumentException("needs at least one zone that is not an exclusion", nameof(Zones));
            }
            field = copy;
        }
    }

    /// <summary>A copy with some settings changed (for variants, batches and sheets).</summary>
    public Plan With(double? dotsPerCm2 = null, Shade? shade = null, PigmentLook? look = null, int? sessions = null,
        long? seed = null, double? diameterMm = null, FadingSettings? fading = null) =>
        this with
        {
            Density = dotsPerCm2 is { } d ? Density with { DotsPerCm2 = d } : Density,
            Pigment = Pigment with { Shade = shade ?? Pigment.Shade, Look = look ?? Pigment.Look },
            Sessions = sessions ?? Sessions,
            Seed = seed ?? Seed,
            Dots = diameterMm is { } mm ? Dots with { DiameterMm = mm } : Dots,
            Fading = fading ?? Fading,
        };
}

/// <summary>Full density in dots per cm² (default 90; natural follicular density is 65-110 FU/cm²).</summary>
public sealed record DensitySettings
{
    public const double DefaultDotsPerCm2 = 90;

    public DensitySettings(double dotsPerCm2 = DefaultDotsPerCm2)
    {
        DotsPerCm2 = dotsPerCm2;
    }

    public double DotsPerCm2 { get; init => field = Preconditions.InRange(value, 1, 400, nameof(DotsPerCm2)); }
}

/// <summary>The needle used.</summary>
public enum Needle
{
    /// <summary>Single-point round ("1rl"): hairline detail.</summary>
    OneRound,

    /// <summary>Three-point round ("3rl"): fill.</summary>
    ThreeRound,
}

/// <summary>Dot size (default 0.25 mm, the common needle) and the needle, if stated.</summary>
public sealed record DotSettings
{
    public const double DefaultDiameterMm = 0.25;

    public DotSettings(double diameterMm = DefaultDiameterMm, Needle? needle = null)
    {
        DiameterMm = diameterMm;
        Needle = needle;
    }

    public double DiameterMm { get; init => field = Preconditions.InRange(value, PigmentOptions.MinNeedleDiameterMm, PigmentOptions.MaxNeedleDiameterMm, nameof(DiameterMm)); }

    public Needle? Needle { get; init; }
}

/// <summary>Kind of <see cref="Shade"/>.</summary>
public enum ShadeKind
{
    /// <summary>Matched to the client's skin by the pigment stage.</summary>
    Auto,

    /// <summary>A dilution level 1 (lightest) to 5 (darkest).</summary>
    Level,

    /// <summary>An explicit colour.</summary>
    Color,
}

/// <summary>The pigment shade: "auto", a level 1-5, or "#rrggbb".</summary>
public readonly record struct Shade
{
    private Shade(ShadeKind kind, int level, uint rgb)
    {
        Kind = kind;
        LevelValue = level;
        Rgb = rgb;
    }

    public static Shade Auto => default;

    public ShadeKind Kind { get; }

    /// <summary>1-5 for <see cref="ShadeKind.Level"/>, else 0.</summary>
    public int LevelValue { get; }

    /// <summary>0xRRGGBB for <see cref="ShadeKind.Color"/>, else 0.</summary>
    public uint Rgb { get; }

    public static Shade Level(int level) =>
        new(ShadeKind.Level, (int)Preconditions.InRange(level, 1, 5, nameof(level)), 0);

    public static Shade Color(byte r, byte g, byte b) => new(ShadeKind.Color, 0, (uint)(r << 16 | g << 8 | b));

    /// <summary>Parses "auto", "1".."5" or "#rrggbb"; false for anything else.</summary>
    public static bool TryParse(string? text, out Shade shade)
    {
        shade = Auto;
        text = text?.Trim();
        if (string.Equals(text, "auto", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int level) && level is >= 1 and <= 5)
        {
            shade = Level(level);
            return true;
        }
        if (text is { Length: 7 } && text[0] == '#' && uint.TryParse(text.AsSpan(1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out uint rgb))
        {
            shade = new Shade(ShadeKind.Color, 0, rgb);
            return true;
        }
        return false;
    }

    /// <summary>The plan's spelling: "auto", "3" or "#rrggbb".</summary>
    public override string ToString() => Kind switch
    {
        ShadeKind.Level => LevelValue.ToString(CultureInfo.InvariantCulture),
        ShadeKind.Color => "#" + Rgb.ToString("x6", CultureInfo.InvariantCulture),
        _ => "auto",
    };
}

/// <summary>Pigment shade (default auto) and look (default healed).</summary>
public sealed record PigmentSettings(Shade Shade = default, PigmentLook Look = PigmentLook.Healed);

/// <summary>Fading after some years: UV speeds it, oily skin holds pigment longer than dry skin.</summary>
public sealed record FadingSettings
{
    public FadingSettings(double years, SunExposure sun = SunExposure.Medium, SkinType skin = SkinType.Normal)
    {
        Years = years;
        Sun = sun;
        Skin = skin;
    }

    public double Years { get; init => field = Preconditions.InRange(value, 0, 50, nameof(Years)); }

    public SunExposure Sun { get; init; }

    public SkinType Skin { get; init; }
}

/// <summary>Existing hair: with <see cref="AvoidExisting"/> the dots go between hairs (density work).</summary>
public sealed record HairSettings(bool AvoidExisting);
