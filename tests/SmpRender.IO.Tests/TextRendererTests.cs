using SmpRender.IO.Text;

namespace SmpRender.IO.Tests;

public sealed class TextRendererTests
{
    [Fact]
    public void Render_Label_GivesAnAntialiasedMaskOfTheRightShape()
    {
        GlyphRun run = TextRenderer.Render("Session 1", null, 32);
        Assert.Equal(run.Width * run.Height, run.Alpha.Length);
        // DejaVu Sans at 32 px: line height 38 px (ascender 30 + descender 8), 9 glyphs about 16-20 px each.
        Assert.InRange(run.Height, 36, 40);
        Assert.InRange(run.Width, 120, 180);
        Assert.InRange(run.Baseline, 28, 32);
        Assert.Contains((byte)255, run.Alpha);
        Assert.Contains(run.Alpha, a => a is > 0 and < 255);
        // Nothing below the baseline except descenders: "Session 1" has none.
        for (int y = run.Baseline + 1; y < run.Height; y++)
        {
            for (int x = 0; x < run.Width; x++)
            {
                Assert.Equal(0, run.At(x, y));
            }
        }
    }

    [Fact]
    public void Render_SameInput_IsIdentical()
    {
        GlyphRun a = TextRenderer.Render("Before / After", null, 24.5);
        GlyphRun b = TextRenderer.Render("Before / After", null, 24.5);
        Assert.Equal((a.Width, a.Height, a.Baseline), (b.Width, b.Height, b.Baseline));
        Assert.Equal(a.Alpha, b.Alpha);
    }

    [Fact]
    public void Render_VerticalStem_IsOneSolidColumnBand()
    {
        // 'l' in DejaVu Sans is a single vertical stem from the ascender to the baseline.
        GlyphRun run = TextRenderer.Render("l", null, 40);
        int solidColumns = Enumerable.Range(0, run.Width).Count(x => run.At(x, run.Baseline - 5) == 255);
        Assert.InRange(solidColumns, 3, 6);
        Assert.Equal(255, Enumerable.Range(0, run.Width).Max(x => run.At(x, run.Baseline - 25)));
    }

    [Fact]
    public void Render_DoublingTheSize_RoughlyDoublesTheMask()
    {
        GlyphRun small = TextRenderer.Render("Crown", null, 20);
        GlyphRun large = TextRenderer.Render("Crown", null, 40);
        Assert.InRange(large.Width / (double)small.Width, 1.85, 2.15);
        Assert.InRange(large.Height / (double)small.Height, 1.85, 2.15);
    }

    [Fact]
    public void Render_TwoLines_StacksLineHeights()
    {
        GlyphRun one = TextRenderer.Render("Session 1", null, 20);
        GlyphRun two = TextRenderer.Render("Session 1\nSession 2", null, 20);
        Assert.Equal(2 * one.Height, two.Height);
        Assert.Equal(one.Width, two.Width);
    }

    [Fact]
    public void Render_Empty_IsZeroWidthLine()
    {
        GlyphRun run = TextRenderer.Render("", null, 20);
        Assert.Equal(0, run.Width);
        Assert.True(run.Height > 0);
        Assert.Empty(run.Alpha);
    }

    [Fact]
    public void Render_MissingFont_IsOneLineError()
    {
        var ex = Assert.Throws<PhotoException>(() => TextRenderer.Render("x", "/no/such/font.ttf", 20));
        Assert.Equal("/no/such/font.ttf: FreeType: font file not found (the default font is in the Debian package fonts-dejavu-core)", ex.Message);
    }

    [Fact]
    public void Render_NotAFont_IsOneLineError()
    {
        string path = Path.Combine(Path.GetTempPath(), $"smprender-notafont-{Guid.NewGuid():N}.ttf");
        File.WriteAllText(path, "not a font");
        try
        {
            var ex = Assert.Throws<PhotoException>(() => TextRenderer.Render("x", path, 20));
            Assert.Equal($"{path}: FreeType: not a font FreeType can read", ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-3.0)]
    [InlineData(double.NaN)]
    [InlineData(5000.0)]
    public void Render_InvalidSize_IsRejected(double size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => TextRenderer.Render("x", null, size));
    }
}
