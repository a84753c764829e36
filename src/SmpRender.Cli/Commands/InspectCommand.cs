using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SmpRender.Color;
using SmpRender.Imaging;
using SmpRender.IO;
using SmpRender.Plans;
using SmpRender.Sampling;

namespace SmpRender.Cli.Commands;

/// <summary><c>smp inspect PHOTO [--plan PLAN] [--skin] [--json]</c>: what SmpRender sees when it reads a photo.</summary>
internal static class InspectCommand
{
    internal static readonly Argument<string> PhotoArgument = new("PHOTO")
    {
        Description = "The photo to read (JPEG, PNG, WebP, HEIC/HEIF or AVIF; the format is detected from the content).",
    };

    internal static readonly Option<bool> JsonOption = new("--json")
    {
        Description = "Print one JSON object on stdout instead of text.",
    };

    internal static readonly Option<string?> PlanOption = new("--plan", "-p")
    {
        Description = "Treatment plan (JSON): also estimate the skin tone and hair colour inside its zones (implies --skin).",
        HelpName = "PLAN",
    };

    internal static readonly Option<bool> SkinOption = new("--skin")
    {
        Description = "Also estimate the skin tone (CIELAB, ITA°, Monk level) and hair colour; without --plan over the central 40 % of the photo. "
            + "Off by default: it reads every pixel, which takes longer than the rest of inspect.",
    };

    public static Command Create()
    {
        var command = new Command(
            "inspect",
            """
            Read a photo and print its format, width and height as displayed, EXIF orientation, ICC profile, bit depth,
            alpha, file size and decode time; with --skin or --plan also the skin tone and hair colour SmpRender matches the
            pigment to, and the photo's blur, which the dots get too.

            Examples:
              smp inspect samples/crown.jpg
              smp inspect samples/crown.jpg --plan samples/crown.plan.json --json
              smp inspect client.jpg --skin
            """);
        command.Arguments.Add(PhotoArgument);
        command.Options.Add(PlanOption);
        command.Options.Add(SkinOption);
        command.Options.Add(JsonOption);
        command.SetAction(parse =>
        {
            string? planPath = parse.GetValue(PlanOption);
            var request = new InspectRequest(parse.GetValue(PhotoArgument)!, parse.GetValue(JsonOption), planPath, planPath is not null || parse.GetValue(SkinOption));
            PhotoReport report = Inspect(request);
            TextWriter output = parse.InvocationConfiguration.Output;
            if (request.Json)
            {
                output.WriteLine(JsonSerializer.Serialize(report, InspectJsonContext.Default.PhotoReport));
            }
            else
            {
                WriteText(report, output);
            }
            return (int)ExitCode.Ok;
        });
        return command;
    }

    /// <summary>Runs the worker and turns photo errors into one-line CLI errors with their exit code.</summary>
    private static PhotoReport Inspect(InspectRequest request)
    {
        Plan? plan = request.PlanPath is { } planPath ? Inputs.ReadPlan(planPath) : null;
        try
        {
            return PhotoInspector.Inspect(request.PhotoPath, request.Skin, plan, request.PlanPath);
        }
        catch (PhotoException ex)
        {
            throw new CliException(ExitCodeFor(ex), ex.Message, ex);
        }
    }

    internal static ExitCode ExitCodeFor(PhotoException ex) =>
        ex is NativeLibraryMissingException ? ExitCode.MissingLibrary : ExitCode.BadInput;

    private static void WriteText(PhotoReport r, TextWriter output)
    {
        CultureInfo c = CultureInfo.InvariantCulture;
        output.WriteLine(r.Path);
        output.WriteLine($"  format        {r.Format}");
        output.WriteLine($"  size          {r.Width} x {r.Height} (as displayed)");
        output.WriteLine($"  orientation   {(r.ExifOrientation == 0 ? "none" : $"EXIF {r.ExifOrientation}")}");
        output.WriteLine($"  ICC profile   {r.IccProfile ?? "none"}");
        output.WriteLine($"  bit depth     {r.BitDepth}");
        output.WriteLine($"  alpha         {(r.HasAlpha ? "yes" : "no")}");
        output.WriteLine(string.Create(c, $"  file size     {r.FileSize:N0} bytes"));
        output.WriteLine(string.Create(c, $"  decode time   {r.DecodeMs:F1} ms"));
        if (r.SkinTone is { } skin)
        {
            output.WriteLine(string.Create(c,
                $"  skin tone     L*a*b* {skin.Lab[0]:0.0} {skin.Lab[1]:0.0} {skin.Lab[2]:0.0}, ITA {skin.Ita:0.0}° ({skin.ItaClass}), Monk {skin.Monk}"));
            output.WriteLine($"  hair colour   {r.HairColor ?? "none found"}");
            output.WriteLine(r.PhotoBlurSpots >= PhotoBlur.MinSpots
                ? string.Create(c, $"  photo blur    {r.PhotoBlurPx:0.00} px (dots are blurred as much)")
                : string.Create(c, $"  photo blur    not measured: {r.PhotoBlurSpots} small spots, {PhotoBlur.MinSpots} needed (dots keep their own softness)"));
        }
    }
}

