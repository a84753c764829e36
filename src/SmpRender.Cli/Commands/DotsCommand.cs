using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SmpRender.Imaging;
using SmpRender.Plans;
using SmpRender.Rendering;
using SmpRender.Sampling;

namespace SmpRender.Cli.Commands;

/// <summary><c>smp dots --plan PLAN --size WxH -o FILE</c>: only the dot field, as CSV or a printable SVG.</summary>
internal static class DotsCommand
{
    public static Command Create()
    {
        var photo = new Argument<string?>("PHOTO")
        {
            Description = "Optional photo: its size is used, and its hair when the plan asks for density work between hairs.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        // The photo is optional, so an unknown option would otherwise be taken for it.
        photo.Validators.Add(result =>
        {
            if (result.Tokens is [{ Value: ['-', _, ..] value }])
            {
                result.AddError($"Unrecognized command or argument '{value}'");
            }
        });
        var plan = new Option<string>("--plan", "-p") { Description = "Treatment plan (JSON).", Required = true, HelpName = "PLAN" };
        var size = new Option<string?>("--size") { Description = "Photo size WxH in pixels, when no PHOTO is given.", HelpName = "WxH" };
        var output = new Option<string>("--output", "-o") { Description = "Dot field file: .csv (x,y,diameter_mm,session,rank) or .svg (a printable dot map).", Required = true, HelpName = "FILE" };
        var seed = new Option<long?>("--seed") { Description = "Random seed (sets the plan's seed)." };
        var set = new Option<string[]>("--set")
        {
            Description = "Override a plan setting, KEY=VALUE (density, sessions, seed, diameter, ...); repeatable.",
            AllowMultipleArgumentsPerToken = false,
            HelpName = "KEY=VALUE",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object: dots, sampleMs and more." };
        var command = new Command("dots", """
            Generate only the dot field of a plan: as CSV for other tools, or as an SVG dot map a technician can print.

            Examples:
              smp dots --plan samples/crown.plan.json --size 1600x1200 -o out/crown-dots.svg
              smp dots samples/crown.jpg --plan samples/crown.plan.json -o out/crown-dots.csv --json
            """);
        command.Arguments.Add(photo);
        command.Options.Add(plan);
        command.Options.Add(size);
        command.Options.Add(output);
        command.Options.Add(seed);
        command.Options.Add(set);
        command.Options.Add(json);
        command.SetAction(parse =>
        {
            string planPath = parse.GetRequiredValue(plan);
            string outPath = parse.GetRequiredValue(output);
            Inputs.CheckDotsOutput(outPath);
            string? photoPath = parse.GetValue(photo);
            (int Width, int Height)? wh = LayoutInputs.ParseSize(parse.GetValue(size));
            if ((photoPath is null) == (wh is null))
            {
                throw new CliException(ExitCode.Usage, "give either a PHOTO or --size WxH for the size of the field");
            }
            Plan p = Inputs.ReadPlan(planPath);
            List<(string Key, string Value)> given = parse.GetValue(seed) is long s ? [("seed", s.ToString(CultureInfo.InvariantCulture))] : [];
            p = Inputs.ApplyOverrides(p, PreviewInputs.WithSets(given, parse.GetValue(set)), planPath);
            DotField dots;
            double sampleMs, densityMs;
            int width, height;
            string[] protectedInputs = Inputs.InputFiles(photoPath, planPath, p);
            if (photoPath is not null)
            {
                using Photo image = Inputs.ReadPhoto(photoPath);
                Inputs.CheckDotSpacing(p, planPath, photoPath, image.Width, image.Height);
                PreviewScene scene = Inputs.PrepareScene(image, p, planPath, photoPath);
                (dots, sampleMs, densityMs, width, height) = (scene.Dots, scene.SampleMs, scene.DensityMs, image.Width, image.Height);
            }
            else
            {
                // A field of a given size has no photo, so no hairs to keep the dots from: it needs the zones alone, not
                // a photo's worth of blank pixels (48 MB at 12 MP) analysed for skin and hair.
                (width, height) = wh!.Value;
                Inputs.CheckDotSpacing(p, planPath, null, width, height);
                Plan field = p.Hair is { AvoidExisting: true } ? p with { Hair = null } : p;
                SceneZones zones = Inputs.RasterizeZones(field, width, height, planPath, null).WithSampledDots();
                (dots, sampleMs, densityMs) = (zones.SampledDots!, zones.SampleMs, zones.DensityMs);
            }
            Inputs.WriteDots(dots, outPath, width, height, p.Dots.DiameterMm, protectedInputs);

            TextWriter stdout = parse.InvocationConfiguration.Output;
            if (parse.GetValue(json))
            {
                var report = new DotsReport(outPath, dots.Count, dots.SessionCount, Math.Round(sampleMs, 2), Math.Round(densityMs, 2),
                    width, height, Math.Round(p.Scale.PxPerMm, 4), p.Density.DotsPerCm2);
                stdout.WriteLine(JsonSerializer.Serialize(report, DotsJson.Default.DotsReport));
            }
            else
            {
                stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{outPath}: {dots.Count} dots in {dots.SessionCount} sessions, sampled in {sampleMs:0.0} ms"));
                if (photoPath is null && p.Hair is { AvoidExisting: true })
                {
                    parse.InvocationConfiguration.Error.WriteLine(
                        $"smp: warning: {planPath}: hair.avoidExisting finds the hairs in a photo: a field of a given size avoids none");
                }
            }
            return 0;
        });
        return command;
    }
}

/// <summary>What <c>smp dots --json</c> prints.</summary>
internal sealed record DotsReport(string Output, int Dots, int Sessions, double SampleMs, double DensityMs, int Width, int Height,
    double PxPerMm, double DotsPerCm2);

[System.Text.Json.Serialization.JsonSourceGenerationOptions(PropertyNamingPolicy = System.Text.Json.Serialization.JsonKnownNamingPolicy.CamelCase)]
[System.Text.Json.Serialization.JsonSerializable(typeof(DotsReport))]
internal sealed partial class DotsJson : System.Text.Json.Serialization.JsonSerializerContext;
