using System.CommandLine;
using System.Diagnostics;
using SmpRender.Imaging;
using SmpRender.Layouts;
using SmpRender.Rendering;

namespace SmpRender.Cli.Commands;

/// <summary>The rendered panels of a strip or sheet; disposing the set returns their pixels.</summary>
internal sealed class PanelSet : List<LabeledPanel>, IDisposable
{
    /// <summary>Lays the panels out in rows of <paramref name="columns"/>, writes the image and reports.</summary>
    public void WriteGrid(ParseResult parse, LoadedInputs loaded, PreviewScene scene, LayoutComposer composer, LayoutOptions options,
        int columns, double compositeMs, long start)
    {
        using Photo grid = composer.Grid(this, columns, options);
        double writeMs = Inputs.WritePhoto(grid, loaded.OutputPath, loaded.Encode);
        RenderCommand.Report(parse, RenderReport.For(scene, loaded, grid.Width, grid.Height, compositeMs, writeMs,
            Stopwatch.GetElapsedTime(start).TotalMilliseconds), loaded.Json);
    }

    public void Dispose()
    {
        foreach (LabeledPanel panel in this)
        {
            panel.Image.Dispose();
        }
        Clear();
    }
}
