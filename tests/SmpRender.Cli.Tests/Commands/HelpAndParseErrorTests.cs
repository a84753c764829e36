namespace SmpRender.Cli.Tests.Commands;

public sealed class HelpAndParseErrorTests : IDisposable
{
    private readonly CliWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [Theory]
    [InlineData("render")]
    [InlineData("compare")]
    [InlineData("sessions")]
    [InlineData("sheet")]
    [InlineData("batch")]
    [InlineData("dots")]
    [InlineData("inspect")]
    public void Help_EachCommand_ShowsExamplesOfItself(string command)
    {
        var (code, stdout, stderr) = CliWorkspace.Run(command, "--help");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Matches(@"Examples?:", stdout);
        Assert.Contains($"  smp {command} ", stdout);
        Assert.Contains("Usage:", stdout);
    }

    [Theory]
    [InlineData("validate")]
    [InlineData("init")]
    public void Help_PlanSubcommands_ShowExamplesOfThemselves(string sub)
    {
        var (code, stdout, _) = CliWorkspace.Run("plan", sub, "--help");
        Assert.Equal(0, code);
        Assert.Contains("Examples:", stdout);
        Assert.Contains($"  smp plan {sub} ", stdout);
    }

    [Fact]
    public void Help_Root_ListsCommandsWithoutTheirExamples()
    {
        var (code, stdout, _) = CliWorkspace.Run("--help");
        Assert.Equal(0, code);
        Assert.Contains("render <PHOTO>", stdout);
        Assert.DoesNotContain("Example", stdout);
        Assert.DoesNotContain("smp render ", stdout);
    }

    [Fact]
    public void Help_Command_EndsWithItsExamplesAfterTheOptions()
    {
        var (_, stdout, _) = CliWorkspace.Run("render", "--help");
        Assert.True(stdout.IndexOf("Examples:", StringComparison.Ordinal) > stdout.IndexOf("--dots", StringComparison.Ordinal));
        Assert.DoesNotContain("Examples:", stdout[..stdout.IndexOf("Usage:", StringComparison.Ordinal)]);
    }

    [Fact]
    public void Help_Root_ListsEveryCommand()
    {
        var (code, stdout, _) = CliWorkspace.Run("--help");
        Assert.Equal(0, code);
        foreach (string command in new[] { "render", "compare", "sessions", "sheet", "batch", "dots", "inspect", "plan" })
        {
            Assert.Matches($@"(?m)^\s+{command}\b", stdout);
        }
    }

    /// <summary>Usage errors: exit code 2, nothing on stdout, one "smp: " line naming the problem and pointing to the help.</summary>
    private static void AssertUsageError((int Code, string Stdout, string Stderr) result, string mentions)
    {
        Assert.Equal((int)ExitCode.Usage, result.Code);
        Assert.Equal("", result.Stdout);
        string[] lines = CliWorkspace.Lines(result.Stderr);
        string error = Assert.Single(lines);
        Assert.StartsWith("smp: ", error);
        Assert.Contains(mentions, error);
        Assert.EndsWith("; see 'smp --help'", error);
        Assert.DoesNotContain("   at ", result.Stderr);
    }

    [Fact]
    public void Render_WithoutOutput_IsUsageError()
    {
        string photo = _ws.Photo("client.png", 80, 60);
        string plan = _ws.CrownPlan("p.json", 80, 60);
        AssertUsageError(CliWorkspace.Run("render", photo, "--plan", plan), "--output");
    }

    [Fact]
    public void Render_UnknownOption_IsUsageError()
    {
        string photo = _ws.Photo("client.png", 80, 60);
        string plan = _ws.CrownPlan("p.json", 80, 60);
        AssertUsageError(CliWorkspace.Run("render", photo, "--plan", plan, "-o", _ws.PathOf("o.png"), "--sparkle"), "--sparkle");
        Assert.False(File.Exists(_ws.PathOf("o.png")));
    }

    [Fact]
    public void UnknownCommand_IsOneProblemNotTwo()
    {
        var (code, stdout, stderr) = CliWorkspace.Run("bogus");
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Equal("", stdout);
        Assert.Equal("smp: Unrecognized command or argument 'bogus'; see 'smp --help'", stderr.Trim());
    }

