using SmpRender.Zones;

namespace SmpRender.Plans;

/// <summary>The kind of starting plan <see cref="PlanTemplates"/> writes.</summary>
public enum ZoneKind
{
    /// <summary>A crown ellipse with a whorl (photo of the back of the top of the head).</summary>
    Crown,

    /// <summary>A soft frontal hairline (photo of the front of the head).</summary>
    Hairline,

    /// <summary>Full-top coverage as a feathered region (photo from above).</summary>
    Top,
}

/// <summary>Starting plans for a photo: sensible zones placed from the photo's size and the (estimated) scale.</summary>
public static class PlanTemplates
{
    /// <summary>
    /// A starting plan for a <paramref name="width"/> x <paramref name="height"/> photo. Without a scale, it is
    /// estimated from the width (head spans 80% of it, 150 mm across) and the plan's scale carries a warning.
    /// </summary>
    public static Plan Create(int width, int height, ZoneKind kind, PhysicalScale? scale = null)
    {
        Preconditions.Positive(width);
        Preconditions.Positive(height);
        scale ??= PhysicalScale.EstimateFromImageWidth(width);
        double pxPerMm = scale.PxPerMm;
        double w = width, h = height;
        Zone zone = kind switch
        {
            ZoneKind.Crown => new CrownZone(
                new Point2(Round(w * 0.5), Round(h * 0.45)),
                Length.Mm(RoundMm(Math.Min(45, w * 0.3 / pxPerMm))),
                Length.Mm(RoundMm(Math.Min(38, h * 0.25 / pxPerMm))))
            {
                FeatherMm = 12,
                Whorl = new Point2(Round(w * 0.52), Round(h * 0.43)),
            },
            ZoneKind.Hairline => new HairlineZone(
                [
                    new Point2(Round(w * 0.22), Round(h * 0.42)),
                    new Point2(Round(w * 0.5), Round(h * 0.34)),
                    new Point2(Round(w * 0.78), Round(h * 0.42)),
                ],
                ScalpSide.Up,
                HairlineStyle.Soft),
            ZoneKind.Top => new RegionZone(Ellipse(w * 0.5, h * 0.48, w * 0.36, h * 0.4, 16)) { FeatherMm = 10 },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return new Plan(scale, [zone]) { Seed = 1 };
    }

    private static Point2[] Ellipse(double cx, double cy, double rx, double ry, int count)
    {
        var points = new Point2[count];
        for (int i = 0; i < count; i++)
        {
            double t = 2 * Math.PI * i / count;
            points[i] = new Point2(Round(cx + rx * Math.Cos(t)), Round(cy + ry * Math.Sin(t)));
        }
        return points;
    }

    private static double Round(double value) => Math.Round(value);

    /// <summary>A length in whole millimetres, or in tenths (at least one) below a millimetre: a photo a few dozen pixels high.</summary>
    private static double RoundMm(double mm) => mm >= 1 ? Math.Round(mm) : Math.Max(0.1, Math.Round(mm, 1));
}
