using SmpRender.Color;
using SmpRender.Imaging;

namespace SmpRender.Layouts;

/// <summary>How a before/after pair is arranged.</summary>
public enum BeforeAfterArrangement
{
    /// <summary>Before on the left, after on the right.</summary>
    Side,

    /// <summary>Before above, after below.</summary>
    Stack,

    /// <summary>One image: the left half of before and the right half of after, with a divider.</summary>
    Split,
}

/// <summary>A photo with the label drawn on it in a layout.</summary>
public sealed record LabeledPanel(Photo Image, string Label);

/// <summary>Looks shared by every layout.</summary>
/// <param name="Background">Colour behind and between panels, and of the letterbox bars.</param>
/// <param name="TargetSize">Exact output size; the layout is scaled to fit and letterboxed, never stretched.</param>
/// <param name="MaxPanelSide">Without a target size, panels larger than this are scaled down to it.</param>
/// <param name="Caption">Optional line of text under the panels.</param>
public sealed record LayoutOptions(
    Rgb8 Background,
    (int Width, int Height)? TargetSize = null,
    int MaxPanelSide = 2048,
    string? Caption = null)
{
    public static LayoutOptions Default { get; } = new(new Rgb8(24, 24, 26));
}

/// <summary>
/// Arranges photos into before/after pairs, session strips and variant sheets with labels rendered
/// by a real font. All panels share the first panel's aspect ratio; others are letterboxed into it.
/// </summary>
public sealed class LayoutComposer
{
    private const double GapFraction = 0.015;
    private const double LabelFraction = 0.05;
    private const double CaptionFraction = 0.09;

    private static readonly Rgb8 White = new(255, 255, 255);
    private static readonly Rgb8 Black = new(0, 0, 0);

    private readonly ITextRenderer _text;

    public LayoutComposer(ITextRenderer text)
    {
        _text = text ?? throw new ArgumentNullException(nameof(text));
    }

