using SmpRender.IO.Text;
using SmpRender.Layouts;

namespace SmpRender.IO.Tests.Text;

public sealed class FreeTypeTextRendererTests
{
    [Fact]
    public void Render_Text_HasInkWithinTheLineAndGrowsWithLength()
    {
        using var renderer = new FreeTypeTextRenderer();
        TextMask one = renderer.Render("After", 32);
        TextMask two = renderer.Render("After After", 32);
        Assert.True(two.Width > one.Width * 1.8, $"{two.Width} vs {one.Width}");
        Assert.InRange(one.Height, 32, 44);
        Assert.InRange(one.Baseline, 24, 34);
        Assert.Contains(one.Coverage, b => b == 255);
        int inked = one.Coverage.Count(b => b > 0);
        Assert.InRange(inked, one.Width * one.Height / 10, one.Width * one.Height * 2 / 3);
    }

    [Fact]
    public void Render_Descender_InksBelowTheBaseline()
    {
        using var renderer = new FreeTypeTextRenderer();
        TextMask upper = renderer.Render("HH", 40);
        TextMask lower = renderer.Render("gg", 40);
        Assert.True(InkedRows(upper).Max() < upper.Baseline + 1);
        Assert.True(InkedRows(lower).Max() > lower.Baseline + 4);
    }

    [Fact]
    public void Render_Twice_IsDeterministic()
    {
        using var renderer = new FreeTypeTextRenderer();
        Assert.Equal(renderer.Render("Session 3 · 5 years", 24).Coverage, renderer.Render("Session 3 · 5 years", 24).Coverage);
    }

    [Fact]
    public void Constructor_MissingFont_NamesThePath()
    {
        var ex = Assert.Throws<FileNotFoundException>(() => new FreeTypeTextRenderer("/no/such/font.ttf"));
        Assert.Contains("/no/such/font.ttf", ex.Message);
    }

    [Fact]
    public void Constructor_NotAFont_IsAClearError()
    {
        string path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "not a font");
            var ex = Assert.Throws<InvalidDataException>(() => new FreeTypeTextRenderer(path));
            Assert.Contains(path, ex.Message);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static IEnumerable<int> InkedRows(TextMask m) =>
        Enumerable.Range(0, m.Height).Where(y => Enumerable.Range(0, m.Width).Any(x => m.Coverage[y * m.Width + x] > 64));
}
