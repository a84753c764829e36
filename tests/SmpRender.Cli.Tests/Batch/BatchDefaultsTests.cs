using SmpRender.Cli.Batch;

namespace SmpRender.Cli.Tests.Batch;

public sealed class BatchDefaultsTests
{
    private static readonly string ManifestPath = Path.Combine("/data/clinic", "jobs.json");

    [Fact]
    public void Parse_DefaultOptionsACommandDoesNotTake_AreLeftOutOfThatCommand()
    {
        BatchManifest manifest = BatchManifest.Parse("""
            {
              "version": 1,
              "defaults": { "plan": "/p.json", "options": { "quality": 85, "layout": "split", "verbose": true },
                            "set": { "density": 100 }, "vary": { "shade": [2, 4] } },
              "jobs": [
                { "command": "dots", "output": "/d.csv", "options": { "size": "320x240" } },
                { "command": "render", "photo": "/a.jpg", "output": "/a-out.jpg" },
                { "command": "compare", "photo": "/a.jpg", "output": "/a-cmp.jpg" },
                { "command": "sheet", "photo": "/a.jpg", "output": "/a-sheet.jpg" }
              ]
            }
            """, ManifestPath);
        Assert.Equal(["dots", "-o", "/d.csv", "--plan", "/p.json", "--set", "density=100", "--verbose", "--size", "320x240"], manifest.Jobs[0].Arguments);
        Assert.Equal(["render", "/a.jpg", "-o", "/a-out.jpg", "--plan", "/p.json", "--set", "density=100", "--quality", "85", "--verbose"],
            manifest.Jobs[1].Arguments);
        Assert.Equal(["compare", "/a.jpg", "-o", "/a-cmp.jpg", "--plan", "/p.json", "--set", "density=100", "--quality", "85", "--layout", "split", "--verbose"],
            manifest.Jobs[2].Arguments);
        Assert.Equal(["sheet", "/a.jpg", "-o", "/a-sheet.jpg", "--plan", "/p.json", "--set", "density=100", "--vary", "shade=2,4", "--quality", "85", "--verbose"],
            manifest.Jobs[3].Arguments);
    }

    [Fact]
    public void Parse_AJobsOwnSetVaryAndOptions_ReplaceTheDefaultsForTheSameKey()
    {
        BatchManifest manifest = BatchManifest.Parse("""
            {
              "version": 1,
              "defaults": { "plan": "/p.json", "options": { "quality": 85, "verbose": true },
                            "set": { "density": 100, "seed": 3 }, "vary": { "shade": [2, 4] } },
              "jobs": [
                { "command": "sheet", "photo": "/a.jpg", "output": "/a.jpg.out.jpg",
                  "set": { "seed": 8 }, "vary": { "shade": [1, 5], "density": [60, 90] }, "options": { "quality": 70, "verbose": false } }
              ]
            }
            """, ManifestPath);
        Assert.Equal(["sheet", "/a.jpg", "-o", "/a.jpg.out.jpg", "--plan", "/p.json", "--set", "density=100", "--set", "seed=8",
            "--vary", "shade=1,5", "--vary", "density=60,90", "--quality", "70"], manifest.Jobs[0].Arguments);
    }

    [Fact]
    public void Parse_JobOptionItsCommandDoesNotTake_IsStillPassedSoTheJobReportsIt()
    {
        BatchManifest manifest = BatchManifest.Parse("""
            { "version": 1, "jobs": [ { "command": "dots", "plan": "/p.json", "output": "/d.csv", "options": { "quality": 80 } } ] }
            """, ManifestPath);
        Assert.Equal(["dots", "-o", "/d.csv", "--plan", "/p.json", "--quality", "80"], manifest.Jobs[0].Arguments);
        (int code, string error) = BatchRunner.RunInProcess(manifest.Jobs[0].Arguments);
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.DoesNotContain('\n', error);
        Assert.DoesNotContain("smp --help", error);
        Assert.Equal("Unrecognized command or argument '--quality' (and 1 more)", error);
    }

    [Fact]
    public void Parse_SampleManifest_DotsJobGetsNoQuality()
    {
        string folder = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(folder, "SmpRender.sln")))
        {
            folder = Path.GetDirectoryName(folder) ?? throw new InvalidOperationException("SmpRender.sln not found above the tests");
        }
        BatchManifest manifest = BatchManifest.Load(Path.Combine(folder, "samples", "batch.json"));
        BatchJob dots = Assert.Single(manifest.Jobs, j => j.Command == "dots");
        Assert.DoesNotContain("--quality", dots.Arguments);
        Assert.All(manifest.Jobs.Where(j => j.Command != "dots"), j => Assert.Contains("--quality", j.Arguments));
    }
}
