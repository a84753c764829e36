namespace SmpRender.Cli.Tests;

public sealed class RootCommandTests
{
    [Fact]
    public void Help_ListsExitCodes()
    {
        var stdout = new StringWriter();
        int code = SmpCommand.Run(["--help"], stdout, new StringWriter());
        Assert.Equal(0, code);
        Assert.Contains("Exit codes:", stdout.ToString());
        Assert.Contains("70  internal error", stdout.ToString());
    }

    [Fact]
    public void UnknownOption_IsUsageErrorOnStderr()
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = SmpCommand.Run(["--no-such-option"], stdout, stderr);
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Contains("--no-such-option", stderr.ToString());
        Assert.Equal("", stdout.ToString());
    }

    [Fact]
    public void Version_PrintsTheAssemblyVersion()
    {
        var stdout = new StringWriter();
        Assert.Equal(0, SmpCommand.Run(["--version"], stdout, new StringWriter()));
        Assert.Equal(SmpCommand.Version, stdout.ToString().Trim());
    }
}
