using System.CommandLine;
using System.Diagnostics;
using SmpRender.Imaging;
using SmpRender.Layouts;
using SmpRender.Rendering;

namespace SmpRender.Cli.Commands;

/// <summary>
/// The panels of a strip or sheet of <paramref name="count"/> renders of one photo, in rows of <paramref name="columns"/>:
/// each render is scaled to its panel as soon as it is added and released, so a sheet holds one full-size render at a
/// time (a 12 MP render is 48 MB) whatever its number of panels. Disposing the set returns the panels' pixels. A long
/// sheet or strip shows its progress on the terminal (<paramref name="progress"/>).
/// </summary>
internal sealed class PanelSet(int count, int columns, LayoutOptions options, int photoWidth, int photoHeight, TerminalProgress? progress = null)
    : IDisposable
{
    private readonly List<LabeledPanel> _panels = [];

    /// <summary>The most panels in a row of a strip, or of a sheet of one varied setting.</summary>
    public const int MaxColumns = 8;

    /// <summary>The columns for a strip, or a sheet of one varied setting: all its panels up to <see cref="MaxColumns"/>, beyond that rows of about equal length.</summary>
    public static int Columns(int count)
    {
        int rows = (count + MaxColumns - 1) / MaxColumns;
        return (count + rows - 1) / rows;
    }

    /// <summary>The size of the finished strip or sheet.</summary>
    public (int Width, int Height) GridSize => LayoutComposer.GridSize(photoWidth, photoHeight, count, columns, options);

    /// <summary>Adds a full-size render of the photo as the next panel, and disposes the render.</summary>
    public void AddRender(Photo render, string label)
    {
        using (render)
        {
            AddCopy(render, label);
        }
    }

    /// <summary>Adds a scaled copy of a full-size photo (kept by the caller) as the next panel.</summary>
    public void AddCopy(Photo photo, string label)
    {
        if (photo.Width != photoWidth || photo.Height != photoHeight || _panels.Count == count)
        {
            throw new InvalidOperationException($"panel {_panels.Count + 1} of {count}: {photo.Width}x{photo.Height}, not {photoWidth}x{photoHeight}");
        }
        _panels.Add(new LabeledPanel(LayoutComposer.ScalePanel(photo, count, columns, options), label));
        progress?.Show($"{_panels.Count}/{count} panels ({label})");
    }

    /// <summary>Lays the panels out, writes the image and reports.</summary>
    /// <param name="panelReports">A sheet's panels, for the report (see <see cref="RenderReport.Panels"/>).</param>
    public void WriteGrid(ParseResult parse, LoadedInputs loaded, PreviewScene scene, LayoutComposer composer, double compositeMs, long start,
        PanelReport[]? panelReports = null)
    {
        if (_panels.Count != count)
        {
            throw new InvalidOperationException($"{_panels.Count} panels of {count}");
        }
        progress?.Show($"{count}/{count} panels, writing {loaded.OutputPath}");
        using Photo grid = composer.Grid(_panels, columns, options, photoWidth, photoHeight);
        double writeMs = Inputs.WritePhoto(grid, loaded.OutputPath, loaded.Encode);
        // Cleared before the report (a failed write leaves it to Dispose, before the error is printed).
        progress?.Clear();
        RenderCommand.Report(parse, RenderReport.For(scene, loaded, grid.Width, grid.Height, compositeMs, writeMs,
            Stopwatch.GetElapsedTime(start).TotalMilliseconds) with { Panels = panelReports }, loaded.Json);
    }

    public void Dispose()
    {
        // A command that fails between two panels leaves no progress line under its error.
        progress?.Clear();
        foreach (LabeledPanel panel in _panels)
        {
            panel.Image.Dispose();
        }
        _panels.Clear();
    }
}