    [Fact]
    public void Dots_UnknownOptionWhereThePhotoWouldGo_IsUsageErrorNamingIt()
    {
        string plan = _ws.CrownPlan("p.json", 80, 60);
        var (code, _, stderr) = CliWorkspace.Run("dots", "--plan", plan, "--size", "80x60", "--sparkle", "-o", _ws.PathOf("d.csv"));
        Assert.Equal(2, code);
        Assert.Contains("Unrecognized command or argument '--sparkle'", stderr);
        Assert.False(File.Exists(_ws.PathOf("d.csv")));
    }

    [Theory]
    [InlineData("1080")]
    [InlineData("0x100")]
    [InlineData("100x-5")]
    [InlineData("20000x100")]
    [InlineData("axb")]
    public void Compare_BadSize_IsUsageErrorQuotingIt(string size)
    {
        string photo = _ws.Photo("client.png", 80, 60);
        string plan = _ws.CrownPlan("p.json", 80, 60);
        AssertUsageError(CliWorkspace.Run("compare", photo, "--plan", plan, "-o", _ws.PathOf("o.png"), "--size", size), $"--size: '{size}'");
        Assert.False(File.Exists(_ws.PathOf("o.png")));
    }

    [Theory]
    [InlineData("4/4")]
    [InlineData("1")]
    [InlineData("-1/3")]
    [InlineData("0/0")]
    [InlineData("a/b")]
    public void Batch_BadShard_IsUsageErrorQuotingIt(string shard)
    {
        string manifest = _ws.Text("m.json", """{ "version": 1, "jobs": [] }""");
        AssertUsageError(CliWorkspace.Run("batch", manifest, "--shard", shard), $"--shard: '{shard}'");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("4")]
    public void Render_SessionOutsideThePlan_IsUsageError(string session)
    {
        string photo = _ws.Photo("client.png", 80, 60);
        string plan = _ws.CrownPlan("p.json", 80, 60, sessions: 3);
        AssertUsageError(CliWorkspace.Run("render", photo, "--plan", plan, "-o", _ws.PathOf("o.png"), "--session", session),
            $"--session: must be between 1 and the plan's 3 sessions, not {session}");
        Assert.False(File.Exists(_ws.PathOf("o.png")));
    }

    [Fact]
    public void Render_SessionNotANumber_IsUsageError()
    {
        string photo = _ws.Photo("client.png", 80, 60);
        string plan = _ws.CrownPlan("p.json", 80, 60);
        AssertUsageError(CliWorkspace.Run("render", photo, "--plan", plan, "-o", _ws.PathOf("o.png"), "--session", "two"), "two");
    }

    [Theory]
    [InlineData("sessions", "--years", "3,x", "", "--years: 'x'")]
    [InlineData("sessions", "--years", "60", "", "--years: '60'")]
    [InlineData("render", "--quality", "0", "", "--quality: must be between 1 and 100, not 0")]
    [InlineData("render", "--zone", "crown", "", "--zone makes a plan of its own")]
    [InlineData("render", "--only", "", "", "--only needs --session N")]
    [InlineData("render", "--years", "-1", "", "--years: must be between 0 and 50, not -1")]
    [InlineData("sheet", "--vary", "density=60,80,100,120,140,160,180,200,220,240,260,280,300", "--vary shade=1,2,3,4,5", "too many")]
    [InlineData("sheet", "--vary", "density=60,90,60.0", "", "--vary: density: \"60.0\" is listed twice")]
    [InlineData("sheet", "--vary", "shade=3", "--vary shade=1,2", "--vary: shade: is varied twice")]
    [InlineData("sessions", "--years", "3,5,3", "", "--years: 3 is listed twice")]
    [InlineData("render", "--set", "seed=5", "--seed 9", "seed is given twice (9 and 5): give it once")]
    [InlineData("render", "--set", "years=3", "--years 9", "years is given twice (9 and 3): give it once")]
    [InlineData("sessions", "--set", "years=3", "", "--set years: a strip shows fading with --years 5,10 (its panels' years), not the plan's years")]
    public void OptionValueOutOfRange_IsUsageErrorAndWritesNothing(string command, string option, string value, string extra, string mentions)
    {
        string photo = _ws.Photo("client.png", 80, 60);
        string plan = _ws.CrownPlan("p.json", 80, 60);
        string output = _ws.PathOf("o.png");
        string[] given = value == "" ? [option] : [option, value];
        AssertUsageError(CliWorkspace.Run([command, photo, "--plan", plan, "-o", output, .. given, .. extra.Split(' ', StringSplitOptions.RemoveEmptyEntries)]), mentions);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("--density", "abc", "Cannot parse argument 'abc' for option '--density' as a number")]
    [InlineData("--seed", "1.5", "Cannot parse argument '1.5' for option '--seed' as a whole number")]
    [InlineData("--zone", "scar", "Argument 'scar' not recognized. Must be one of: 'crown', 'hairline', 'top'")]
    [InlineData("--density", "1,5", "Cannot parse argument '1,5' for option '--density' as a number")]
    [InlineData("--years", "2,5", "Cannot parse argument '2,5' for option '--years' as a number")]
    public void OptionValueOfTheWrongKind_IsOneLineInWords(string option, string value, string message)
    {
        string photo = _ws.Photo("client.png", 80, 60);
        string[] zone = option == "--zone" ? [] : ["--zone", "crown"];
        var (code, stdout, stderr) = CliWorkspace.Run(["render", photo, "-o", _ws.PathOf("o.png"), .. zone, option, value]);
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Equal("", stdout);
        Assert.Equal($"smp: {message}; see 'smp --help'", Assert.Single(CliWorkspace.Lines(stderr)));
    }

