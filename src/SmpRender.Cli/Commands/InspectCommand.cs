using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using SmpRender.Imaging;
using SmpRender.IO;

namespace SmpRender.Cli.Commands;

/// <summary><c>smp inspect PHOTO [--json]</c>: what SmpRender sees when it reads a photo.</summary>
internal static class InspectCommand
{
    internal static readonly Argument<string> PhotoArgument = new("photo")
    {
        Description = "The photo to read (JPEG, PNG, WebP, HEIC/HEIF or AVIF; the format is detected from the content).",
    };

    internal static readonly Option<bool> JsonOption = new("--json")
    {
        Description = "Print one JSON object on stdout instead of text.",
    };

    public static Command Create()
    {
        var command = new Command(
            "inspect",
            "Read a photo and print its format, width and height as displayed, EXIF orientation, ICC profile, bit depth, alpha, file size and decode time.");
        command.Arguments.Add(PhotoArgument);
        command.Options.Add(JsonOption);
        command.SetAction(parse =>
        {
            var request = new InspectRequest(parse.GetValue(PhotoArgument)!, parse.GetValue(JsonOption));
            PhotoReport report = Inspect(request.PhotoPath);
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
    private static PhotoReport Inspect(string path)
    {
        try
        {
            return PhotoInspector.Inspect(path);
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
    }
}

/// <summary>What <c>smp inspect</c> was asked.</summary>
internal sealed record InspectRequest(string PhotoPath, bool Json);

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
    double DecodeMs);

/// <summary>Reads a photo and describes it; knows nothing about the command line.</summary>
internal static class PhotoInspector
{
    public static PhotoReport Inspect(string path)
    {
        using DecodedPhoto decoded = PhotoCodec.ReadWithDetails(path);
        Photo photo = decoded.Photo;
        PhotoInfo info = photo.Info;
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
            Math.Round(decoded.DecodeTime.TotalMilliseconds, 2));
    }

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
