using System.CommandLine;
using System.Diagnostics;
using SmpRender.Imaging;
using SmpRender.Layouts;
using SmpRender.Rendering;

namespace SmpRender.Cli.Commands;

/// <summary><c>smp compare PHOTO --plan PLAN -o OUT</c>: before and after in one image.</summary>
internal static class CompareCommand
{
    public static Command Create()
    {
        var inputs = new PreviewInputs();
        var layout = new LayoutInputs();
        var arrangement = new Option<string>("--layout")
        {
            Description = "side (before left, after right), stack (before above) or split (one image, halves).",
            DefaultValueFactory = _ => "side",
        }.AcceptOnlyFromAmong("side", "stack", "split");
        var command = new Command("compare", """
            Before and after in one image, labelled, for consultations and marketing.

            Examples:
              smp compare samples/crown.jpg --plan samples/crown.plan.json -o out/compare.jpg
              smp compare client.jpg --plan plan.json --layout split --size 1080x1080 --caption "Crown, 3 sessions" -o post.jpg
            """);
        inputs.AddTo(command);
        layout.AddTo(command);
        command.Options.Add(arrangement);
        command.SetAction(parse =>
        {
            long start = Stopwatch.GetTimestamp();
            using LoadedInputs loaded = inputs.Load(parse);
            (LayoutComposer composer, LayoutOptions options) = layout.Load(parse, maxPanelSide: 2048);
            BeforeAfterArrangement kind = Enum.Parse<BeforeAfterArrangement>(parse.GetValue(arrangement)!, ignoreCase: true);
            Inputs.CheckOutputSize(loaded.OutputPath, LayoutComposer.GridSize(loaded.Photo.Width, loaded.Photo.Height,
                panelCount: kind == BeforeAfterArrangement.Split ? 1 : 2, columns: kind == BeforeAfterArrangement.Side ? 2 : 1, options));
            PreviewScene scene = loaded.Prepare();
            _ = scene.Dots; // sampled now unless it was while the photo decoded: not part of the compositing time
            long composite = Stopwatch.GetTimestamp();
            using Photo after = scene.Render();
            double compositeMs = Stopwatch.GetElapsedTime(composite).TotalMilliseconds;
            using Photo sheet = composer.BeforeAfter(loaded.Photo, after, kind, options);
            double writeMs = Inputs.WritePhoto(sheet, loaded.OutputPath, loaded.Encode);
            RenderCommand.Report(parse, RenderReport.For(scene, loaded, sheet.Width, sheet.Height, compositeMs, writeMs,
                Stopwatch.GetElapsedTime(start).TotalMilliseconds), loaded.Json);
            return 0;
        });
        return command;
    }
}
