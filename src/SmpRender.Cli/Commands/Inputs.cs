using System.Diagnostics;
using System.Globalization;
using SmpRender.Imaging;
using SmpRender.IO;
using SmpRender.Plans;
using SmpRender.Rendering;
using SmpRender.Sampling;
using SmpRender.Zones;

namespace SmpRender.Cli.Commands;

/// <summary>Reading and writing for the commands, with every failure turned into one line and an exit code.</summary>
internal static class Inputs
{
    public static Photo ReadPhoto(string path) => Guard(() => PhotoCodec.Read(path), path);

    public static Plan ReadPlan(string path) => Guard(() => PlanReader.ReadFile(path), path);

    /// <summary>The files a command reads and must never overwrite: its photo and plan, and the plan's masks.</summary>
    public static string[] InputFiles(string? photoPath, string? planPath, Plan plan) =>
        [.. new[] { photoPath, planPath }.OfType<string>(), .. MaskFiles(plan)];

    /// <summary>The mask images a plan's zones are painted in (full paths).</summary>
    public static IEnumerable<string> MaskFiles(Plan plan) => plan.Zones.OfType<MaskZone>().Select(zone => zone.Path);

    public static Plan ApplyOverrides(Plan plan, IEnumerable<(string Key, string Value)> overrides, string source)
    {
        foreach ((string key, string value) in overrides)
        {
            plan = Guard(() => PlanOverrides.Apply(plan, key, value), source, ExitCode.Usage);
        }
        return plan;
    }

    /// <summary>Reads a painted mask: its alpha where it has transparency, otherwise its grey level.</summary>
    public static MaskImage LoadMask(string path)
    {
        using Photo photo = ReadPhoto(path);
        ReadOnlySpan<byte> px = photo.Pixels;
        bool useAlpha = false;
        for (int i = 3; i < px.Length; i += 4)
        {
            if (px[i] != 255)
            {
                useAlpha = true;
                break;
            }
        }
        var grey = new byte[photo.Width * photo.Height];
        for (int i = 0, j = 0; j < grey.Length; i += 4, j++)
        {
            // Rec. 709 luma of the sRGB code values: a painted grey level reads as itself.
            grey[j] = useAlpha ? px[i + 3] : (byte)((px[i] * 2126 + px[i + 1] * 7152 + px[i + 2] * 722 + 5000) / 10000);
        }
        return MaskImage.FromGrey8(photo.Width, photo.Height, grey);
    }

    /// <summary>Encodes and writes the photo atomically; returns the time it took in milliseconds.</summary>
    public static double WritePhoto(Photo photo, string path, EncodeOptions options)
    {
        long start = Stopwatch.GetTimestamp();
        Guard(() => { PhotoCodec.Write(photo, path, options); return 0; }, path);
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }

    /// <summary>Encodes a photo into its output's temporary file (see <see cref="AtomicFile.Prepare"/>), for <see cref="Commit"/>.</summary>
    public static AtomicFile.Pending PreparePhoto(Photo photo, string path, EncodeOptions options) =>
        Guard(() => PhotoCodec.PrepareWrite(photo, path, options), path);

    /// <summary>Puts a prepared output in place.</summary>
    public static void Commit(AtomicFile.Pending file, string path) => Guard(() =>
    {
        file.Commit();
        return 0;
    }, path);

    /// <summary>
    /// Checks, before any work, that an output photo's extension names a format SmpRender writes (.jpg, .jpeg, .png,
    /// .webp): a usage error otherwise.
    /// </summary>
    public static void CheckPhotoOutput(string path)
    {
        try
        {
            PhotoCodec.FormatForPath(path);
        }
        catch (PhotoException ex)
        {
            throw new CliException(ExitCode.Usage, ex.Message, ex);
        }
    }

    /// <summary>
    /// Refuses, before any work, an image its output's format cannot hold (a sheet or strip of many large panels, say):
    /// a usage error naming the limit.
    /// </summary>
    public static void CheckOutputSize(string path, (int Width, int Height) size)
    {
        PhotoFormat format = PhotoCodec.FormatForPath(path);
        int max = PhotoCodec.MaxSide(format);
        (int width, int height) = size;
        if (width > max || height > max)
        {
            throw new CliException(ExitCode.Usage, string.Create(CultureInfo.InvariantCulture,
                $"{path}: a {width}x{height} image is over the {(format == PhotoFormat.WebP ? "WebP" : "JPEG")} limit of {max} px a side: write it as .png, or make it smaller"));
        }
        if ((long)width * height * Photo.Channels > Array.MaxLength)
        {
            throw new CliException(ExitCode.Usage, $"{path}: a {width}x{height} image is too large to make: make it smaller");
        }
    }

