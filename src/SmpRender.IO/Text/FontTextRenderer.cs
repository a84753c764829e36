using SmpRender.Layouts;

namespace SmpRender.IO.Text;

/// <summary>The layouts' text renderer: <see cref="TextRenderer"/> with one chosen font.</summary>
public sealed class FontTextRenderer : ITextRenderer
{
    /// <param name="fontPath">A TrueType/OpenType font file, or null for DejaVu Sans.</param>
    /// <exception cref="PhotoException">The font is missing or unreadable, or libfreetype is not installed.</exception>
    public FontTextRenderer(string? fontPath = null)
    {
        FontPath = fontPath ?? TextRenderer.DefaultFontPath;
        TextRenderer.Render("A", FontPath, 8);
    }

    public string FontPath { get; }

    public TextMask Render(string text, double pixelHeight)
    {
        GlyphRun run = TextRenderer.Render(text, FontPath, pixelHeight);
        return new TextMask(run.Width, run.Height, run.Baseline, run.Alpha);
    }
}
