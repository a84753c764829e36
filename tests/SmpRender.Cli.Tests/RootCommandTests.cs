using System.CommandLine;

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

    public static TheoryData<string> CommandNames => [.. SmpCommand.Commands.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CommandNames))]
    public void CommandLineNamingACommand_BuildsThatCommandAlone_WhichHelpsAndParsesAsUnderTheFullRoot(string name)
    {
        RootCommand alone = SmpCommand.CreateFor([name, "--help"]);
        RootCommand full = SmpCommand.Create();

        Assert.Equal([name], alone.Subcommands.Select(c => c.Name));
        Assert.Equal(Help(full, name), Help(alone, name));
        string[] line = [name, "photo.jpg", "--plan", "p.json", "-o", "out.jpg", "--no-such-option"];
        Assert.Equal(full.Parse(line).Errors.Select(e => e.Message), alone.Parse(line).Errors.Select(e => e.Message));
    }

    [Fact]
    public void CommandLineNotStartingWithACommand_BuildsEveryCommand()
    {
        Assert.Equal(SmpCommand.Commands.Select(c => c.Name), SmpCommand.CreateFor(["--verbose", "render"]).Subcommands.Select(c => c.Name));
        Assert.Equal(SmpCommand.Commands.Length, SmpCommand.CreateFor([]).Subcommands.Count);
    }

    private static string Help(RootCommand root, string name)
    {
        var stdout = new StringWriter();
        root.Parse([name, "--help"]).Invoke(new System.CommandLine.InvocationConfiguration { Output = stdout, Error = new StringWriter() });
        return stdout.ToString();
    }
}
