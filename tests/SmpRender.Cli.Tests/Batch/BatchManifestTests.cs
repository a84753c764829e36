using SmpRender.Cli.Batch;

namespace SmpRender.Cli.Tests.Batch;

public sealed class BatchManifestTests
{
    private const string Folder = "/data/clinic";
    private static readonly string ManifestPath = Path.Combine(Folder, "jobs.json");

    [Fact]
    public void Parse_Job_BuildsTheCommandLineWithPathsResolvedAgainstTheManifest()
    {
        BatchManifest manifest = BatchManifest.Parse("""
            {
              "version": 1,
              "defaults": { "plan": "plans/crown.json", "options": { "quality": 85 } },
              "jobs": [
                { "command": "compare", "photo": "a.jpg", "output": "out/a.jpg",
                  "set": { "density": 120 }, "options": { "layout": "split", "json": true, "verbose": false, "dots": "out/a.csv" } }
              ]
            }
            """, ManifestPath);
        BatchJob job = Assert.Single(manifest.Jobs);
        Assert.Equal("/data/clinic/out/a.jpg", job.Output);
        Assert.Equal(
            ["compare", "/data/clinic/a.jpg", "-o", "/data/clinic/out/a.jpg", "--plan", "/data/clinic/plans/crown.json",
             "--set", "density=120", "--quality", "85", "--layout", "split", "--json", "--dots", "/data/clinic/out/a.csv"],
            job.Arguments);
    }

    [Fact]
    public void Parse_VaryArrays_BecomeCommaSeparatedValues()
    {
        BatchManifest manifest = BatchManifest.Parse("""
            { "version": 1, "jobs": [ { "command": "sheet", "photo": "/p.jpg", "plan": "/p.json", "output": "/o.jpg",
              "vary": { "density": [60, 90, 120], "shade": ["2", 3] } } ] }
            """, ManifestPath);
        Assert.Equal(["--vary", "density=60,90,120", "--vary", "shade=2,3"], manifest.Jobs[0].Arguments.Skip(6));
    }

    [Theory]
    [InlineData("[]", "jobs.json: $: must be an object")]
    [InlineData("{\"version\": 2, \"jobs\": []}", "jobs.json: version: must be 1")]
    [InlineData("{\"version\": 1, \"jobs\": []}", "jobs.json: jobs: the manifest lists no job")]
    [InlineData("{\"version\": 1, \"job\": []}", "jobs.json: job: unknown property (expected version, defaults, jobs)")]
    [InlineData("{\"version\": 1, \"jobs\": [{\"command\": \"paint\", \"photo\": \"a\", \"output\": \"b.jpg\"}]}", "jobs.json: jobs[0].command: 'paint' is not one of render, compare, sessions, sheet, dots")]
    [InlineData("{\"version\": 1, \"jobs\": [{\"command\": \"render\", \"output\": \"b.jpg\"}]}", "jobs.json: jobs[0].photo: missing")]
    [InlineData("{\"version\": 1, \"jobs\": [{\"command\": \"render\", \"photo\": 3, \"output\": \"b.jpg\"}]}", "jobs.json: jobs[0].photo: must be a non-empty string")]
    [InlineData("{\"version\": 1, \"jobs\": [{\"command\": \"render\", \"photo\": \"a\", \"output\": \"b.jpg\", \"colour\": 1}]}", "jobs.json: jobs[0].colour: unknown property (expected command, photo, plan, output, options, set, vary)")]
    [InlineData("{\"version\": 1, \"jobs\": [{\"command\": \"render\", \"photo\": \"a\", \"output\": \"b.jpg\", \"options\": {\"x\": {}}}]}", "jobs.json: jobs[0].options.x: must be a number, a string or an array of them")]
    [InlineData("{\"version\": 1, \"jobs\": [}", "jobs.json: not valid JSON at line 1, column 25: '}' is an invalid start of a value")]
    [InlineData("", "jobs.json: the file is empty")]
    [InlineData("{\"version\": 1, \"jobs\": [{\"command\": \"render\", \"photo\": \"a.jpg\", \"output\": \"out/a.bmp\"}]}", "jobs.json: jobs[0].output: /data/clinic/out/a.bmp: cannot choose an output format from the extension '.bmp'")]
    [InlineData("{\"version\": 1, \"jobs\": [{\"command\": \"dots\", \"plan\": \"p.json\", \"output\": \"out/a.png\"}]}", "jobs.json: jobs[0].output: /data/clinic/out/a.png: dot fields are written as .csv or .svg, not '.png'")]
    [InlineData("{\"version\": 1, \"jobs\": [{\"command\": \"render\", \"photo\": \"a.jpg\", \"output\": \"b.jpg\", \"options\": {\"help\": true}}]}", "jobs.json: jobs[0].options.help: not an option a job can take")]
    [InlineData("{\"version\": 1, \"jobs\": [{\"command\": \"render\", \"photo\": \"a.jpg\", \"output\": \"out/a.jpg\"}, {\"command\": \"render\", \"photo\": \"b.jpg\", \"output\": \"out/../out/a.jpg\"}]}", "jobs.json: jobs[0] and jobs[1] both write /data/clinic/out/a.jpg")]
    [InlineData("{\"version\": 1, \"jobs\": [{\"command\": \"render\", \"photo\": \"a.jpg\", \"output\": \"a.png\", \"options\": {\"dots\": \"a.csv\"}}, {\"command\": \"dots\", \"plan\": \"p.json\", \"output\": \"a.csv\"}]}", "jobs.json: jobs[0] and jobs[1] both write /data/clinic/a.csv")]
    [InlineData("{\"version\": 1, \"jobs\": [{\"command\": \"render\", \"photo\": \"a.jpg\", \"output\": \"b.jpg\"}, {\"command\": \"compare\", \"photo\": \"b.jpg\", \"output\": \"c.jpg\"}]}", "jobs.json: jobs[1] reads /data/clinic/b.jpg, which jobs[0] writes")]
    public void Parse_Invalid_IsOneLineNamingTheManifestAndThePath(string json, string expected)
    {
        var ex = Assert.Throws<CliException>(() => BatchManifest.Parse(json, ManifestPath));
        Assert.Equal(ExitCode.BadInput, ex.ExitCode);
        Assert.StartsWith(expected, ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Load_MissingFile_IsBadInputNamingIt()
    {
        var ex = Assert.Throws<CliException>(() => BatchManifest.Load("/no/such/manifest.json"));
        Assert.Equal(ExitCode.BadInput, ex.ExitCode);
        Assert.Equal("/no/such/manifest.json: manifest not found", ex.Message);
    }
}
