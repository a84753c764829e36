using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
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

    public Option<double?> Density { get; } = new("--density") { Description = "Dots per cm² at full density (sets the plan's density)." };

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

        long readStart = Stopwatch.GetTimestamp();
        Photo photo = Inputs.ReadPhoto(photoPath);
        double readMs = Stopwatch.GetElapsedTime(readStart).TotalMilliseconds;
        try
        {
            Plan plan = planPath is not null
                ? Inputs.ReadPlan(planPath)
                : PlanTemplates.Create(photo.Width, photo.Height, Enum.Parse<ZoneKind>(zone!, ignoreCase: true));
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
            foreach (string item in parse.GetValue(Set) ?? [])
            {
                int eq = item.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    throw new CliException(ExitCode.Usage, $"--set: '{item}' must be KEY=VALUE, e.g. density=120");
                }
                overrides.Add((item[..eq].Trim(), item[(eq + 1)..].Trim()));
            }
            plan = Inputs.ApplyOverrides(plan, overrides, planPath ?? "--zone");
            string[] protectedInputs = planPath is null ? [photoPath] : [photoPath, planPath];
            return new LoadedInputs(photoPath, photo, planPath, plan, output,
                new EncodeOptions(Quality: quality, ProtectedInputs: protectedInputs), parse.GetValue(Json)) { ReadMs = readMs };
        }
        catch
        {
            photo.Dispose();
            throw;
        }
    }
}

/// <summary>A photo and plan ready to render, and where the result goes.</summary>
internal sealed record LoadedInputs(string PhotoPath, Photo Photo, string? PlanPath, Plan Plan, string OutputPath, EncodeOptions Encode, bool Json)
    : IDisposable
{
    /// <summary>Time spent reading and decoding the photo.</summary>
    public double ReadMs { get; init; }

    /// <summary>Prepares the scene: zones rasterized, skin and hair analysed. Masks are read through the codecs.</summary>
    public PreviewScene Prepare() => Inputs.PrepareScene(Photo, Plan, PlanPath ?? "--zone", PhotoPath);

    public void Dispose() => Photo.Dispose();
}
