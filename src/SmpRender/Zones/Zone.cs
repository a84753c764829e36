namespace SmpRender.Zones;

/// <summary>
/// An area of the scalp that receives (or, when <see cref="Exclude"/> is set, is kept free of) dots.
/// Zones combine into a density map: union by maximum, exclusion by multiplication with (1 - exclusion).
/// </summary>
public abstract record Zone
{
    private protected Zone()
    {
    }

    /// <summary>Subtractive: the zone removes density instead of adding it.</summary>
    public bool Exclude { get; init; }

    /// <summary>The plan's name for the zone type: hairline, crown, region, scar or mask.</summary>
    public abstract string TypeName { get; }

    internal static double NonNegative(double value, string name) => Preconditions.NonNegative(value, name);

    internal static double Positive(double value, string name) => Preconditions.Positive(value, name);

    /// <summary>Points closer than this (in pixels) are one point to a zone.</summary>
    internal const double MinPointGapPx = 0.01;

    /// <summary>
    /// How many of the points are at least <see cref="MinPointGapPx"/> from each other, counted up to
    /// <paramref name="enough"/>: a line needs two such points and an outline three (a zone's kernel drops a point
    /// that repeats the one before it).
    /// </summary>
    internal static int DifferentPoints(IReadOnlyList<Point2> points, int enough)
    {
        var kept = new List<Point2>(enough);
        foreach (Point2 p in points)
        {
            if (kept.TrueForAll(q => double.Hypot(p.X - q.X, p.Y - q.Y) >= MinPointGapPx))
            {
                kept.Add(p);
                if (kept.Count == enough)
                {
                    break;
                }
            }
        }
        return kept.Count;
    }

    internal static Point2[] CheckedPoints(IReadOnlyList<Point2> points, int min, string name)
    {
        ArgumentNullException.ThrowIfNull(points, name);
        if (points.Count < min)
        {
            throw new ArgumentException($"needs at least {min} points, got {points.Count}", name);
        }
        var copy = new Point2[points.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = Point2.Checked(points[i], name);
        }
        int distinct = DifferentPoints(copy, min);
        if (min > 1 && distinct < min)
        {
            throw new ArgumentException($"needs at least {min} different points, got {distinct}", name);
        }
        return copy;
    }
}

/// <summary>How the hairline's transition looks.</summary>
public enum HairlineStyle
{
    /// <summary>Faded, 8 mm transition, gentle undulation (the default clients pick).</summary>
    Soft,

    /// <summary>Sharper, 3 mm transition, little irregularity.</summary>
    Defined,

    /// <summary>Between the two (5 mm) with the most irregularity: more strays, clusters and undulation.</summary>
    Natural,
}

/// <summary>Which side of the hairline is scalp: a direction in the photo or a point on the scalp.</summary>
public sealed record ScalpSide
{
    private ScalpSide(ScalpDirection? direction, Point2? point)
    {
        Direction = direction;
        Point = point;
    }

    public static ScalpSide Up { get; } = new(ScalpDirection.Up, null);

    public static ScalpSide Down { get; } = new(ScalpDirection.Down, null);

    public static ScalpSide Left { get; } = new(ScalpDirection.Left, null);

    public static ScalpSide Right { get; } = new(ScalpDirection.Right, null);

    /// <summary>The side of the line that holds this point.</summary>
    public static ScalpSide Toward(Point2 point) => new(null, Point2.Checked(point, nameof(point)));

    public static ScalpSide From(ScalpDirection direction) => direction switch
    {
        ScalpDirection.Up => Up,
        ScalpDirection.Down => Down,
        ScalpDirection.Left => Left,
        ScalpDirection.Right => Right,
        _ => throw new ArgumentOutOfRangeException(nameof(direction)),
    };

    public ScalpDirection? Direction { get; }

    public Point2? Point { get; }

    /// <summary>
    /// Whether this side is clearly across a line through <paramref name="points"/> rather than along it (within about
    /// 15° of it): "left" of a line running left to right, or a point on the line or on its extension, says nothing.
    /// </summary>
    internal bool IsAcross(IReadOnlyList<Point2> points)
    {
        const double MinCosine = 0.26;
        if (Point is not { } p)
        {
            // As the hairline does it: the line's normals, summed along it, against the direction.
            (double vx, double vy) = Vector;
            double along = 0, length = 0;
            for (int i = 1; i < points.Count; i++)
            {
                double dx = points[i].X - points[i - 1].X, dy = points[i].Y - points[i - 1].Y;
                along += (-dy * vx) + (dx * vy);
                length += double.Hypot(dx, dy);
            }
            return length > 0 && Math.Abs(along) >= MinCosine * length;
        }
        // The point against the normal of the nearest segment.
        double best = double.PositiveInfinity, cosine = 0;
        for (int i = 1; i < points.Count; i++)
        {
            double dx = points[i].X - points[i - 1].X, dy = points[i].Y - points[i - 1].Y, len2 = (dx * dx) + (dy * dy);
            if (len2 == 0)
            {
                continue;
            }
            double t = Math.Clamp((((p.X - points[i - 1].X) * dx) + ((p.Y - points[i - 1].Y) * dy)) / len2, 0, 1);
            double ox = p.X - (points[i - 1].X + (t * dx)), oy = p.Y - (points[i - 1].Y + (t * dy));
            double distance = double.Hypot(ox, oy);
            if (distance < best)
            {
                best = distance;
                // A point on the line (as near as points count as one) is on neither side.
                cosine = distance < Zone.MinPointGapPx ? 0 : (((-dy * ox) + (dx * oy)) / (Math.Sqrt(len2) * distance));
            }
        }
        return Math.Abs(cosine) >= MinCosine;
    }