/// <summary>What <c>smp inspect</c> was asked.</summary>
/// <param name="Skin">Estimate skin tone and hair colour (inside the plan's zones when <paramref name="PlanPath"/> is given).</param>
internal sealed record InspectRequest(string PhotoPath, bool Json, string? PlanPath = null, bool Skin = false);

/// <summary>The facts <c>smp inspect</c> reports (JSON property names are these, camelCase).</summary>
internal sealed record PhotoReport(
    string Path,
    string Format,
    int Width,
    int Height,
    int ExifOrientation,
    string? IccProfile,
    int BitDepth,
    bool HasAlpha,
    long FileSize,
    double DecodeMs,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SkinReport? SkinTone = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? HairColor = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? PhotoBlurPx = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? PhotoBlurSpots = null);

/// <summary>Reads a photo and describes it; knows nothing about the command line.</summary>
internal static class PhotoInspector
{
    /// <summary>Describes the photo; with <paramref name="skin"/> also its skin tone and hair colour, inside the
    /// <paramref name="plan"/>'s zones when one is given (masks read from files), else over the central 40 %.</summary>
    /// <exception cref="CliException">The plan's masks cannot be read or its zones cover no pixel of the photo.</exception>
    public static PhotoReport Inspect(string path, bool skin = false, Plan? plan = null, string? planPath = null)
    {
        using DecodedPhoto decoded = PhotoCodec.ReadWithDetails(path);
        Photo photo = decoded.Photo;
        PhotoInfo info = photo.Info;
        SkinReport? skinReport = null;
        string? hairColor = null;
        double? blur = null;
        int? blurSpots = null;
        if (skin || plan is not null)
        {
            DensityMap? zones = plan is null
                ? null
                : Inputs.Guard(() => PlanRasterizer.Rasterize(plan, photo.Width, photo.Height, Inputs.LoadMask), planPath ?? path);
            if (zones is not null && !HasAnyZone(zones))
            {
                throw new CliException(ExitCode.BadInput, Inputs.NoZoneMessage(planPath ?? "plan", photo.Width, photo.Height, path));
            }
            SkinTone tone = SkinToneAnalyzer.Analyze(photo, zones);
            skinReport = SkinReport.From(tone);
            hairColor = SkinToneAnalyzer.AnalyzeHair(photo, zones, tone)?.Srgb.ToHex();
            BlurReading reading = PhotoBlur.Read(photo, zones);
            blur = Math.Round(reading.SigmaPx, 2);
            blurSpots = reading.Spots;
        }
        return new PhotoReport(
            path,
            FormatName(info.Format),
            photo.Width,
            photo.Height,
            info.ExifOrientation,
            info.IccProfileDescription,
            info.BitDepth,
            info.HasAlpha,
            decoded.FileSize,
            Math.Round(decoded.DecodeTime.TotalMilliseconds, 2),
            skinReport,
            hairColor,
            blur,
            blurSpots);
    }

    /// <summary>True when some pixel of the photo has a density above 0 (the map's largest cell is).</summary>
    private static bool HasAnyZone(DensityMap zones) => zones.MaxValue > 0;

    private static string FormatName(PhotoFormat format) => format switch
    {
        PhotoFormat.Jpeg => "JPEG",
        PhotoFormat.Png => "PNG",
        PhotoFormat.WebP => "WebP",
        PhotoFormat.Heif => "HEIF",
        PhotoFormat.Avif => "AVIF",
        _ => format.ToString(),
    };
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(PhotoReport))]
internal sealed partial class InspectJsonContext : JsonSerializerContext;
