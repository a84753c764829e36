using SmpRender.IO.Text;
using SmpRender.Layouts;

namespace SmpRender.IO.Tests;

public sealed class FontTextRendererTests
{
    [Fact]
    public void Render_MatchesTheGlyphRunOfTheSameFont()
    {
        var renderer = new FontTextRenderer();
        TextMask mask = renderer.Render("After", 32);
        GlyphRun run = TextRenderer.Render("After", null, 32);
        Assert.Equal((run.Width, run.Height, run.Baseline), (mask.Width, mask.Height, mask.Baseline));
        Assert.Equal(run.Alpha, mask.Coverage);
    }

    [Fact]
    public void Constructor_MissingFont_FailsAtOnceNamingThePath()
    {
        var ex = Assert.Throws<PhotoException>(() => new FontTextRenderer("/no/such/font.ttf"));
        Assert.StartsWith("/no/such/font.ttf", ex.Message);
    }
}
