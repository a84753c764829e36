using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.ExceptionServices;
using SmpRender.Compositing;
using SmpRender.Imaging;
using SmpRender.IO;
using SmpRender.Plans;
using SmpRender.Rendering;
using SmpRender.Zones;

namespace SmpRender.Cli.Commands;

/// <summary>
/// The inputs every preview command shares: the photo, the plan (a file, or a quick one-zone plan
/// from flags), plan overrides, and the output file. Options are created per command so each
/// command owns its symbols.
/// </summary>
internal sealed class PreviewInputs
{
    public Argument<string> Photo { get; } = new("PHOTO") { Description = "The client's photo (JPEG, PNG, WebP, HEIC/AVIF)." };

    public Option<string?> Plan { get; } = new("--plan", "-p") { Description = "Treatment plan (JSON). Without it, --zone makes a one-zone plan.", HelpName = "PLAN" };

    public Option<string> Output { get; } = new("--output", "-o") { Description = "Output image (.jpg, .png or .webp).", Required = true, HelpName = "FILE" };

    public Option<string?> Zone { get; } = new Option<string?>("--zone")
    {
        Description = "Without --plan: one zone placed for a typical head photo (crown, hairline or top), scale estimated.",
    }.AcceptOnlyFromAmong("crown", "hairline", "top");

    public Option<double?> Density { get; } = new("--density")
    {
        Description = "Dots per cm² at full density (sets the plan's density).",
        CustomParser = Numbers.Parse,
    };

    public Option<string?> Shade { get; } = new("--shade") { Description = "Pigment shade: auto, 1 (lightest) to 5 (darkest), or #rrggbb." };

    public Option<long?> Seed { get; } = new("--seed") { Description = "Random seed of the dot field (sets the plan's seed)." };

    public Option<string[]> Set { get; } = new("--set")
    {
        Description = "Override a plan setting, KEY=VALUE (density, shade, look, sessions, seed, diameter, years); repeatable.",
        AllowMultipleArgumentsPerToken = false,
        HelpName = "KEY=VALUE",
    };

    public Option<int> Quality { get; } = new("--quality", "-q") { Description = "JPEG/WebP quality, 1-100.", DefaultValueFactory = _ => 90 };

    public Option<bool> Json { get; } = new("--json") { Description = "Print a report as one JSON object on stdout." };

    public void AddTo(Command command)
    {
        command.Arguments.Add(Photo);
        command.Options.Add(Plan);
        command.Options.Add(Output);
        command.Options.Add(Zone);
        command.Options.Add(Density);
        command.Options.Add(Shade);
        command.Options.Add(Seed);
        command.Options.Add(Set);
        command.Options.Add(Quality);
        command.Options.Add(Json);
    }

