using System.Text.Json;
using SmpRender.Imaging;

namespace SmpRender.Cli.Tests.Batch;

/// <summary><c>smp batch</c> through the real root command, on five small jobs.</summary>
public sealed class BatchCommandTests : IDisposable
{
    private const int W = 160;
    private const int H = 120;
    private readonly CliWorkspace _ws = new();

    public BatchCommandTests()
    {
        for (int i = 0; i < 4; i++)
        {
            _ws.Photo($"photos/p{i}.png", W, H, monk: 2 + 2 * i, seed: (ulong)i);
        }
        _ws.CrownPlan("plans/crown.plan.json", W, H);
        byte[] jpeg = File.ReadAllBytes(_ws.Photo("photos/whole.jpg", W, H));
        File.WriteAllBytes(_ws.PathOf("photos/corrupt.jpg"), jpeg.AsSpan(0, jpeg.Length / 2).ToArray());
        File.Delete(_ws.PathOf("photos/whole.jpg"));
    }

    public void Dispose() => _ws.Dispose();

    /// <summary>Five jobs with paths relative to the manifest; <paramref name="corrupt"/> puts the broken photo in job 3.</summary>
    private string Manifest(bool corrupt)
    {
        string bad = corrupt ? "corrupt.jpg" : "p3.png";
        return _ws.Text("batch.json", $$"""
            {
              "version": 1,
              "defaults": { "plan": "plans/crown.plan.json", "options": { "quality": 85 } },
              "jobs": [
                { "command": "render", "photo": "photos/p0.png", "output": "out/p0.png" },
                { "command": "render", "photo": "photos/p1.png", "output": "out/p1.jpg", "options": { "session": 2 } },
                { "command": "compare", "photo": "photos/p2.png", "output": "out/p2-compare.jpg", "options": { "layout": "split", "size": "200x200" } },
                { "command": "render", "photo": "photos/{{bad}}", "output": "out/p3.png" },
                { "command": "dots", "output": "out/dots.csv", "options": { "size": "{{W}}x{{H}}" } }
              ]
            }
            """);
    }

    private static readonly string[] Outputs = ["out/p0.png", "out/p1.jpg", "out/p2-compare.jpg", "out/p3.png", "out/dots.csv"];

    private static JsonElement Report((int Code, string Stdout, string Stderr) result)
    {
        using JsonDocument json = JsonDocument.Parse(result.Stdout);
        return json.RootElement.Clone();
    }

    private static Dictionary<int, JsonElement> JobsByIndex(JsonElement report) =>
        report.GetProperty("jobs").EnumerateArray().ToDictionary(j => j.GetProperty("index").GetInt32());

    [Fact]
    public void Batch_OneCorruptPhoto_OthersAreWrittenAndTheReportNamesIt()
    {
        string manifest = Manifest(corrupt: true);
        var result = CliWorkspace.Run("batch", manifest, "--jobs", "2", "--json");
        Assert.Equal((int)ExitCode.JobsFailed, result.Code);
        JsonElement report = Report(result);
        Assert.Equal(4, report.GetProperty("ok").GetInt32());
        Assert.Equal(1, report.GetProperty("failed").GetInt32());
        Assert.Equal(0, report.GetProperty("skipped").GetInt32());
        Dictionary<int, JsonElement> jobs = JobsByIndex(report);
        Assert.Equal([0, 1, 2, 3, 4], jobs.Keys.Order());
        for (int i = 0; i < 5; i++)
        {
            Assert.Equal(_ws.PathOf(Outputs[i]), jobs[i].GetProperty("output").GetString());
            if (i == 3)
            {
                Assert.Equal("failed", jobs[i].GetProperty("status").GetString());
                string error = jobs[i].GetProperty("error").GetString()!;
                Assert.StartsWith($"{_ws.PathOf("photos/corrupt.jpg")}: ", error);
                Assert.DoesNotContain('\n', error);
                Assert.False(File.Exists(_ws.PathOf(Outputs[i])));
            }
            else
            {
                Assert.Equal("ok", jobs[i].GetProperty("status").GetString());
                Assert.False(jobs[i].TryGetProperty("error", out _));
                Assert.True(File.Exists(_ws.PathOf(Outputs[i])), Outputs[i]);
            }
        }
        using (Photo p0 = CliWorkspace.Read(_ws.PathOf("out/p0.png")))
        {
            Assert.Equal((W, H), (p0.Width, p0.Height));
        }
        using (Photo compare = CliWorkspace.Read(_ws.PathOf("out/p2-compare.jpg")))
        {
            Assert.Equal((200, 200), (compare.Width, compare.Height));
        }
        Assert.Equal("x,y,diameter_mm,session,rank", File.ReadLines(_ws.PathOf("out/dots.csv")).First());

        // The report file holds the same report as stdout.
        using JsonDocument file = JsonDocument.Parse(File.ReadAllText(_ws.PathOf("batch.report.json")));
        Assert.Equal(
            jobs.Values.Select(j => (j.GetProperty("index").GetInt32(), j.GetProperty("status").GetString())),
            file.RootElement.GetProperty("jobs").EnumerateArray().Select(j => (j.GetProperty("index").GetInt32(), j.GetProperty("status").GetString())));
    }

