using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SmpRender.Compositing;
using SmpRender.Imaging;
using SmpRender.Layouts;
using SmpRender.Plans;
using SmpRender.Rendering;

namespace SmpRender.Cli.Commands;

/// <summary><c>smp sessions PHOTO --plan PLAN -o OUT</c>: how the result builds up and fades.</summary>
internal static class SessionsCommand
{
    public static Command Create()
    {
        var inputs = new PreviewInputs();
        var layout = new LayoutInputs();
        var years = new Option<string?>("--years")
        {
            Description = "Years of fading to show after the sessions, comma-separated, e.g. 3,5,8.",
            HelpName = "Y1,Y2,...",
        };
        var before = new Option<bool>("--before") { Description = "Start the strip with the photo before treatment." };
        var command = new Command("sessions", """
            A strip of labelled panels: the result after session 1, 2, 3 (as planned), then the chosen years of fading.

            Example:
              smp sessions samples/crown.jpg --plan samples/crown.plan.json --years 3,5 -o out/sessions.jpg
            """);
        inputs.AddTo(command);
        layout.AddTo(command);
        command.Options.Add(years);
        command.Options.Add(before);
        command.SetAction(parse =>
        {
            long start = Stopwatch.GetTimestamp();
            if (inputs.Overrides(parse).Any(o => o.Key == "years"))
            {
                // The sessions are shown just healed and the fading panels at their own --years: a plan's years would be lost.
                throw new CliException(ExitCode.Usage, "--set years: a strip shows fading with --years 5,10 (its panels' years), not the plan's years");
            }
            using LoadedInputs loaded = inputs.Load(parse);
            IReadOnlyList<double> fadingYears = ParseYears(parse.GetValue(years));
            (LayoutComposer composer, LayoutOptions options) = layout.Load(parse, maxPanelSide: 1400);
            PreviewScene scene = loaded.Prepare();
            Plan plan = loaded.Plan;

            bool withBefore = parse.GetValue(before);
            int count = (withBefore ? 1 : 0) + plan.Sessions + fadingYears.Count;
            using var panels = new PanelSet(count, PanelSet.Columns(count), options, loaded.Photo.Width, loaded.Photo.Height,
                TerminalProgress.For(parse, loaded.Json));
            Inputs.CheckOutputSize(loaded.OutputPath, panels.GridSize);
            if (withBefore)
            {
                panels.AddCopy(loaded.Photo, "Before");
            }
            _ = scene.Dots; // sampled now unless it was while the photo decoded: not part of the compositing time
            long composite = Stopwatch.GetTimestamp();
            for (int s = 1; s <= plan.Sessions; s++)
            {
                panels.AddRender(scene.Render(SessionSelection.UpTo(s), new FadingSettings(0)), $"Session {s}");
            }
            foreach (double y in fadingYears)
            {
                string label = string.Create(CultureInfo.InvariantCulture, $"{y:0.#} {(y == 1 ? "year" : "years")}");
                panels.AddRender(scene.Render(SessionSelection.All, RenderCommand.Fading(plan, y)), label);
            }
            double compositeMs = Stopwatch.GetElapsedTime(composite).TotalMilliseconds;
            panels.WriteGrid(parse, loaded, scene, composer, compositeMs, start);
            return 0;
        });
        return command;
    }

    internal static IReadOnlyList<double> ParseYears(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }
        var years = new List<double>();
        foreach (string part in text.Split(','))
        {
            if (!double.TryParse(part.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out double y) || !(y >= 0 && y <= 50))
            {
                throw new CliException(ExitCode.Usage, $"--years: '{part.Trim()}' must be a number of years from 0 to 50");
            }
            if (years.Contains(y))
            {
                throw new CliException(ExitCode.Usage, $"--years: {part.Trim()} is listed twice");
            }
            years.Add(y);
        }
        return years;
    }
}
