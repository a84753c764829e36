namespace SmpRender.Layouts;

/// <summary>
/// Rendered text as 8-bit coverage (0 = none, 255 = full), one byte per pixel, rows top to bottom.
/// <see cref="Baseline"/> is the row of the text baseline, measured from the top.
/// </summary>
public sealed record TextMask(int Width, int Height, int Baseline, byte[] Coverage)
{
    public static TextMask Empty { get; } = new(0, 0, 0, []);
}

/// <summary>Renders a line of label text at a pixel height (em size). Implemented with a real font rasteriser.</summary>
public interface ITextRenderer
{
    TextMask Render(string text, double pixelHeight);
}