    internal (double X, double Y) Vector => Direction switch
    {
        ScalpDirection.Up => (0, -1),
        ScalpDirection.Down => (0, 1),
        ScalpDirection.Left => (-1, 0),
        ScalpDirection.Right => (1, 0),
        _ => (0, 0),
    };
}

/// <summary>A direction in the photo as displayed (up = towards the top edge).</summary>
public enum ScalpDirection
{
    Up,
    Down,
    Left,
    Right,
}

/// <summary>
/// A hairline: a smooth spline through the control points; density ramps from 0 at the line to full over the
/// transition width on the scalp side, with macro-irregularity (undulation), micro-irregularity (stray dots and
/// small clusters ahead of the line) and a small left/right asymmetry, all deterministic from the plan seed.
/// Behind the band, full density continues unless <see cref="BandOnly"/>.
/// </summary>
public sealed record HairlineZone : Zone
{
    public const double DefaultBandDepthMm = 30;

    public HairlineZone(IReadOnlyList<Point2> points, ScalpSide scalpSide, HairlineStyle style = HairlineStyle.Soft)
    {
        Points = points;
        ScalpSide = scalpSide;
        Style = style;
    }

    public override string TypeName => "hairline";

    /// <summary>Control points in photo pixels, in order along the line (at least 2).</summary>
    public IReadOnlyList<Point2> Points { get; init => field = CheckedPoints(value, 2, nameof(Points)); }

    public ScalpSide ScalpSide { get; init => field = value ?? throw new ArgumentNullException(nameof(ScalpSide)); }

    public HairlineStyle Style { get; init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Style)); }

    /// <summary>Depth of the hairline band in mm (default 30); with <see cref="BandOnly"/> density ends there.</summary>
    public double BandDepthMm { get; init => field = Positive(value, nameof(BandDepthMm)); } = DefaultBandDepthMm;

    /// <summary>Width of the ramp from 0 to full density in mm; null = the style's default (8 soft, 5 natural, 3 defined).</summary>
    public double? TransitionMm { get; init => field = value is { } v ? Positive(v, nameof(TransitionMm)) : null; }

    /// <summary>Amplitude of the gentle undulation of the line in mm; null = the style's default.</summary>
    public double? UndulationMm { get; init => field = value is { } v ? NonNegative(v, nameof(UndulationMm)) : null; }

    /// <summary>Largest left/right difference in mm (natural: up to ~2); null = the style's default.</summary>
    public double? AsymmetryMm { get; init => field = value is { } v ? NonNegative(v, nameof(AsymmetryMm)) : null; }

    /// <summary>How far ahead of the line stray dots and clusters reach, in mm (0 = none); null = the style's default.</summary>
    public double? MicroMm { get; init => field = value is { } v ? NonNegative(v, nameof(MicroMm)) : null; }

    /// <summary>Density only inside the band: it fades out at <see cref="BandDepthMm"/> instead of continuing.</summary>
    public bool BandOnly { get; init; }

    public double EffectiveTransitionMm => TransitionMm ?? Style switch
    {
        HairlineStyle.Defined => 3,
        HairlineStyle.Natural => 5,
        _ => 8,
    };

    public double EffectiveUndulationMm => UndulationMm ?? Style switch
    {
        HairlineStyle.Defined => 0.8,
        HairlineStyle.Natural => 2.0,
        _ => 1.2,
    };

    public double EffectiveAsymmetryMm => AsymmetryMm ?? Style switch
    {
        HairlineStyle.Defined => 1.0,
        HairlineStyle.Natural => 2.0,
        _ => 1.5,
    };

    public double EffectiveMicroMm => MicroMm ?? Style switch
    {
        HairlineStyle.Defined => 2,
        HairlineStyle.Natural => 5,
        _ => 4,
    };
}

/// <summary>An elliptical crown with a feathered edge and an optional whorl where density dips slightly.</summary>
public sealed record CrownZone : Zone
{
    public const double DefaultFeatherMm = 10;

    public CrownZone(Point2 center, Length radiusX, Length radiusY)
    {
        Center = center;
        RadiusX = radiusX;
        RadiusY = radiusY;
    }

