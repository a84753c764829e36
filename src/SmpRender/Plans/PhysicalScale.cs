using System.Globalization;
using SmpRender.Zones;

namespace SmpRender.Plans;

/// <summary>Where a plan's physical scale comes from.</summary>
public enum ScaleSource
{
    /// <summary>Given directly as pixels per millimetre.</summary>
    PxPerMm,

    /// <summary>Two points in the photo a known distance apart.</summary>
    Ruler,

    /// <summary>Estimated from the width of the head in the photo and an assumed physical head width.</summary>
    HeadWidth,
}

/// <summary>Pixels per millimetre of the photo, how it was obtained, and a warning when it is only an estimate.</summary>
public sealed record PhysicalScale
{
    /// <summary>The assumed width across the top of an adult head, used when the scale is estimated.</summary>
    public const double AssumedHeadWidthMm = 150;

    /// <summary>
    /// The finest scale a plan may have: 500 px/mm, 2 µm a pixel, beyond a dermatoscope's. Finer, a scale is a mistake
    /// (a ruler's length in the wrong unit, say), and a field of dots at it would take hours to sample.
    /// </summary>
    public const double MaxPxPerMm = 500;

    /// <summary>The coarsest scale a plan may have: a millionth of a pixel a millimetre.</summary>
    public const double MinPxPerMm = 0.000001;

    /// <summary>Whether a scale is between <see cref="MinPxPerMm"/> and <see cref="MaxPxPerMm"/>.</summary>
    public static bool IsInRange(double pxPerMm) => pxPerMm >= MinPxPerMm && pxPerMm <= MaxPxPerMm;

    /// <summary>The assumed share of the photo's width the head spans, used when only the photo size is known.</summary>
    public const double AssumedHeadShareOfImageWidth = 0.8;

    private PhysicalScale(double pxPerMm, ScaleSource source, string? warning)
    {
        PxPerMm = IsInRange(pxPerMm) ? pxPerMm : throw new ArgumentOutOfRangeException(nameof(pxPerMm), pxPerMm,
            string.Create(CultureInfo.InvariantCulture, $"must be between {MinPxPerMm} and {MaxPxPerMm} px/mm"));
        Source = source;
        Warning = warning;
    }

    public double PxPerMm { get; }

    public ScaleSource Source { get; }

    /// <summary>Why the scale may be inaccurate (estimates only), or null.</summary>
    public string? Warning { get; }

    /// <summary>The ruler's end points (photo pixels) when <see cref="Source"/> is <see cref="ScaleSource.Ruler"/>.</summary>
    public (Point2 From, Point2 To)? Ruler { get; private init; }

    /// <summary>The ruler's length in mm, or the head width in mm for an estimate.</summary>
    public double? LengthMm { get; private init; }

    /// <summary>The head width in pixels when <see cref="Source"/> is <see cref="ScaleSource.HeadWidth"/>.</summary>
    public double? HeadWidthPx { get; private init; }

    public static PhysicalScale FromPxPerMm(double pxPerMm) => new(pxPerMm, ScaleSource.PxPerMm, null);

    /// <summary>Two points <paramref name="mm"/> millimetres apart in reality.</summary>
    public static PhysicalScale FromRuler(Point2 from, Point2 to, double mm)
    {
        Point2.Checked(from, nameof(from));
        Point2.Checked(to, nameof(to));
        Preconditions.Positive(mm);
        double px = double.Hypot(to.X - from.X, to.Y - from.Y);
        if (!(px > 0))
        {
            throw new ArgumentException("the ruler's two points must differ", nameof(to));
        }
        return new PhysicalScale(px / mm, ScaleSource.Ruler, null) { Ruler = (from, to), LengthMm = mm };
    }

    /// <summary>An estimate from the head's width in pixels, assuming <paramref name="headWidthMm"/> across the top of the head.</summary>
    public static PhysicalScale FromHeadWidth(double headWidthPx, double headWidthMm = AssumedHeadWidthMm)
    {
        Preconditions.Positive(headWidthPx);
        Preconditions.Positive(headWidthMm);
        string warning = string.Create(CultureInfo.InvariantCulture,
            $"scale estimated from a head width of {headWidthPx:0.#} px assuming {headWidthMm:0.#} mm across the top of the head; sizes and densities may be off by 20% or more: give \"pxPerMm\" or a \"ruler\" for an accurate preview");
        return new PhysicalScale(headWidthPx / headWidthMm, ScaleSource.HeadWidth, warning) { HeadWidthPx = headWidthPx, LengthMm = headWidthMm };
    }

    /// <summary>
    /// An estimate from the photo's width alone: the head is assumed to span 80% of it and to be 150 mm wide.
    /// </summary>
    public static PhysicalScale EstimateFromImageWidth(int imageWidthPx)
    {
        Preconditions.Positive(imageWidthPx);
        return FromHeadWidth(Math.Round(imageWidthPx * AssumedHeadShareOfImageWidth));
    }

    /// <summary>One line for people: "8.5 px/mm from pxPerMm", "... from a 100 mm ruler", "... estimated from the head width".</summary>
    public string Describe() => Source switch
    {
        ScaleSource.Ruler => string.Create(CultureInfo.InvariantCulture, $"{PxPerMm:0.###} px/mm from a {LengthMm:0.###} mm ruler"),
        ScaleSource.HeadWidth => string.Create(CultureInfo.InvariantCulture,
            $"{PxPerMm:0.###} px/mm estimated from a head width of {HeadWidthPx:0.#} px (assumed {LengthMm:0.#} mm)"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{PxPerMm:0.###} px/mm from pxPerMm"),
    };
}