    [Fact]
    public void Render_OutputUnderAFile_IsOutputFailedOnOneLine()
    {
        string photo = _ws.Photo("client.png", 80, 60);
        string plan = _ws.CrownPlan("p.json", 80, 60);
        string output = Path.Combine(plan, "o.png");
        var (code, stdout, stderr) = CliWorkspace.Run("render", photo, "--plan", plan, "-o", output);
        Assert.Equal((int)ExitCode.OutputFailed, code);
        Assert.Equal("", stdout);
        Assert.Equal($"smp: {output}: cannot write: {plan} is a file, not a folder", Assert.Single(CliWorkspace.Lines(stderr)));
    }

    [Fact]
    public void AFolderGivenForAFile_SaysSo()
    {
        string photo = _ws.Photo("client.png", 80, 60);
        string folder = _ws.PathOf("folder");
        Directory.CreateDirectory(folder);
        var plan = CliWorkspace.Run("render", photo, "--plan", folder, "-o", _ws.PathOf("o.png"));
        Assert.Equal(((int)ExitCode.BadInput, $"smp: {folder}: is a folder, not a plan file"), (plan.Code, plan.Stderr.Trim()));
        var manifest = CliWorkspace.Run("batch", folder);
        Assert.Equal(((int)ExitCode.BadInput, $"smp: {folder}: is a folder, not a manifest file"), (manifest.Code, manifest.Stderr.Trim()));
        string maskPlan = _ws.Text("mask.plan.json", """{ "version": 1, "scale": { "pxPerMm": 2 }, "zones": [ { "type": "mask", "path": "folder" } ] }""");
        var mask = CliWorkspace.Run("render", photo, "--plan", maskPlan, "-o", _ws.PathOf("o.png"));
        Assert.Equal(((int)ExitCode.BadInput, $"smp: {maskPlan}: zones[0].path: {folder} is a folder, not a mask image"), (mask.Code, mask.Stderr.Trim()));
    }