    /// <summary>Reads the photo and the plan named on the command line, with every override applied.</summary>
    public LoadedInputs Load(ParseResult parse)
    {
        string photoPath = parse.GetRequiredValue(Photo);
        string output = parse.GetRequiredValue(Output);
        Inputs.CheckPhotoOutput(output);
        int quality = parse.GetValue(Quality);
        if (quality is < 1 or > 100)
        {
            throw new CliException(ExitCode.Usage, $"--quality: must be between 1 and 100, not {quality}");
        }
        string? planPath = parse.GetValue(Plan);
        string? zone = parse.GetValue(Zone);
        if (planPath is null && zone is null)
        {
            throw new CliException(ExitCode.Usage, "give a plan with --plan PLAN, or a quick one-zone plan with --zone crown|hairline|top");
        }
        if (planPath is not null && zone is not null)
        {
            throw new CliException(ExitCode.Usage, "--zone makes a plan of its own: use either --plan or --zone");
        }

        // The zones and, for most plans, the dots need only the photo's size. When its header tells the size and
        // more than one core may be used, they are computed while the photo decodes.
        Task<(Photo Photo, double Ms)>? decoding = PhotoPrefetch.Take(photoPath)
            ?? (Parallelism.Threads > 1 ? Task.Run(() => PhotoPrefetch.ReadTimed(photoPath)) : null);
        (int Width, int Height)? size = decoding is null ? null : PhotoCodec.PeekSize(photoPath);
        Photo? photo = null;
        double readMs = 0;
        if (decoding is null)
        {
            (photo, readMs) = PhotoPrefetch.ReadTimed(photoPath);
        }
        else if (size is null)
        {
            // Not a JPEG: the size is known once the photo is decoded.
            (photo, readMs) = decoding.GetAwaiter().GetResult();
            decoding = null;
        }
        (int Width, int Height) photoSize = size ?? (photo!.Width, photo.Height);
        Plan? plan = null;
        SceneZones? zones = null;
        Task<SceneAnalysis?>? analysis = null;
        ExceptionDispatchInfo? planError = null;
        try
        {
            plan = LoadPlan(parse, planPath, zone, photoSize);
            string source = planPath ?? Inputs.QuickZoneSource;
            Inputs.CheckDotSpacing(plan, source, photoPath, photoSize.Width, photoSize.Height);
            if (decoding is not null)
            {
                SceneZones rasterized = Inputs.RasterizeZones(plan, photoSize.Width, photoSize.Height, source, photoPath);
                // The skin and hair are analysed as soon as the photo is decoded, while the dots are still being sampled.
                analysis = decoding.ContinueWith(decoded => AnalyzeDecoded(decoded, rasterized), CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                zones = Inputs.Guard(rasterized.WithSampledDots, source);
                // Whichever of the two threads is free first builds the compositor's tables.
                DotCompositor.PrepareTables();
            }
        }
        catch (Exception ex)
        {
            planError = ExceptionDispatchInfo.Capture(ex);
        }
        try
        {
            // A photo that cannot be read is reported before anything wrong with the plan, as when reading in turn.
            if (decoding is not null)
            {
                (photo, readMs) = decoding.GetAwaiter().GetResult();
            }
            planError?.Throw();
        }
        catch
        {
            LoadedInputs.Settle(analysis);
            photo?.Dispose();
            throw;
        }
        if (zones is not null && (zones.Density.Width != photo!.Width || zones.Density.Height != photo.Height))
        {
            zones = null;
        }
        string[] protectedInputs = Inputs.InputFiles(photoPath, planPath, plan!);
        return new LoadedInputs(photoPath, photo!, planPath, plan!, output,
            new EncodeOptions(Quality: quality, ProtectedInputs: protectedInputs), parse.GetValue(Json))
        {
            ReadMs = readMs,
            Zones = zones,
            Analysis = zones is null ? null : analysis,
        };
    }

    /// <summary>The analysis of a decoded photo for zones of its size; null when it did not decode or has another size.</summary>
    private static SceneAnalysis? AnalyzeDecoded(Task<(Photo Photo, double Ms)> decoded, SceneZones zones)
    {
        if (!decoded.IsCompletedSuccessfully)
        {
            return null;
        }
        Photo photo = decoded.Result.Photo;
        if (photo.Width != zones.Density.Width || photo.Height != zones.Density.Height)
        {
            return null;
        }
        SceneAnalysis analysis = PreviewScene.Analyze(photo, zones);
        DotCompositor.PrepareTables();
        return analysis;
    }

    /// <summary>The plan file, or the quick one-zone plan for a photo of this size, with every override applied.</summary>
    private Plan LoadPlan(ParseResult parse, string? planPath, string? zone, (int Width, int Height) size)
    {
        Plan plan = planPath is not null
            ? Inputs.ReadPlan(planPath)
            : Inputs.QuickPlan(size.Width, size.Height, Enum.Parse<ZoneKind>(zone!, ignoreCase: true), null, parse.GetValue(Photo)!, ExitCode.BadInput);
        return Inputs.ApplyOverrides(plan, Overrides(parse), planPath ?? Inputs.QuickZoneSource);
    }

    /// <summary>The plan settings given on the command line (--density, --shade, --seed and each --set), each key once.</summary>
    public List<(string Key, string Value)> Overrides(ParseResult parse)
    {
        var overrides = new List<(string Key, string Value)>();
        if (parse.GetValue(Density) is double density)
        {
            overrides.Add(("density", density.ToString(CultureInfo.InvariantCulture)));
        }
        if (parse.GetValue(Shade) is string shade)
        {
            overrides.Add(("shade", shade));
        }
        if (parse.GetValue(Seed) is long seed)
        {
            overrides.Add(("seed", seed.ToString(CultureInfo.InvariantCulture)));
        }
        return WithSets(overrides, parse.GetValue(Set));
    }

    /// <summary>The settings of options with each <c>--set KEY=VALUE</c> after them; a key given twice is a usage error.</summary>
    public static List<(string Key, string Value)> WithSets(List<(string Key, string Value)> overrides, string[]? sets)
    {
        foreach (string item in sets ?? [])
        {
            int eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new CliException(ExitCode.Usage, $"--set: '{item}' must be KEY=VALUE, e.g. density=120");
            }
            overrides.Add((item[..eq].Trim(), item[(eq + 1)..].Trim()));
        }
        if (overrides.GroupBy(o => o.Key).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new CliException(ExitCode.Usage, $"{twice.Key} is given twice ({string.Join(" and ", twice.Select(o => o.Value))}): give it once");
        }
        return overrides;
    }
}

/// <summary>A photo and plan ready to render, and where the result goes.</summary>
internal sealed record LoadedInputs(string PhotoPath, Photo Photo, string? PlanPath, Plan Plan, string OutputPath, EncodeOptions Encode, bool Json)
    : IDisposable
{
    /// <summary>Time spent reading and decoding the photo (the zones may have been rasterized meanwhile).</summary>
    public double ReadMs { get; init; }

    /// <summary>The zones (and dots) computed while the photo was decoded, or null.</summary>
    public SceneZones? Zones { get; init; }

    /// <summary>The analysis of the photo for <see cref="Zones"/>, started when it was decoded, or null.</summary>
    public Task<SceneAnalysis?>? Analysis { get; init; }

    /// <summary>Prepares the scene: zones rasterized, skin and hair analysed. Masks are read through the codecs.</summary>
    /// <summary>What errors name as the plan: its file, or <see cref="Inputs.QuickZoneSource"/> for a quick zone.</summary>
    public string PlanSource => PlanPath ?? Inputs.QuickZoneSource;

    public PreviewScene Prepare() => Inputs.PrepareScene(Photo, Plan, Zones, Analysis, PlanSource, PhotoPath);

    public void Dispose()
    {
        Settle(Analysis);
        Photo.Dispose();
    }

    /// <summary>Waits for an analysis still reading the photo, whatever its outcome, so that the photo can be released.</summary>
    internal static void Settle(Task? analysis)
    {
        analysis?.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing).GetAwaiter().GetResult();
    }
}