    [Fact]
    public void Batch_Text_OneLinePerJobAndTheFailureInTheSummary()
    {
        string manifest = Manifest(corrupt: true);
        var (code, stdout, stderr) = CliWorkspace.Run("batch", manifest, "--jobs", "2");
        Assert.Equal((int)ExitCode.JobsFailed, code);
        string[] lines = CliWorkspace.Lines(stdout);
        Assert.Equal(5, lines.Count(l => l.StartsWith('[')));
        Assert.Single(lines, l => l.StartsWith("[", StringComparison.Ordinal) && l.Contains("failed  #3 ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"  failed #3 {_ws.PathOf("out/p3.png")}: {_ws.PathOf("photos/corrupt.jpg")}: ", StringComparison.Ordinal));
        Assert.Contains($"  report: {_ws.PathOf("batch.report.json")}", lines);
        Assert.Equal("", stderr);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(7)]
    public void Batch_Shards_CoverEveryJobExactlyOnce(int shards)
    {
        string manifest = Manifest(corrupt: false);
        var seen = new List<int>();
        for (int i = 0; i < shards; i++)
        {
            var result = CliWorkspace.Run("batch", manifest, "--shard", $"{i}/{shards}", "--jobs", "1", "--json");
            Assert.Equal(0, result.Code);
            JsonElement report = Report(result);
            Assert.Equal(i, report.GetProperty("shardIndex").GetInt32());
            Assert.Equal(shards, report.GetProperty("shardCount").GetInt32());
            int[] indices = [.. report.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("index").GetInt32())];
            Assert.All(indices, index => Assert.Equal(i, index % shards));
            Assert.True(File.Exists(_ws.PathOf($"batch.report.{i}-of-{shards}.json")));
            seen.AddRange(indices);
        }
        Assert.Equal([0, 1, 2, 3, 4], seen.Order());
        Assert.All(Outputs, o => Assert.True(File.Exists(_ws.PathOf(o)), o));
    }

    [Fact]
    public void Batch_SkipExisting_ReRunSkipsEveryJobAndRewritesNothing()
    {
        string manifest = Manifest(corrupt: false);
        Assert.Equal(0, CliWorkspace.Run("batch", manifest, "--jobs", "2", "--json").Code);
        var stamp = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        var bytes = new Dictionary<string, byte[]>();
        foreach (string output in Outputs)
        {
            File.SetLastWriteTimeUtc(_ws.PathOf(output), stamp);
            bytes[output] = File.ReadAllBytes(_ws.PathOf(output));
        }

        var result = CliWorkspace.Run("batch", manifest, "--jobs", "2", "--skip-existing", "--json");
        Assert.Equal(0, result.Code);
        JsonElement report = Report(result);
        Assert.Equal(5, report.GetProperty("skipped").GetInt32());
        Assert.Equal(0, report.GetProperty("ok").GetInt32());
        Assert.All(report.GetProperty("jobs").EnumerateArray(), j => Assert.Equal("skipped", j.GetProperty("status").GetString()));
        foreach (string output in Outputs)
        {
            Assert.Equal(stamp, File.GetLastWriteTimeUtc(_ws.PathOf(output)));
            Assert.Equal(bytes[output], File.ReadAllBytes(_ws.PathOf(output)));
        }
    }

    [Fact]
    public void Batch_SkipExisting_RunsOnlyTheMissingJob()
    {
        string manifest = Manifest(corrupt: false);
        Assert.Equal(0, CliWorkspace.Run("batch", manifest, "--jobs", "2", "--json").Code);
        File.Delete(_ws.PathOf("out/p1.jpg"));
        // An empty output is not a finished one (something other than the tool left it).
        File.WriteAllBytes(_ws.PathOf("out/p2-compare.jpg"), []);
        JsonElement report = Report(CliWorkspace.Run("batch", manifest, "--skip-existing", "--json"));
        Dictionary<int, JsonElement> jobs = JobsByIndex(report);
        Assert.All(new[] { 1, 2 }, i => Assert.Equal("ok", jobs[i].GetProperty("status").GetString()));
        Assert.All(new[] { 0, 3, 4 }, i => Assert.Equal("skipped", jobs[i].GetProperty("status").GetString()));
        Assert.True(File.Exists(_ws.PathOf("out/p1.jpg")));
        Assert.True(new FileInfo(_ws.PathOf("out/p2-compare.jpg")).Length > 0);
    }

    [Fact]
    public void Batch_OneJobsPlanHasAValueNoPlanCanHave_ThatJobFailsAndTheOthersRun()
    {
        _ws.Text("plans/huge.plan.json", """
            { "version": 1, "scale": { "pxPerMm": 2 }, "zones": [ { "type": "crown", "center": [80, 60], "radiiMm": [1e400, 40] } ] }
            """);
        string manifest = _ws.Text("mixed.json", """
            { "version": 1, "jobs": [
              { "command": "render", "photo": "photos/p0.png", "plan": "plans/huge.plan.json", "output": "out/bad.jpg" },
              { "command": "render", "photo": "photos/p1.png", "plan": "plans/crown.plan.json", "output": "out/good.jpg" } ] }
            """);
        var result = CliWorkspace.Run("batch", manifest, "--json");
        Assert.Equal((int)ExitCode.JobsFailed, result.Code);
        Dictionary<int, JsonElement> jobs = JobsByIndex(Report(result));
        Assert.Equal("failed", jobs[0].GetProperty("status").GetString());
        Assert.Equal($"{_ws.PathOf("plans/huge.plan.json")}: zones[0].radiiMm: [1e400, 40] holds too large a number", jobs[0].GetProperty("error").GetString());
        Assert.Equal("ok", jobs[1].GetProperty("status").GetString());
        Assert.True(File.Exists(_ws.PathOf("out/good.jpg")));
    }

    [Fact]
    public void Batch_JobOutputs_AreTheSameBytesAsTheCommandRunByHand()
    {
        string manifest = Manifest(corrupt: false);
        Assert.Equal(0, CliWorkspace.Run("batch", manifest, "--jobs", "2", "--json").Code);
        string byHand = _ws.PathOf("by-hand.jpg");
        Assert.Equal(0, CliWorkspace.Run("render", _ws.PathOf("photos/p1.png"), "-o", byHand, "--plan", _ws.PathOf("plans/crown.plan.json"),
            "--quality", "85", "--session", "2").Code);
        Assert.Equal(File.ReadAllBytes(byHand), File.ReadAllBytes(_ws.PathOf("out/p1.jpg")));
    }

    [Fact]
    public void Batch_ReportOverTheManifest_IsRefusedBeforeAnyJobRuns()
    {
        string manifest = Manifest(corrupt: false);
        string text = File.ReadAllText(manifest);
        var (code, stdout, stderr) = CliWorkspace.Run("batch", manifest, "--report", manifest);
        Assert.Equal((int)ExitCode.OutputFailed, code);
        Assert.Equal("", stdout);
        Assert.Equal($"smp: {manifest}: cannot write the report: refusing to overwrite the manifest", Assert.Single(CliWorkspace.Lines(stderr)));
        Assert.Equal(text, File.ReadAllText(manifest));
        Assert.False(Directory.Exists(_ws.PathOf("out")));
    }

    [Theory]
    [InlineData("photos/p1.png")]
    [InlineData("plans/crown.plan.json")]
    [InlineData("out/p0.png")]
    public void Batch_ReportOverAFileOfAJob_IsRefusedBeforeAnyJobRuns(string file)
    {
        string manifest = Manifest(corrupt: false);
        string path = _ws.PathOf(file);
        byte[]? before = File.Exists(path) ? File.ReadAllBytes(path) : null;
        var (code, stdout, stderr) = CliWorkspace.Run("batch", manifest, "--report", path);
        Assert.Equal((int)ExitCode.OutputFailed, code);
        Assert.Equal("", stdout);
        Assert.Equal($"smp: {path}: cannot write the report: a job reads or writes that file", Assert.Single(CliWorkspace.Lines(stderr)));
        Assert.Equal(before, File.Exists(path) ? File.ReadAllBytes(path) : null);
        Assert.False(Directory.Exists(_ws.PathOf("out")));
    }

    [Fact]
    public void Batch_AJobWritingTheMaskOfAnotherJobsPlan_IsRefused()
    {
        _ws.Plain("plans/mask.png", W, H, 255, 255, 255);
        _ws.Text("plans/mask.plan.json", """
            { "version": 1, "scale": { "pxPerMm": 2 }, "zones": [ { "type": "mask", "path": "mask.png" } ] }
            """);
        string manifest = _ws.Text("masks.json", """
            { "version": 1, "jobs": [
              { "command": "render", "photo": "photos/p0.png", "plan": "plans/mask.plan.json", "output": "out/a.jpg" },
              { "command": "render", "photo": "photos/p1.png", "plan": "plans/crown.plan.json", "output": "plans/mask.png" } ] }
            """);
        var (code, _, stderr) = CliWorkspace.Run("batch", manifest);
        Assert.Equal((int)ExitCode.BadInput, code);
        Assert.Equal($"smp: {manifest}: jobs[0] reads {_ws.PathOf("plans/mask.png")}, which jobs[1] writes: the jobs run side by side, in no set order",
            Assert.Single(CliWorkspace.Lines(stderr)));
        Assert.False(Directory.Exists(_ws.PathOf("out")));
    }

    [Fact]
    public void Batch_ReportOption_WritesThereAndNotBesideTheManifest()
    {
        string manifest = Manifest(corrupt: false);
        string report = _ws.PathOf("reports/run.json");
        Assert.Equal(0, CliWorkspace.Run("batch", manifest, "--report", report, "--shard", "1/2").Code);
        using JsonDocument json = JsonDocument.Parse(File.ReadAllText(report));
        Assert.Equal([1, 3], json.RootElement.GetProperty("jobs").EnumerateArray().Select(j => j.GetProperty("index").GetInt32()).Order());
        Assert.Empty(Directory.GetFiles(_ws.Folder, "batch.report*"));
    }
}