    [Theory]
    [InlineData("sessions", 80, 60, "strip.webp", 16384, 3000)]
    [InlineData("render", 16400, 16, "wide.webp", 16400, 16)]
    [InlineData("render", 65600, 8, "wide.jpg", 65600, 8)]
    public void OutputOverItsFormatsLimit_IsUsageErrorBeforeAnyRendering(string command, int photoWidth, int photoHeight, string name, int width, int height)
    {
        // A strip as large as --size asks (16384 px wide) as a WebP, which holds 16383; photos wider than WebP or JPEG hold.
        string photo = _ws.Photo($"p{photoWidth}.png", photoWidth, photoHeight);
        string output = _ws.PathOf(name);
        string[] args = command == "sessions"
            ? ["sessions", photo, "--plan", _ws.CrownPlan("p.json", 80, 60), "--years", "5,10", "--size", "16384x3000", "-o", output]
            : ["render", photo, "--zone", "crown", "-o", output];
        var (code, stdout, stderr) = CliWorkspace.Run(args);
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Equal("", stdout);
        string format = name.EndsWith(".webp", StringComparison.Ordinal) ? "WebP limit of 16383" : "JPEG limit of 65500";
        Assert.Equal($"smp: {output}: a {width}x{height} image is over the {format} px a side: write it as .png, or make it smaller; see 'smp --help'",
            Assert.Single(CliWorkspace.Lines(stderr)));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Render_DotsFileCannotBeWritten_ThePreviewIsNotWrittenEither()
    {
        string photo = _ws.Photo("client.png", 80, 60);
        string plan = _ws.CrownPlan("p.json", 80, 60);
        string output = _ws.PathOf("out/o.png");
        string dots = Path.Combine(plan, "dots.csv");
        var (code, stdout, stderr) = CliWorkspace.Run("render", photo, "--plan", plan, "-o", output, "--dots", dots);
        Assert.Equal((int)ExitCode.OutputFailed, code);
        Assert.Equal("", stdout);
        Assert.StartsWith($"smp: {dots}: cannot write: ", Assert.Single(CliWorkspace.Lines(stderr)));
        Assert.False(Directory.Exists(_ws.PathOf("out")));

        // And the other way round: a preview that cannot be written leaves no dot field.
        string goodDots = _ws.PathOf("dots/d.csv");
        var (code2, _, stderr2) = CliWorkspace.Run("render", photo, "--plan", plan, "-o", Path.Combine(plan, "o.png"), "--dots", goodDots);
        Assert.Equal((int)ExitCode.OutputFailed, code2);
        Assert.StartsWith($"smp: {Path.Combine(plan, "o.png")}: cannot write: ", Assert.Single(CliWorkspace.Lines(stderr2)));
        Assert.Empty(Directory.GetFiles(_ws.PathOf("dots")));
    }

    [Theory]
    [InlineData("render", "o.tiff", "cannot choose an output format from the extension '.tiff'")]
    [InlineData("compare", "o.gif", "cannot choose an output format from the extension '.gif'")]
    [InlineData("sessions", "o", "cannot choose an output format from the extension '(none)'")]
    [InlineData("sheet", "o.bmp", "cannot choose an output format from the extension '.bmp'")]
    public void UnknownOutputExtension_IsUsageError_BeforeThePhotoIsRead(string command, string name, string mentions)
    {
        // The photo does not exist: the output is checked before anything is read or rendered.
        string plan = _ws.CrownPlan("p.json", 80, 60);
        string output = _ws.PathOf(name);
        string[] extra = command == "sheet" ? ["--vary", "shade=2,3"] : [];
        var result = CliWorkspace.Run([command, _ws.PathOf("missing.jpg"), "--plan", plan, "-o", output, .. extra]);
        AssertUsageError(result, mentions);
        Assert.StartsWith($"smp: {output}: ", Assert.Single(CliWorkspace.Lines(result.Stderr)));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Render_UnknownDotsExtension_IsUsageError_AndWritesNoPreview()
    {
        string photo = _ws.Photo("client.png", 80, 60);
        string plan = _ws.CrownPlan("p.json", 80, 60);
        string output = _ws.PathOf("o.png"), dots = _ws.PathOf("dots.txt");
        AssertUsageError(CliWorkspace.Run("render", photo, "--plan", plan, "-o", output, "--dots", dots),
            $"{dots}: dot fields are written as .csv or .svg, not '.txt'");
        Assert.False(File.Exists(output));
        Assert.False(File.Exists(dots));
    }

    [Fact]
    public void Dots_UnknownExtension_IsUsageError()
    {
        string plan = _ws.CrownPlan("p.json", 80, 60);
        string output = _ws.PathOf("dots.json");
        AssertUsageError(CliWorkspace.Run("dots", "--plan", plan, "--size", "80x60", "-o", output),
            $"{output}: dot fields are written as .csv or .svg, not '.json'");
        Assert.False(File.Exists(output));
    }
}