    /// <summary>Checks, before any work, that a dot field's file is .csv or .svg: a usage error otherwise.</summary>
    public static void CheckDotsOutput(string path)
    {
        string ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is not (".csv" or ".svg"))
        {
            throw new CliException(ExitCode.Usage, $"{path}: dot fields are written as .csv or .svg, not '{(ext.Length == 0 ? "(none)" : ext)}'");
        }
    }

    /// <summary>Writes a dot field as CSV or SVG, chosen by the file extension.</summary>
    public static void WriteDots(DotField dots, string path, int width, int height, double diameterMm, IEnumerable<string> protectedInputs)
    {
        using AtomicFile.Pending file = PrepareDots(dots, path, width, height, diameterMm, protectedInputs);
        Commit(file, path);
    }

    /// <summary>Writes a dot field's file up to its rename (<see cref="AtomicFile.Prepare"/>), as CSV or SVG by its extension.</summary>
    public static AtomicFile.Pending PrepareDots(DotField dots, string path, int width, int height, double diameterMm, IEnumerable<string> protectedInputs)
    {
        CheckDotsOutput(path);
        string ext = Path.GetExtension(path).ToLowerInvariant();
        return Guard(() => AtomicFile.Prepare(path, stream =>
        {
            if (ext == ".csv")
            {
                DotFieldExport.WriteCsv(dots, stream, diameterMm);
            }
            else
            {
                DotFieldExport.WriteSvg(dots, stream, width, height, diameterMm);
            }
        }, protectedInputs), path);
    }

    /// <summary>
    /// Prepares a preview scene (masks read through the codecs); plan errors name <paramref name="planSource"/>,
    /// and a plan whose zones miss the photo entirely is bad input rather than an internal error.
    /// </summary>
    public static PreviewScene PrepareScene(Photo photo, Plan plan, string planSource, string? photoPath) =>
        PrepareScene(photo, plan, null, null, planSource, photoPath);

    /// <summary>The scene, from zones rasterized beforehand when there are some, and their analysis when it was started.</summary>
    public static PreviewScene PrepareScene(Photo photo, Plan plan, SceneZones? zones, Task<SceneAnalysis?>? analysis, string planSource,
        string? photoPath)
    {
        try
        {
            if (zones is null)
            {
                // Rasterized here, and checked before anything else is done with them.
                zones = RasterizeZones(plan, photo.Width, photo.Height, planSource, photoPath);
            }
            return Guard(() => analysis?.GetAwaiter().GetResult() is { } done ? PreviewScene.Prepare(photo, zones, done)
                : PreviewScene.Prepare(photo, zones), planSource);
        }
        catch (ArgumentException ex) when (ex.ParamName == "zones")
        {
            throw new CliException(ExitCode.BadInput, NoZoneMessage(planSource, photo.Width, photo.Height, photoPath), ex);
        }
    }

    /// <summary>
    /// Rasterizes the plan's zones for a photo of the given size (the dots are left to sample), and refuses zones that
    /// cover none of it or would hold more dots than a preview takes.
    /// </summary>
    public static SceneZones RasterizeZones(Plan plan, int width, int height, string planSource, string? photoPath)
    {
        SceneZones zones = Guard(() => SceneZones.Rasterize(plan, width, height, LoadMask), planSource);
        if (zones.Density.MaxValue <= 0)
        {
            throw new CliException(ExitCode.BadInput, NoZoneMessage(planSource, width, height, photoPath));
        }
        CheckDotCount(zones.Density, plan, planSource);
        return zones;
    }

    /// <summary>
    /// The most dots a field may have: 2 million, several times a whole scalp's at the densest an artist works (a scalp is
    /// under 1,000 cm²). More means a scale or density far off, and a field that would take minutes and gigabytes.
    /// </summary>
    public const int MaxDots = 2_000_000;

    /// <summary>Refuses a plan whose zones would hold more than <see cref="MaxDots"/> dots at its scale and density.</summary>
    public static void CheckDotCount(DensityMap map, Plan plan, string planSource)
    {
        double density = plan.Density.DotsPerCm2;
        double cm2PerPx = 1 / (map.PxPerMm * map.PxPerMm * 100);
        PixelBox box = map.NonZeroBounds;
        // At most the densest value over the zones' bounding box; only near the limit are the cells added up.
        if (map.MaxValue * (double)box.Width * box.Height * cm2PerPx * density <= MaxDots)
        {
            return;
        }
        double sum = 0;
        foreach (float v in map.Values)
        {
            sum += v;
        }
        double area = sum * map.CellSize * map.CellSize * cm2PerPx;
        if (area * density > MaxDots)
        {
            throw new CliException(ExitCode.BadInput, string.Create(CultureInfo.InvariantCulture,
                $"{planSource}: its zones would hold about {area * density:N0} dots ({area:N0} cm² at {map.PxPerMm:0.###} px/mm, {density:0.#} dots/cm²), more than the {MaxDots:N0} a preview takes: is the scale right?"));
        }
    }

    /// <summary>
    /// A quick zone's plan for a photo of this size, its scale estimated from the width unless given; a size no scale can
    /// be estimated from (a strip 100,000 px wide is over 500 px/mm) is an error naming <paramref name="source"/>.
    /// </summary>
    public static Plan QuickPlan(int width, int height, ZoneKind kind, PhysicalScale? scale, string source, ExitCode code)
    {
        try
        {
            return PlanTemplates.Create(width, height, kind, scale);
        }
        catch (ArgumentException ex)
        {
            throw new CliException(code, $"{source}: no {kind.ToString().ToLowerInvariant()} plan can be made for a {width}x{height} photo ({Preconditions.Reason(ex)})", ex);
        }
    }

    /// <summary>What errors name as the plan of a quick zone (<c>--zone</c>), which has no file.</summary>
    public const string QuickZoneSource = "--zone";

    /// <summary>The closest dots may be on a photo, in pixels: closer, a dot is a few hundredths of a pixel, nothing shows.</summary>
    public const double MinDotSpacingPx = 0.5;

    /// <summary>
    /// Refuses a plan whose dots would be under <see cref="MinDotSpacingPx"/> apart at its scale: a photo far too small
    /// for its plan, or a scale estimated from a photo a few dozen pixels wide. Nothing would show, and sampling such a
    /// field takes minutes.
    /// </summary>
    public static void CheckDotSpacing(Plan plan, string planSource, string? photoPath, int width, int height)
    {
        double pxPerMm = plan.Scale.PxPerMm, density = plan.Density.DotsPerCm2;
        double spacing = PoissonDiscSampler.SpacingPx(density, pxPerMm);
        if (spacing >= MinDotSpacingPx)
        {
            return;
        }
        string apart = string.Create(CultureInfo.InvariantCulture,
            $"{density:0.#} dots/cm² at {pxPerMm:0.###} px/mm would be {spacing:0.##} px apart (a preview needs at least {MinDotSpacingPx} px)");
        // A quick zone's scale comes from the photo's width: then the photo is what is too small.
        throw new CliException(ExitCode.BadInput, planSource == QuickZoneSource && photoPath is not null
            ? $"{photoPath}: too small to preview at {width}x{height}: {apart}"
            : $"{planSource}: {apart}");
    }

    /// <summary>The error for a plan whose zones cover no pixel of the photo.</summary>
    public static string NoZoneMessage(string planSource, int width, int height, string? photoPath) =>
        $"{planSource}: its zones cover no pixel of the {width}x{height} photo{(photoPath is null ? "" : " " + photoPath)}";

    /// <summary>Runs an action, mapping the library's exceptions to one-line errors naming the file.</summary>
    public static T Guard<T>(Func<T> action, string file, ExitCode planErrorCode = ExitCode.BadInput)
    {
        try
        {
            return action();
        }
        catch (NativeLibraryMissingException ex)
        {
            throw new CliException(ExitCode.MissingLibrary, ex.Message, ex);
        }
        catch (PhotoException ex)
        {
            throw new CliException(ExitCode.BadInput, ex.Message, ex);
        }
        catch (OutputException ex)
        {
            throw new CliException(ExitCode.OutputFailed, ex.Message, ex);
        }
        catch (PlanException ex)
        {
            string message = ex.Message.StartsWith(file, StringComparison.Ordinal) ? ex.Message : $"{file}: {ex.Message}";
            throw new CliException(planErrorCode, message, ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCode.OutputFailed, $"{file}: {ex.Message}", ex);
        }
    }
}
