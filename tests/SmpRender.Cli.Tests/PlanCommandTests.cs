using System.Globalization;
using SmpRender.Imaging;
using SmpRender.IO;
using System.Text.Json;

namespace SmpRender.Cli.Tests;

public sealed class PlanCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "smp-plan-cli-" + Guid.NewGuid().ToString("N"));

    public PlanCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string text)
    {
        string path = Path.Combine(_folder, name);
        File.WriteAllText(path, text);
        return path;
    }

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = SmpCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private const string Valid = """
        { "version": 1, "scale": { "pxPerMm": 8.5 },
          "zones": [ { "type": "crown", "center": [820,300], "radiiMm": [45,38] }, { "type": "mask", "path": "m.png", "exclude": true } ] }
        """;

    [Fact]
    public void Validate_ValidPlan_OkLineOnStdout()
    {
        Write("m.png", "");
        string plan = Write("plan.json", Valid);
        var (code, stdout, stderr) = Run("plan", "validate", plan);
        Assert.Equal(0, code);
        Assert.Equal($"{plan}: ok (2 zones, scale 8.5 px/mm from pxPerMm)\n", stdout.ReplaceLineEndings("\n"));
        Assert.Equal("", stderr);
    }

    [Fact]
    public void Validate_InvalidPlan_EveryErrorOnStderr_ExitCode3()
    {
        string plan = Write("bad.json", """
            { "version": 1, "scale": { "pxPerMm": 8.5 },
              "zones": [ { "type": "scar", "polyline": [[0,0],[9,9]], "widthMm": -4 }, { "type": "mask", "path": "m.png" } ] }
            """);
        var (code, stdout, stderr) = Run("plan", "validate", plan);
        Assert.Equal((int)ExitCode.BadInput, code);
        Assert.Equal("", stdout);
        Assert.Equal(
            $"{plan}: zones[0].widthMm: must be > 0\n{plan}: zones[1].path: file not found: {Path.Combine(_folder, "m.png")}\n",
            stderr.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void Validate_Json_ReportsErrorsWithPaths()
    {
        string plan = Write("bad.json", """{ "version": 1, "scale": { "pxPerMm": 0 }, "zones": [ { "type": "region", "polygon": [[0,0],[9,0],[9,9]] } ] }""");
        var (code, stdout, _) = Run("plan", "validate", plan, "--json");
        Assert.Equal(3, code);
        using JsonDocument doc = JsonDocument.Parse(stdout);
        Assert.False(doc.RootElement.GetProperty("ok").GetBoolean());
        JsonElement error = Assert.Single(doc.RootElement.GetProperty("errors").EnumerateArray());
        Assert.Equal("scale.pxPerMm", error.GetProperty("path").GetString());
        Assert.Equal("must be > 0", error.GetProperty("message").GetString());
    }

    [Fact]
    public void Validate_MissingFile_ExitCode3()
    {
        var (code, _, stderr) = Run("plan", "validate", Path.Combine(_folder, "none.json"));
        Assert.Equal(3, code);
        Assert.Contains("cannot read", stderr);
    }

    [Fact]
    public void Init_OutputIsThePhoto_IsRefusedEvenWithForce()
    {
        // A plan is written as .json; a photo is known by its bytes, whatever its name, so even a photo named .json is safe.
        foreach ((string name, ExitCode expected, string reason) in new[]
        {
            ("client.jpg", ExitCode.Usage, "a plan is written as .json; see 'smp --help'"),
            ("client.json", ExitCode.OutputFailed, "cannot write: refusing to overwrite the input {0}"),
        })
        {
            string photo = Path.Combine(_folder, name);
            File.WriteAllBytes(photo, PhotoCodec.Encode(Photo.Create(64, 48), PhotoFormat.Jpeg, new EncodeOptions(Quality: 90)));
            byte[] before = File.ReadAllBytes(photo);
            var (code, stdout, stderr) = Run("plan", "init", photo, "--zone", "crown", "-o", photo, "--force");
            Assert.Equal((int)expected, code);
            Assert.Equal("", stdout);
            Assert.Equal($"smp: {photo}: {string.Format(CultureInfo.InvariantCulture, reason, photo)}", Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
            Assert.Equal(before, File.ReadAllBytes(photo));
        }
    }

    [Theory]
    [InlineData("600")]
    [InlineData("0")]
    [InlineData("1,5")]
    public void Init_PxPerMmOutOfRange_IsUsageError(string value)
    {
        var (code, _, stderr) = Run("plan", "init", "--zone", "top", "--width", "100", "--height", "100", "--px-per-mm", value, "-o", Path.Combine(_folder, "x.json"));
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Contains(value == "1,5" ? "Cannot parse argument '1,5' for option '--px-per-mm' as a number" : "--px-per-mm must be between 1E-06 and 500", stderr);
        Assert.False(File.Exists(Path.Combine(_folder, "x.json")));
    }

    [Fact]
    public void Init_APhotoTooWideToEstimateAScaleFrom_IsAnErrorNotACrash()
    {
        // 100,000 px wide: a head of 80,000 px over 150 mm is 533 px/mm, over the most a plan may have.
        var (code, _, stderr) = Run("plan", "init", "--zone", "top", "--width", "100000", "--height", "10", "-o", Path.Combine(_folder, "x.json"));
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.StartsWith("smp: --width: no top plan can be made for a 100000x10 photo (must be between 1E-06 and 500 px/mm)", stderr);
    }

    [Fact]
    public void Init_Json_IsOneObjectDescribingThePlanWritten()
    {
        string output = Path.Combine(_folder, "new.json");
        var (code, stdout, stderr) = Run("plan", "init", "--zone", "crown", "--width", "1500", "--height", "1000", "-o", output, "--json");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        using JsonDocument doc = JsonDocument.Parse(Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        JsonElement r = doc.RootElement;
        Assert.Equal((output, "crown", 1500, 1000, 8.0), (r.GetProperty("output").GetString(), r.GetProperty("zone").GetString(),
            r.GetProperty("width").GetInt32(), r.GetProperty("height").GetInt32(), r.GetProperty("pxPerMm").GetDouble()));
        Assert.StartsWith("scale estimated from a head width of 1200 px", r.GetProperty("scaleWarning").GetString());
        Assert.True(File.Exists(output));
    }

    [Fact]
    public void Init_WritesAValidPlan_WarnsAboutTheEstimatedScale()
    {
        string output = Path.Combine(_folder, "new.json");
        var (code, stdout, stderr) = Run("plan", "init", "--zone", "hairline", "--width", "1500", "--height", "1000", "-o", output);
        Assert.Equal(0, code);
        Assert.Contains("wrote a hairline plan (scale 8 px/mm estimated from a head width of 1200 px (assumed 150 mm))", stdout);
        Assert.Contains("warning: scale estimated", stderr);
        var (validCode, validOut, _) = Run("plan", "validate", output, "--json");
        Assert.Equal(0, validCode);
        using JsonDocument doc = JsonDocument.Parse(validOut);
        Assert.Equal(8, doc.RootElement.GetProperty("pxPerMm").GetDouble());
        Assert.Equal("headWidth", doc.RootElement.GetProperty("scaleSource").GetString());

        var (again, _, againErr) = Run("plan", "init", "--zone", "crown", "--width", "1500", "--height", "1000", "-o", output);
        Assert.Equal((int)ExitCode.OutputFailed, again);
        Assert.Contains("exists; add --force", againErr);
        Assert.Equal(0, Run("plan", "init", "--zone", "top", "--width", "1500", "--height", "1000", "--px-per-mm", "9", "-o", output, "--force").Code);
        Assert.Contains("\"pxPerMm\": 9", File.ReadAllText(output));
    }

    [Fact]
    public void Init_FromPhoto_TakesTheDisplayedSizeAndItsPlanRenders()
    {
        using var workspace = new CliWorkspace();
        string photo = workspace.Photo("client.png", width: 300, height: 200);
        string plan = workspace.PathOf("client.plan.json");
        var (code, stdout, _) = Run("plan", "init", photo, "--zone", "crown", "-o", plan);
        Assert.Equal(0, code);
        // 300 px wide: the head is taken as 80% of it, 240 px for 150 mm.
        Assert.Contains("scale 1.6 px/mm estimated from a head width of 240 px", stdout);
        Assert.Contains("\"center\": [150, 90]", File.ReadAllText(plan));
        Assert.Equal(0, Run("render", photo, "--plan", plan, "-o", workspace.PathOf("out.png")).Code);
    }

    [Theory]
    [InlineData("--width", "give the PHOTO the plan is for")]
    [InlineData("photo", "leave out --width and --height")]
    public void Init_PhotoAndSizeTogetherOrNeither_IsUsageError(string given, string expected)
    {
        using var workspace = new CliWorkspace();
        string[] args = given == "photo"
            ? ["plan", "init", workspace.Photo("p.png", 40, 30), "--zone", "top", "--width", "40", "-o", workspace.PathOf("x.json")]
            : ["plan", "init", "--zone", "top", "--width", "40", "-o", workspace.PathOf("x.json")];
        var (code, _, stderr) = Run(args);
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Contains(expected, stderr);
        Assert.False(File.Exists(workspace.PathOf("x.json")));
    }

    [Fact]
    public void Init_UnknownZone_UsageError()
    {
        var (code, _, stderr) = Run("plan", "init", "--zone", "beard", "--width", "10", "--height", "10", "-o", Path.Combine(_folder, "x.json"));
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Contains("beard", stderr);
    }
}
