using SmpRender.Color;

namespace SmpRender.Imaging.Synthetic;

/// <summary>Which scar, if any, a synthetic scalp carries.</summary>
public enum SyntheticScar
{
    None,
    /// <summary>A follicular-unit transplant (strip) scar: a pale linear band across the back of the head.</summary>
    FutStrip,
    /// <summary>Follicular-unit extraction scars: hundreds of small pale dots in the donor area.</summary>
    FueDots,
}

/// <summary>
/// An ellipse in head coordinates: the head spans [-1, 1] in u (left to right) and v (front, at the top
/// of the image, to back), so (0, 0) is the top of the head.
/// </summary>
public sealed record HeadEllipse(double CenterU, double CenterV, double RadiusU, double RadiusV)
{
    public bool Contains(double u, double v)
    {
        double du = (u - CenterU) / RadiusU, dv = (v - CenterV) / RadiusV;
        return du * du + dv * dv <= 1;
    }

    /// <summary>1 inside, fading to 0 over <paramref name="feather"/> of the radius outside.</summary>
    public double Weight(double u, double v, double feather)
    {
        double du = (u - CenterU) / RadiusU, dv = (v - CenterV) / RadiusV;
        double r = Math.Sqrt(du * du + dv * dv);
        return Math.Clamp((1 + feather - r) / feather, 0, 1);
    }
}

/// <summary>
/// Options of a synthetic photo of a shaved scalp seen from above, the face towards the top of the image.
/// Every property is validated when set.
/// </summary>
public sealed record ScalpPhotoOptions
{
    private readonly int _width = 512;
    private readonly int _height = 512;
    private readonly double _headWidthMm = 150;
    private readonly double _hairDensity = 0.7;
    private readonly double _hairLengthMm = 0.4;
    private readonly double _noise = 2.0;
    private readonly double _poreStrength = 1.0;
    private readonly double _shine = 1.0;
    private readonly double _thinningDensity = 0.2;

    public int Width { get => _width; init => _width = Preconditions.Positive(value); }

    public int Height { get => _height; init => _height = Preconditions.Positive(value); }

    /// <summary>Seed of every random choice: the same options give a bit-identical photo.</summary>
    public ulong Seed { get; init; }

    /// <summary>Skin colour: what the photo shows, on average, on the top of the head (a third of the way to the edge).</summary>
    public Rgb8 Skin { get; init; } = MonkSkinTone.Swatch(4);

    /// <summary>Hair (stubble) colour.</summary>
    public Rgb8 Hair { get; init; } = new(0x2a, 0x22, 0x1d);

    public Rgb8 Background { get; init; } = new(0x7d, 0x84, 0x8c);

    /// <summary>Physical width of the head across the image; sets <see cref="SyntheticScalp.PxPerMm"/>.</summary>
    public double HeadWidthMm { get => _headWidthMm; init => _headWidthMm = Preconditions.InRange(value, 50, 400); }

    /// <summary>Stubble density on the sides and back, 0 (none) to 1 (about 160 hairs per cm², a full shaved fringe).</summary>
    public double HairDensity { get => _hairDensity; init => _hairDensity = Preconditions.InRange(value, 0, 1); }

    /// <summary>Mean visible length of the shaved stubble, mm.</summary>
    public double HairLengthMm { get => _hairLengthMm; init => _hairLengthMm = Preconditions.InRange(value, 0, 10); }

    /// <summary>An area of sparse hair on the top (for density work), or null for a bald top.</summary>
    public HeadEllipse? ThinningArea { get; init; }

    /// <summary>Hair density inside <see cref="ThinningArea"/>, relative to the full fringe density.</summary>
    public double ThinningDensity { get => _thinningDensity; init => _thinningDensity = Preconditions.InRange(value, 0, 1); }

    public SyntheticScar Scar { get; init; }

    /// <summary>Sensor noise: standard deviation in 8-bit code values.</summary>
    public double Noise { get => _noise; init => _noise = Preconditions.InRange(value, 0, 20); }

    /// <summary>Strength of pores and fine skin texture, 0..2 (1 = typical).</summary>
    public double PoreStrength { get => _poreStrength; init => _poreStrength = Preconditions.InRange(value, 0, 2); }

    /// <summary>Strength of the specular highlight, 0..2 (1 = a typical oily shine).</summary>
    public double Shine { get => _shine; init => _shine = Preconditions.InRange(value, 0, 2); }

    /// <summary>Options for a skin of a Monk Skin Tone level (1..10).</summary>
    public static ScalpPhotoOptions ForMonk(int level, ulong seed = 0) => new() { Skin = MonkSkinTone.Swatch(level), Seed = seed };
}