    public override string TypeName => "crown";

    public Point2 Center { get; init => field = Point2.Checked(value, nameof(Center)); }

    public Length RadiusX { get; init => field = CheckRadius(value, nameof(RadiusX)); }

    public Length RadiusY { get; init => field = CheckRadius(value, nameof(RadiusY)); }

    /// <summary>Rotation of the ellipse in degrees, clockwise in the photo (y down).</summary>
    public double AngleDeg { get; init => field = Preconditions.Finite(value, nameof(AngleDeg)); }

    /// <summary>Width in mm over which density fades across the edge (half inside, half outside).</summary>
    public double FeatherMm { get; init => field = NonNegative(value, nameof(FeatherMm)); } = DefaultFeatherMm;

    /// <summary>The whorl, where density dips slightly (natural crowns thin at the swirl).</summary>
    public Point2? Whorl { get; init => field = value is { } p ? Point2.Checked(p, nameof(Whorl)) : null; }

    private static Length CheckRadius(Length value, string name)
    {
        Positive(value.Value, name);
        return Enum.IsDefined(value.Unit) ? value : throw new ArgumentOutOfRangeException(name);
    }
}

/// <summary>A polygon with a feathered edge: full-top coverage, or any area (and, excluded, eyes, ears, background).</summary>
public sealed record RegionZone : Zone
{
    public const double DefaultFeatherMm = 4;

    public RegionZone(IReadOnlyList<Point2> polygon)
    {
        Polygon = polygon;
    }

    public override string TypeName => "region";

    /// <summary>Vertices in photo pixels (at least 3), closed implicitly.</summary>
    public IReadOnlyList<Point2> Polygon { get; init => field = CheckedPoints(value, 3, nameof(Polygon)); }

    /// <summary>Width in mm over which density fades across the edge (half inside, half outside).</summary>
    public double FeatherMm { get; init => field = NonNegative(value, nameof(FeatherMm)); } = DefaultFeatherMm;
}

/// <summary>
/// A scar to camouflage: a linear (FUT strip) scar as a polyline with a width, or FUE dot scars as points with a
/// diameter. Full density covers the scar and a margin past its edge, then fades over the feather; the scar body is
/// marked in the density map's scar layer.
/// </summary>
public sealed record ScarZone : Zone
{
    public const double DefaultMarginMm = 3;
    public const double DefaultFeatherMm = 3;

    private ScarZone(Point2[] points, bool isStrip, double sizeMm)
    {
        IsStrip = isStrip;
        Points = points;
        SizeMm = Positive(sizeMm, isStrip ? "widthMm" : "diameterMm");
    }

    /// <summary>A linear scar along a polyline (at least 2 points), <paramref name="widthMm"/> wide.</summary>
    public static ScarZone Strip(IReadOnlyList<Point2> polyline, double widthMm) =>
        new(CheckedPoints(polyline, 2, nameof(polyline)), true, widthMm);

    /// <summary>FUE dot scars: round scars of <paramref name="diameterMm"/> at each point (at least 1).</summary>
    public static ScarZone Dots(IReadOnlyList<Point2> points, double diameterMm) =>
        new(CheckedPoints(points, 1, nameof(points)), false, diameterMm);

    public override string TypeName => "scar";

    /// <summary>True for a linear (strip) scar given by a polyline; false for FUE dot scars.</summary>
    public bool IsStrip { get; }

    /// <summary>The polyline of a strip scar, or the centres of dot scars, in photo pixels.</summary>
    public IReadOnlyList<Point2> Points { get; }

    /// <summary>Width of a strip scar or diameter of the dot scars, in mm.</summary>
    public double SizeMm { get; }

    /// <summary>Full density continues this far past the scar edge, in mm.</summary>
    public double MarginMm { get; init => field = NonNegative(value, nameof(MarginMm)); } = DefaultMarginMm;

    /// <summary>Width in mm over which density fades beyond the margin.</summary>
    public double FeatherMm { get; init => field = NonNegative(value, nameof(FeatherMm)); } = DefaultFeatherMm;
}

/// <summary>How a mask whose size differs from the photo is handled.</summary>
public enum MaskFit
{
    /// <summary>The mask must be exactly the photo's size.</summary>
    Exact,

    /// <summary>The mask is stretched (bilinear) to the photo's size.</summary>
    Stretch,
}

/// <summary>A painted grey or alpha image the size of the photo: white = full density, grey = partial.</summary>
public sealed record MaskZone : Zone
{
    public MaskZone(string path, MaskFit fit = MaskFit.Exact)
    {
        Path = path;
        Fit = fit;
    }

    public override string TypeName => "mask";

    /// <summary>Where the mask image is (resolved against the plan's folder when read from a plan).</summary>
    public string Path { get; init => field = string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("must not be empty", nameof(Path)) : value; }

    public MaskFit Fit { get; init => field = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(Fit)); }
}
