using System.CommandLine;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using SmpRender.IO;
using SmpRender.Plans;

namespace SmpRender.Cli.Commands;

/// <summary><c>smp plan validate PLAN [--json]</c> and <c>smp plan init --zone KIND --width W --height H -o PLAN</c>.</summary>
internal static class PlanCommand
{
    private static readonly Argument<string> PlanArgument = new("PLAN")
    {
        Description = "The plan file (JSON, \"version\": 1).",
    };

    private static readonly Option<bool> JsonOption = new("--json")
    {
        Description = "Print the result as one JSON object on stdout (errors included) instead of lines.",
    };

    private static readonly Option<bool> InitJsonOption = new("--json")
    {
        Description = "Print what was written as one JSON object on stdout instead of a line.",
    };

    private static readonly Option<string> ZoneOption = new Option<string>("--zone")
    {
        Description = "The starting zone: crown, hairline or top.",
        Required = true,
    }.AcceptOnlyFromAmong("crown", "hairline", "top");

    private static readonly Argument<string?> PhotoArgument = new("PHOTO")
    {
        Description = "The photo the plan is for: its size as displayed sets the plan's coordinates.",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static readonly Option<int?> WidthOption = new("--width")
    {
        Description = "Without PHOTO: width of the photo in pixels (as displayed).",
    };

    private static readonly Option<int?> HeightOption = new("--height")
    {
        Description = "Without PHOTO: height of the photo in pixels (as displayed).",
    };

    private static readonly Option<double?> PxPerMmOption = new("--px-per-mm")
    {
        CustomParser = Numbers.Parse,
        Description = "Physical scale in pixels per mm; without it the scale is estimated from the width (150 mm head, 80% of the photo).",
    };

    private static readonly Option<string> OutputOption = new("--output", "-o")
    {
        Description = "Where to write the plan.",
        Required = true,
    };

    private static readonly Option<bool> ForceOption = new("--force")
    {
        Description = "Overwrite the output if it exists.",
    };

    private static readonly PlanJson JsonOutput = new(new JsonSerializerOptions
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    });

