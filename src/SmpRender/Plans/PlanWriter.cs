using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using SmpRender.Zones;
using SmpRender.Pigment;

namespace SmpRender.Plans;

/// <summary>Writes a plan as JSON that <see cref="PlanReader"/> reads back to an equal plan (one zone per line).</summary>
public static class PlanWriter
{
    public static string Write(Plan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var sb = new StringBuilder();
        sb.Append("{\n");
        var lines = new List<string>
        {
            $"\"version\": {plan.Version}",
            $"\"scale\": {Scale(plan.Scale)}",
            $"\"seed\": {plan.Seed.ToString(CultureInfo.InvariantCulture)}",
            $"\"density\": {{ \"dotsPerCm2\": {N(plan.Density.DotsPerCm2)} }}",
            "\"dots\": " + Inline(
                ("diameterMm", N(plan.Dots.DiameterMm)),
                ("needle", plan.Dots.Needle switch { Needle.OneRound => S("1rl"), Needle.ThreeRound => S("3rl"), _ => null })),
            "\"pigment\": " + Inline(
                ("shade", plan.Pigment.Shade.Kind == ShadeKind.Level ? plan.Pigment.Shade.ToString() : S(plan.Pigment.Shade.ToString())),
                ("look", S(plan.Pigment.Look == PigmentLook.Fresh ? "fresh" : "healed"))),
            $"\"sessions\": {plan.Sessions}",
        };
        if (plan.Fading is { } f)
        {
            lines.Add("\"fading\": " + Inline(("years", N(f.Years)), ("sun", S(f.Sun.ToString().ToLowerInvariant())),
                ("skin", S(f.Skin.ToString().ToLowerInvariant()))));
        }
        if (plan.Hair is { } h)
        {
            lines.Add("\"hair\": " + Inline(("avoidExisting", B(h.AvoidExisting))));
        }
        if (plan.Notes is { } notes)
        {
            lines.Add($"\"notes\": {S(notes)}");
        }
        var zones = new StringBuilder("\"zones\": [\n");
        for (int i = 0; i < plan.Zones.Count; i++)
        {
            zones.Append("    ").Append(Zone(plan.Zones[i])).Append(i + 1 < plan.Zones.Count ? ",\n" : "\n");
        }
        zones.Append("  ]");
        lines.Add(zones.ToString());
        sb.Append(string.Join(",\n", lines.Select(l => "  " + l)));
        sb.Append("\n}\n");
        return sb.ToString();
    }

    private static string Scale(PhysicalScale scale) => scale.Source switch
    {
        ScaleSource.Ruler when scale.Ruler is { } r => Inline(("ruler", Points([r.From, r.To])), ("mm", N(scale.LengthMm ?? 0))),
        ScaleSource.HeadWidth => Inline(("headWidthPx", N(scale.HeadWidthPx ?? 0)),
            ("headWidthMm", scale.LengthMm is { } mm && mm != PhysicalScale.AssumedHeadWidthMm ? N(mm) : null)),
        _ => Inline(("pxPerMm", N(scale.PxPerMm))),
    };

    private static string Zone(Zone zone)
    {
        var props = new List<(string, string?)> { ("type", S(zone.TypeName)) };
        switch (zone)
        {
            case HairlineZone h:
                props.Add(("points", Points(h.Points)));
                props.Add(("scalpSide", h.ScalpSide.Point is { } p ? Point(p) : S(h.ScalpSide.Direction!.Value.ToString().ToLowerInvariant())));
                props.Add(("style", S(h.Style.ToString().ToLowerInvariant())));
                props.Add(("bandDepthMm", h.BandDepthMm != HairlineZone.DefaultBandDepthMm ? N(h.BandDepthMm) : null));
                props.Add(("transitionMm", O(h.TransitionMm)));
                props.Add(("undulationMm", O(h.UndulationMm)));
                props.Add(("asymmetryMm", O(h.AsymmetryMm)));
                props.Add(("microMm", O(h.MicroMm)));
                props.Add(("bandOnly", h.BandOnly ? B(true) : null));
                break;
            case CrownZone c:
                props.Add(("center", Point(c.Center)));
                props.Add((c.RadiusX.Unit == LengthUnit.Pixels ? "radiiPx" : "radiiMm", $"[{N(c.RadiusX.Value)}, {N(c.RadiusY.Value)}]"));
                props.Add(("angleDeg", c.AngleDeg != 0 ? N(c.AngleDeg) : null));
                props.Add(("featherMm", N(c.FeatherMm)));
                props.Add(("whorl", c.Whorl is { } w ? Point(w) : null));
                break;
            case RegionZone r:
                props.Add(("polygon", Points(r.Polygon)));
                props.Add(("featherMm", N(r.FeatherMm)));
                break;
            case ScarZone s:
                props.Add((s.IsStrip ? "polyline" : "points", Points(s.Points)));
                props.Add((s.IsStrip ? "widthMm" : "diameterMm", N(s.SizeMm)));
                props.Add(("marginMm", N(s.MarginMm)));
                props.Add(("featherMm", N(s.FeatherMm)));
                break;
            case MaskZone m:
                props.Add(("path", S(m.Path)));
                props.Add(("fit", m.Fit == MaskFit.Stretch ? S("stretch") : null));
                break;
            default:
                throw new ArgumentException($"unsupported zone type {zone.GetType().Name}", nameof(zone));
        }
        if (zone.Exclude)
        {
            props.Add(("exclude", B(true)));
        }
        return Inline([.. props]);
    }

    private static string Inline(params (string Name, string? Value)[] props) =>
        "{ " + string.Join(", ", props.Where(p => p.Value is not null).Select(p => $"{S(p.Name)}: {p.Value}")) + " }";

    private static string Points(IEnumerable<Point2> points) => "[" + string.Join(", ", points.Select(Point)) + "]";

    private static string Point(Point2 p) => $"[{N(p.X)}, {N(p.Y)}]";

    private static string N(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string? O(double? value) => value is { } v ? N(v) : null;

    private static string B(bool value) => value ? "true" : "false";

    private static string S(string value) => "\"" + JsonEncodedText.Encode(value, JavaScriptEncoder.UnsafeRelaxedJsonEscaping).Value + "\"";
}
