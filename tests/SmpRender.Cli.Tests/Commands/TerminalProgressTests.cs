using SmpRender.Cli.Commands;
using SmpRender.Imaging;
using SmpRender.Layouts;

namespace SmpRender.Cli.Tests.Commands;

/// <summary>The one line of progress that long sheets and strips redraw on a terminal.</summary>
public sealed class TerminalProgressTests
{
    [Fact]
    public void Show_RedrawsOneLine_PaddedOverALongerOne_AndClearErasesIt()
    {
        var terminal = new StringWriter();
        var progress = new TerminalProgress(terminal, TimeSpan.Zero);
        progress.Show("1/3 panels");
        progress.Show("2/3");
        progress.Clear();
        progress.Clear();
        Assert.Equal("\r1/3 panels\r2/3       \r          \r", terminal.ToString());
    }

    [Fact]
    public void Show_BeforeTheDelay_OrWithoutATerminal_PrintsNothing()
    {
        var terminal = new StringWriter();
        var slow = new TerminalProgress(terminal, TimeSpan.FromHours(1));
        slow.Show("1/3 panels");
        slow.Clear();
        var none = new TerminalProgress(null, TimeSpan.Zero);
        none.Show("1/3 panels");
        none.Clear();
        Assert.Equal("", terminal.ToString());
    }

    [Fact]
    public void PanelSet_ShowsEachPanelAdded_AndClearsTheLineWhenDisposed()
    {
        var terminal = new StringWriter();
        using (Photo photo = Photo.Create(40, 30))
        using (var panels = new PanelSet(3, 3, LayoutOptions.Default, 40, 30, new TerminalProgress(terminal, TimeSpan.Zero)))
        {
            panels.AddCopy(photo, "Session 1");
            panels.AddCopy(photo, "Session 2");
        }
        string line = "2/3 panels (Session 2)";
        Assert.Equal($"\r1/3 panels (Session 1)\r{line}\r{new string(' ', line.Length)}\r", terminal.ToString());
    }
}
