using System.Diagnostics;
using System.Runtime.InteropServices;

namespace SmpRender.Cli.Tests.Commands;

/// <summary>The real <c>smp</c> process, ended by a termination request while it writes its output.</summary>
public sealed partial class TerminationTests : IDisposable
{
    private readonly CliWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    private const int SigTerm = 15;

    [Fact]
    public void TerminatedWhileWriting_EndsAsTerminated_AndLeavesNoHalfWrittenFile()
    {
        // A photo whose PNG takes about a second to compress: the request arrives while the output is being written.
        string photo = _ws.Photo("client.jpg", 2400, 1800, monk: 5, seed: 3);
        string plan = _ws.CrownPlan("crown.plan.json", 2400, 1800);
        string folder = _ws.PathOf("out");
        string output = Path.Combine(folder, "after.png");
        using Process process = Start("render", photo, "--plan", plan, "-o", output);
        TerminateWhen(process, () => Directory.Exists(folder) && Directory.EnumerateFiles(folder, ".after.png.*.tmp").Any(), "writing");
        Assert.True(process.WaitForExit(30_000));
        Assert.Equal(128 + SigTerm, process.ExitCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    [Fact]
    public void BatchTerminated_FinishesItsRunningJobs_WritesTheReport_AndEndsAsTerminated()
    {
        // Twelve renders one at a time: the request arrives once the first output exists.
        string photo = _ws.Photo("client.jpg", 640, 480, monk: 4, seed: 5);
        string plan = _ws.CrownPlan("crown.plan.json", 640, 480);
        string jobs = string.Join(",\n", Enumerable.Range(0, 12).Select(i =>
            $$"""{ "command": "render", "photo": "client.jpg", "plan": "crown.plan.json", "output": "out/{{i:00}}.png" }"""));
        string manifest = _ws.PathOf("jobs.json");
        File.WriteAllText(manifest, $$"""{ "version": 1, "jobs": [{{jobs}}] }""");
        using Process process = Start("batch", manifest, "--jobs", "1");
        string folder = _ws.PathOf("out");
        TerminateWhen(process, () => File.Exists(Path.Combine(folder, "00.png")), "the first output");
        string stderr = process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(30_000));
        Assert.Equal(128 + SigTerm, process.ExitCode);
        Assert.Contains("smp: stopping: the running jobs finish", stderr);
        using var report = System.Text.Json.JsonDocument.Parse(File.ReadAllText(_ws.PathOf("jobs.report.json")));
        int ok = report.RootElement.GetProperty("ok").GetInt32(), interrupted = report.RootElement.GetProperty("interrupted").GetInt32();
        Assert.Equal(12, ok + interrupted);
        Assert.InRange(ok, 1, 11);
        // Every job reported ok wrote its whole output; nothing else is in the folder.
        string[] written = [.. report.RootElement.GetProperty("jobs").EnumerateArray()
            .Where(j => j.GetProperty("status").GetString() == "ok").Select(j => j.GetProperty("output").GetString()!)];
        Assert.Equal(written.Order(), Directory.EnumerateFileSystemEntries(folder).Order());
    }

    /// <summary>Sends the process a termination request as soon as <paramref name="ready"/> holds (polled every millisecond).</summary>
    private static void TerminateWhen(Process process, Func<bool> ready, string awaited)
    {
        var waited = Stopwatch.StartNew();
        while (!ready())
        {
            if (process.HasExited)
            {
                Assert.Fail($"smp ended ({process.ExitCode}) before {awaited}: {process.StandardError.ReadToEnd()}");
            }
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), $"no sign of {awaited} within a minute");
            Thread.Sleep(1);
        }
        Assert.Equal(0, Kill(process.Id, SigTerm));
    }

    private static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost()) { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "smp.dll"));
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        return Process.Start(start)!;
    }

    /// <summary>The dotnet host running the tests, which runs <c>smp.dll</c> the same way.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}