    public static Command Create()
    {
        var validate = new Command("validate", """
            Check a plan: every problem on its own line with its JSON path (exit code 3 when invalid).

            Examples:
              smp plan validate samples/crown.plan.json
              smp plan validate samples/hairline.plan.json --json
            """)
        {
            PlanArgument,
            JsonOption,
        };
        validate.SetAction(parse => Validate(
            parse.GetValue(PlanArgument)!, parse.GetValue(JsonOption), parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error));

        var init = new Command("init", """
            Write a starting plan for a photo (or a photo size), with sensible values and the estimated scale.

            Examples:
              smp plan init samples/crown.jpg --zone crown -o out/crown.plan.json
              smp plan init --zone crown --width 1600 --height 1200 -o out/crown-1600.plan.json
              smp plan init --zone hairline --width 4000 --height 3000 --px-per-mm 22 -o out/hairline.plan.json
            """)
        {
            PhotoArgument,
            ZoneOption,
            WidthOption,
            HeightOption,
            PxPerMmOption,
            OutputOption,
            ForceOption,
            InitJsonOption,
        };
        init.SetAction(parse =>
        {
            CheckPlanOutput(parse.GetValue(OutputOption)!);
            (int width, int height) = InitSize(parse.GetValue(PhotoArgument), parse.GetValue(WidthOption), parse.GetValue(HeightOption));
            return Init(
            new PlanInitRequest(
                parse.GetValue(ZoneOption) switch
                {
                    "hairline" => ZoneKind.Hairline,
                    "top" => ZoneKind.Top,
                    _ => ZoneKind.Crown,
                },
                width,
                height,
                parse.GetValue(PxPerMmOption),
                parse.GetValue(OutputOption)!,
                parse.GetValue(ForceOption),
                parse.GetValue(PhotoArgument),
                parse.GetValue(InitJsonOption)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error);
        });

        return new Command("plan", "Create and check treatment plans (zones, scale, density, pigment).")
        {
            validate,
            init,
        };
    }

    internal static int Validate(string path, bool json, TextWriter stdout, TextWriter stderr)
    {
        Plan plan;
        try
        {
            plan = PlanReader.ReadFile(path);
        }
        catch (PlanException ex)
        {
            if (json)
            {
                var report = new PlanCheckReport(path, false, [.. ex.Errors.Select(e => new PlanErrorReport(e.Path, e.Message))]);
                stdout.WriteLine(JsonSerializer.Serialize(report, JsonOutput.PlanCheckReport));
            }
            else
            {
                foreach (PlanError error in ex.Errors)
                {
                    stderr.WriteLine($"{path}: {error}");
                }
            }
            return (int)ExitCode.BadInput;
        }
        int zones = plan.Zones.Count;
        if (json)
        {
            var report = new PlanCheckReport(path, true)
            {
                Zones = zones,
                PxPerMm = plan.Scale.PxPerMm,
                ScaleSource = plan.Scale.Source switch
                {
                    ScaleSource.Ruler => "ruler",
                    ScaleSource.HeadWidth => "headWidth",
                    _ => "pxPerMm",
                },
                Warnings = plan.Scale.Warning is { } w ? [w] : [],
            };
            stdout.WriteLine(JsonSerializer.Serialize(report, JsonOutput.PlanCheckReport));
        }
        else
        {
            stdout.WriteLine($"{path}: ok ({zones} zone{(zones == 1 ? "" : "s")}, scale {plan.Scale.Describe()})");
            if (plan.Scale.Warning is { } warning)
            {
                stderr.WriteLine($"{path}: warning: {warning}");
            }
        }
        return (int)ExitCode.Ok;
    }

    /// <summary>Checks, before any work, that a plan is written to a .json file: a usage error otherwise.</summary>
    private static void CheckPlanOutput(string output)
    {
        if (!string.Equals(Path.GetExtension(output), ".json", StringComparison.OrdinalIgnoreCase))
        {
            throw new CliException(ExitCode.Usage, $"{output}: a plan is written as .json");
        }
    }

    /// <summary>The plan's photo size: read from the photo, or given with --width and --height.</summary>
    private static (int Width, int Height) InitSize(string? photo, int? width, int? height)
    {
        if (photo is not null)
        {
            if (width is not null || height is not null)
            {
                throw new CliException(ExitCode.Usage, "the size comes from PHOTO: leave out --width and --height");
            }
            using SmpRender.Imaging.Photo image = Inputs.ReadPhoto(photo);
            return (image.Width, image.Height);
        }
        if (width is not { } w || height is not { } h)
        {
            throw new CliException(ExitCode.Usage, "give the PHOTO the plan is for, or its size with --width and --height");
        }
        return (w, h);
    }

    internal static int Init(PlanInitRequest request, TextWriter stdout, TextWriter stderr)
    {
        if (request.Width <= 0 || request.Height <= 0)
        {
            throw new CliException(ExitCode.Usage, "--width and --height must be > 0");
        }
        if (request.PxPerMm is { } px && !PhysicalScale.IsInRange(px))
        {
            throw new CliException(ExitCode.Usage, string.Create(CultureInfo.InvariantCulture,
                $"--px-per-mm must be between {PhysicalScale.MinPxPerMm} and {PhysicalScale.MaxPxPerMm}"));
        }
        PhysicalScale? scale = request.PxPerMm is { } given ? PhysicalScale.FromPxPerMm(given) : null;
        Plan plan = Inputs.QuickPlan(request.Width, request.Height, request.Kind, scale, request.Photo ?? "--width", request.Photo is null ? ExitCode.Usage : ExitCode.BadInput);
        string output = Path.GetFullPath(request.Output);
        if (File.Exists(output) && !request.Force)
        {
            throw new CliException(ExitCode.OutputFailed, $"{request.Output} exists; add --force to overwrite it");
        }
        try
        {
            // Like every output: written whole or not at all, and never over the photo, --force or not.
            AtomicFile.WriteAllText(request.Output, PlanWriter.Write(plan), request.Photo is null ? [] : [request.Photo]);
        }
        catch (OutputException ex)
        {
            throw new CliException(ExitCode.OutputFailed, ex.Message, ex);
        }
        string zone = request.Kind.ToString().ToLowerInvariant();
        if (request.Json)
        {
            var report = new PlanInitReport(request.Output, zone, request.Width, request.Height, Math.Round(plan.Scale.PxPerMm, 4),
                plan.Scale.Describe(), plan.Scale.Warning);
            stdout.WriteLine(JsonSerializer.Serialize(report, JsonOutput.PlanInitReport));
            return (int)ExitCode.Ok;
        }
        stdout.WriteLine($"{request.Output}: wrote a {zone} plan (scale {plan.Scale.Describe()})");
        if (plan.Scale.Warning is { } warning)
        {
            stderr.WriteLine($"{request.Output}: warning: {warning}");
        }
        return (int)ExitCode.Ok;
    }
}

/// <summary>What <c>smp plan init</c> was asked for.</summary>
internal sealed record PlanInitRequest(ZoneKind Kind, int Width, int Height, double? PxPerMm, string Output, bool Force, string? Photo = null,
    bool Json = false);

/// <summary>What <c>smp plan init --json</c> prints: the plan written, for a photo of what size, at what scale.</summary>
internal sealed record PlanInitReport(string Output, string Zone, int Width, int Height, double PxPerMm, string Scale, string? ScaleWarning);

/// <summary>What <c>smp plan validate --json</c> prints: the errors of an invalid plan, or what a valid one holds.</summary>
internal sealed record PlanCheckReport(string Plan, bool Ok, PlanErrorReport[]? Errors = null)
{
    public int? Zones { get; init; }

    public double? PxPerMm { get; init; }

    public string? ScaleSource { get; init; }

    public string[]? Warnings { get; init; }
}

internal sealed record PlanErrorReport(string Path, string Message);

[System.Text.Json.Serialization.JsonSerializable(typeof(PlanCheckReport))]
[System.Text.Json.Serialization.JsonSerializable(typeof(PlanInitReport))]
internal sealed partial class PlanJson : System.Text.Json.Serialization.JsonSerializerContext;