    /// <summary>Before and after in one image.</summary>
    public Photo BeforeAfter(Photo before, Photo after, BeforeAfterArrangement arrangement, LayoutOptions options,
        string beforeLabel = "Before", string afterLabel = "After")
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(options);
        return arrangement switch
        {
            BeforeAfterArrangement.Side => Grid([new(before, beforeLabel), new(after, afterLabel)], 2, options),
            BeforeAfterArrangement.Stack => Grid([new(before, beforeLabel), new(after, afterLabel)], 1, options),
            BeforeAfterArrangement.Split => Split(before, after, options, beforeLabel, afterLabel),
            _ => throw new ArgumentOutOfRangeException(nameof(arrangement), arrangement, "unknown arrangement"),
        };
    }

    /// <summary>Panels in rows of <paramref name="columns"/>, each labelled, with an optional caption below.</summary>
    public Photo Grid(IReadOnlyList<LabeledPanel> panels, int columns, LayoutOptions options) =>
        Compose(panels, columns, options, null, out _);

    /// <summary>
    /// <see cref="Grid(IReadOnlyList{LabeledPanel}, int, LayoutOptions)"/> of panels already scaled by
    /// <see cref="ScalePanel"/> from photos of <paramref name="sourceWidth"/> x <paramref name="sourceHeight"/>: the
    /// same image as the grid of the full-size photos.
    /// </summary>
    public Photo Grid(IReadOnlyList<LabeledPanel> panels, int columns, LayoutOptions options, int sourceWidth, int sourceHeight)
    {
        Preconditions.Positive(sourceWidth);
        Preconditions.Positive(sourceHeight);
        return Compose(panels, columns, options, (sourceWidth, sourceHeight), out _);
    }

    /// <summary>
    /// The size of the image <see cref="Grid(IReadOnlyList{LabeledPanel}, int, LayoutOptions, int, int)"/> makes of
    /// <paramref name="panelCount"/> photos of <paramref name="sourceWidth"/> x <paramref name="sourceHeight"/> in rows
    /// of <paramref name="columns"/>, known before any panel is rendered.
    /// </summary>
    public static (int Width, int Height) GridSize(int sourceWidth, int sourceHeight, int panelCount, int columns, LayoutOptions options)
    {
        Preconditions.Positive(sourceWidth);
        Preconditions.Positive(sourceHeight);
        Preconditions.Positive(panelCount);
        Preconditions.Positive(columns);
        ArgumentNullException.ThrowIfNull(options);
        Geometry g = Geometry.Measure(sourceWidth, sourceHeight, panelCount, columns, options);
        return (g.CanvasWidth, g.CanvasHeight);
    }

    /// <summary>
    /// A photo scaled as a grid of <paramref name="panelCount"/> panels in rows of <paramref name="columns"/> scales it.
    /// A strip or sheet of many full-size renders scales each one as soon as it is rendered and keeps only the
    /// scaled panels (then composes them with the grid overload that takes the source size).
    /// </summary>
    public static Photo ScalePanel(Photo photo, int panelCount, int columns, LayoutOptions options)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(options);
        Preconditions.Positive(panelCount);
        Preconditions.Positive(columns);
        Geometry g = Geometry.Measure(photo.Width, photo.Height, panelCount, columns, options);
        return Fit(photo, g.PanelWidth, g.PanelHeight);
    }

    private Photo Compose(IReadOnlyList<LabeledPanel> panels, int columns, LayoutOptions options, (int Width, int Height)? scaledFrom,
        out Geometry geometry)
    {
        ArgumentNullException.ThrowIfNull(panels);
        ArgumentNullException.ThrowIfNull(options);
        if (panels.Count == 0)
        {
            throw new ArgumentException("a layout needs at least one panel", nameof(panels));
        }
        Preconditions.Positive(columns);
        (int sourceWidth, int sourceHeight) = scaledFrom ?? (panels[0].Image.Width, panels[0].Image.Height);
        geometry = Geometry.Measure(sourceWidth, sourceHeight, panels.Count, columns, options);
        Geometry g = geometry;

        Photo canvas = Photo.Create(g.CanvasWidth, g.CanvasHeight, clear: false);
        Canvas.Fill(canvas, options.Background);
        for (int i = 0; i < panels.Count; i++)
        {
            (int x, int y) = g.PanelOrigin(i);
            // Centred in its box; the canvas's background makes the letterbox bars of a panel of another shape.
            using Photo? scaled = scaledFrom is null ? Fit(panels[i].Image, g.PanelWidth, g.PanelHeight) : null;
            Photo shown = scaled ?? panels[i].Image;
            Canvas.Paste(canvas, shown, x + (g.PanelWidth - shown.Width) / 2, y + (g.PanelHeight - shown.Height) / 2);
            DrawLabel(canvas, panels[i].Label, x, y, g.LabelPx);
        }
        if (g.CaptionHeight > 0)
        {
            double size = Math.Max(10, g.CaptionHeight * 0.5);
            TextMask text = _text.Render(options.Caption!, size);
            int room = g.ContentWidth - 2 * g.Gap;
            // A long caption is made smaller to fit the width rather than cut off at both edges (text does not scale
            // exactly with its size: a second or third try closes the gap).
            for (int tries = 0; tries < 3 && text.Width > room && size > 1; tries++)
            {
                size = Math.Max(1, size * room / text.Width);
                text = _text.Render(options.Caption!, size);
            }
            int tx = g.OffsetX + (g.ContentWidth - text.Width) / 2;
            int ty = g.OffsetY + g.ContentHeight - g.Gap / 2 - g.CaptionHeight + (g.CaptionHeight - text.Height) / 2;
            Canvas.DrawText(canvas, text, tx, ty, new Rgb8(235, 235, 235));
        }
        return canvas;
    }

    private Photo Split(Photo before, Photo after, LayoutOptions options, string beforeLabel, string afterLabel)
    {
        if (before.Width != after.Width || before.Height != after.Height)
        {
            throw new ArgumentException("a split layout needs before and after of the same size", nameof(after));
        }
        using Photo merged = before.Clone();
        int half = before.Width / 2;
        for (int row = 0; row < before.Height; row++)
        {
            after.Row(row).Slice(half * 4).CopyTo(merged.Row(row).Slice(half * 4));
        }
        Photo result = Compose([new(merged, "")], 1, options, null, out Geometry g);
        (int x, int y) = g.PanelOrigin(0);
        int divider = Math.Max(2, g.PanelWidth / 300);
        Canvas.FillRect(result, x + g.PanelWidth / 2 - divider / 2, y, divider, g.PanelHeight, White, 0.9);
        DrawLabel(result, beforeLabel, x, y, g.LabelPx);
        int afterWidth = LabelPlateWidth(_text.Render(afterLabel, g.LabelPx), g.LabelPx);
        DrawLabel(result, afterLabel, x + g.PanelWidth - afterWidth - g.LabelPx, y, g.LabelPx);
        return result;
    }

    /// <summary>A label in white on a translucent dark plate at the panel's top-left corner.</summary>
    private void DrawLabel(Photo canvas, string label, int panelX, int panelY, int labelPx)
    {
        if (string.IsNullOrEmpty(label))
        {
            return;
        }
        TextMask text = _text.Render(label, labelPx);
        int pad = labelPx / 2;
        int margin = labelPx / 2;
        Canvas.FillRect(canvas, panelX + margin, panelY + margin, LabelPlateWidth(text, labelPx), text.Height + pad, Black, 0.55);
        Canvas.DrawText(canvas, text, panelX + margin + pad, panelY + margin + pad / 2, White);
    }

    private static int LabelPlateWidth(TextMask text, int labelPx) => text.Width + 2 * (labelPx / 2);

    /// <summary>The photo scaled to fit within width x height, its aspect ratio kept.</summary>
    private static Photo Fit(Photo photo, int width, int height)
    {
        (int w, int h) = Resampler.FitWithin(photo.Width, photo.Height, width, height);
        return Resampler.Resize(photo, w, h);
    }

    /// <summary>
    /// Sizes of a grid layout. Every size is proportional to the panel height, so the largest panel
    /// height that fits the target is solved for directly and the labels are rendered at final size.
    /// </summary>
    private readonly record struct Geometry(
        int Columns, int PanelWidth, int PanelHeight, int Gap, int CaptionHeight, int LabelPx,
        int ContentWidth, int ContentHeight, int CanvasWidth, int CanvasHeight, int OffsetX, int OffsetY)
    {
        /// <summary>The sizes of <paramref name="panelCount"/> panels of a photo's shape in rows of <paramref name="columns"/> (at most the panels).</summary>
        public static Geometry Measure(int firstWidth, int firstHeight, int panelCount, int columns, LayoutOptions options)
        {
            columns = Math.Min(columns, panelCount);
            int rows = (panelCount + columns - 1) / columns;
            double aspect = (double)firstWidth / firstHeight;
            bool caption = !string.IsNullOrWhiteSpace(options.Caption);
            double unitW = columns * aspect + (columns + 1) * GapFraction;
            double unitH = rows + (rows + 1) * GapFraction + (caption ? CaptionFraction : 0);
            double h = options.TargetSize is { } target
                ? Math.Min(target.Width / unitW, target.Height / unitH)
                : Math.Min(firstHeight, options.MaxPanelSide / Math.Max(1, aspect));
            int panelH = Math.Max(1, (int)Math.Floor(h));
            int panelW = Math.Max(1, (int)Math.Floor(h * aspect));
            int gap = Math.Max(1, (int)Math.Round(GapFraction * h));
            int captionH = caption ? (int)Math.Round(CaptionFraction * h) : 0;
            int contentW = columns * panelW + (columns + 1) * gap;
            int contentH = rows * panelH + (rows + 1) * gap + captionH;
            (int canvasW, int canvasH) = options.TargetSize ?? (contentW, contentH);
            return new Geometry(columns, panelW, panelH, gap, captionH, Math.Max(10, (int)Math.Round(LabelFraction * h)),
                contentW, contentH, canvasW, canvasH, (canvasW - contentW) / 2, (canvasH - contentH) / 2);
        }

        public (int X, int Y) PanelOrigin(int index) =>
            (OffsetX + Gap + (index % Columns) * (PanelWidth + Gap), OffsetY + Gap + (index / Columns) * (PanelHeight + Gap));
    }
}
