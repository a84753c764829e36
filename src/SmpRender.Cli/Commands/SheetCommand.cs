using System.CommandLine;
using System.Diagnostics;
using SmpRender.Imaging;
using SmpRender.Layouts;
using SmpRender.Plans;
using SmpRender.Rendering;

namespace SmpRender.Cli.Commands;

/// <summary><c>smp sheet PHOTO --plan PLAN -o OUT --vary density=60,90,120 --vary shade=2,3,4</c>: a grid of variants.</summary>
internal static class SheetCommand
{
    public static Command Create()
    {
        var inputs = new PreviewInputs();
        var layout = new LayoutInputs();
        var vary = new Option<string[]>("--vary")
        {
            Description = "A setting and its values, KEY=V1,V2,...; repeat for a grid (the last one runs along a row). Keys: density, shade, look, sessions, seed, diameter, years.",
            Required = true,
            HelpName = "KEY=V1,V2",
        };
        var command = new Command("sheet", """
            A labelled grid of variants of the plan, for a consultation.

            Example:
              smp sheet samples/crown.jpg --plan samples/crown.plan.json --vary density=60,90,120 --vary shade=2,3,4 -o out/sheet.jpg
            """);
        inputs.AddTo(command);
        layout.AddTo(command);
        command.Options.Add(vary);
        command.SetAction(parse =>
        {
            long start = Stopwatch.GetTimestamp();
            using LoadedInputs loaded = inputs.Load(parse);
            string[] specs = parse.GetValue(vary) ?? [];
            var variations = specs.Select(s => Inputs.Guard(() => PlanOverrides.ParseVariation(s), "--vary", ExitCode.Usage)).ToList();
            foreach ((string key, string value) in inputs.Overrides(parse))
            {
                if (variations.Any(v => v.Key == key))
                {
                    throw new CliException(ExitCode.Usage, $"{key} is both given ({value}) and varied: give its values in --vary only");
                }
            }
            IReadOnlyList<PlanVariant> variants = Inputs.Guard(() => PlanOverrides.Expand(loaded.Plan, variations), "--vary", ExitCode.Usage);
            if (variants.Count > 64)
            {
                throw new CliException(ExitCode.Usage, $"--vary: {variants.Count} variants is too many for one sheet (at most 64)");
            }
            (LayoutComposer composer, LayoutOptions options) = layout.Load(parse, maxPanelSide: 1024);
            PreviewScene scene = loaded.Prepare();
            // Each variant's density is checked as the plan's was.
            foreach (PlanVariant variant in variants)
            {
                Inputs.CheckDotSpacing(variant.Plan, loaded.PlanSource, loaded.PhotoPath, loaded.Photo.Width, loaded.Photo.Height);
                Inputs.CheckDotCount(scene.Density, variant.Plan, loaded.PlanSource);
            }

            // A grid of two or more settings keeps the last one across, one row per value of the others.
            int columns = variations.Count > 1 ? variations[^1].Values.Count : PanelSet.Columns(variants.Count);
            using var panels = new PanelSet(variants.Count, columns, options,
                loaded.Photo.Width, loaded.Photo.Height, TerminalProgress.For(parse, loaded.Json));
            Inputs.CheckOutputSize(loaded.OutputPath, panels.GridSize);
            long composite = Stopwatch.GetTimestamp();
            var reports = new List<PanelReport>(variants.Count);
            foreach (PlanVariant variant in variants)
            {
                scene = scene.WithPlan(variant.Plan);
                panels.AddRender(scene.Render(), variant.Label);
                reports.Add(PanelReport.For(variant.Label, scene));
            }
            double compositeMs = Stopwatch.GetElapsedTime(composite).TotalMilliseconds;
            panels.WriteGrid(parse, loaded, scene, composer, compositeMs, start, [.. reports]);
            return 0;
        });
        return command;
    }
}
