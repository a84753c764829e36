using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using SmpRender.Rendering;

namespace SmpRender.Cli.Commands;

/// <summary>What a preview command reports with --json, and as a short line without.</summary>
internal sealed record RenderReport(
    string Output,
    int Width,
    int Height,
    int Dots,
    double ReadMs,
    double DensityMs,
    double AnalysisMs,
    double SampleMs,
    double CompositeMs,
    double WriteMs,
    double TotalMs,
    double PxPerMm,
    string Scale,
    string? ScaleWarning,
    SkinReport Skin,
    string? HairColor,
    int HairPoints,
    double PhotoBlurPx,
    int PhotoBlurSpots,
    ShadeReport Shade,
    bool ZonesDuringDecode)
{
    // Serialized by generated code: a one-photo command would otherwise spend tens of milliseconds building
    // the reflection-based serializer.
    private static readonly RenderReportJson Json = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    /// <summary>
    /// The report of a preview; the times are in milliseconds, from the command's start to the output written. With more
    /// than one core the zones and dots of a JPEG are computed while it decodes (<see cref="ZonesDuringDecode"/>), so the stages
    /// can add up to more than the total.
    /// </summary>
    public static RenderReport For(PreviewScene scene, LoadedInputs loaded, int width, int height, double compositeMs, double writeMs, double totalMs)
    {
        return new RenderReport(
            loaded.OutputPath, width, height, scene.Dots.Count,
            Math.Round(loaded.ReadMs, 2), Math.Round(scene.DensityMs, 2), Math.Round(scene.AnalysisMs, 2), Math.Round(scene.SampleMs, 2),
            Math.Round(compositeMs, 2), Math.Round(writeMs, 2), Math.Round(totalMs, 1),
            Math.Round(scene.Plan.Scale.PxPerMm, 4), scene.Plan.Scale.Describe(), scene.Plan.Scale.Warning,
            SkinReport.From(scene.Skin), scene.Hair?.Srgb.ToHex(), scene.HairPointCount, Math.Round(scene.PhotoBlurPx, 2),
            scene.PhotoBlurReading.Spots, ShadeReport.For(scene), loaded.Zones is not null);
    }

    /// <summary>The sessions a render shows ("1-3", "1-2", "2"); null for strips and sheets.</summary>
    public string? Sessions { get; init; }

    /// <summary>A sheet's panels, one per variant in order, each with its own dots and shade (the fields above are the last panel's); null otherwise.</summary>
    public PanelReport[]? Panels { get; init; }

    public string ToJson() => JsonSerializer.Serialize(this, Json.RenderReport);

    public string ToLine() => Panels is { Length: > 0 } panels
        ? string.Create(CultureInfo.InvariantCulture,
            $"{Output}: {Width}x{Height}, {panels.Length} panels of {DotRange(panels)} dots, skin Monk {Skin.Monk} (ITA {Skin.Ita:0}°, {Skin.ItaClass}), {TotalMs:0} ms")
        : string.Create(CultureInfo.InvariantCulture,
            $"{Output}: {Width}x{Height}, {Dots} dots, {Shade.Description}, skin Monk {Skin.Monk} (ITA {Skin.Ita:0}°, {Skin.ItaClass}), {TotalMs:0} ms");

    private static string DotRange(PanelReport[] panels)
    {
        int min = panels.Min(p => p.Dots), max = panels.Max(p => p.Dots);
        return min == max ? min.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{min}-{max}");
    }
}

/// <summary>One panel of a sheet: its label (the variant), its dot count and its shade.</summary>
internal sealed record PanelReport(string Label, int Dots, ShadeReport Shade)
{
    public static PanelReport For(string label, PreviewScene scene) => new(label, scene.Dots.Count, ShadeReport.For(scene));
}

/// <summary>The pigment shade: preset level (null for an explicit colour), dot colour on this skin, and its contrast ΔL*.</summary>
internal sealed record ShadeReport(string Description, int? Level, string Hex, double DeltaL)
{
    public static ShadeReport For(PreviewScene scene)
    {
        var pigment = scene.Pigment();
        return new ShadeReport(pigment.Describe(), pigment.PresetLevel, pigment.ShadeColor.ToHex(), Math.Round(pigment.ContrastL, 1));
    }
}

internal sealed record SkinReport(double[] Lab, double Ita, string ItaClass, int Monk)
{
    public static SkinReport From(SmpRender.Color.SkinTone skin) =>
        new([Math.Round(skin.Lab.L, 2), Math.Round(skin.Lab.A, 2), Math.Round(skin.Lab.B, 2)], Math.Round(skin.Ita, 1),
            skin.ItaClass.ToString(), skin.Monk);
}

[JsonSerializable(typeof(RenderReport))]
internal sealed partial class RenderReportJson : JsonSerializerContext;
