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
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (string arg in (string[])[Path.Combine(AppContext.BaseDirectory, "smp.dll"), "render", photo, "--plan", plan, "-o", output])
        {
            start.ArgumentList.Add(arg);
        }
        using Process process = Process.Start(start)!;
        var waited = Stopwatch.StartNew();
        while (!(Directory.Exists(folder) && Directory.EnumerateFiles(folder, ".after.png.*.tmp").Any()))
        {
            if (process.HasExited)
            {
                Assert.Fail($"smp ended ({process.ExitCode}) before writing: {process.StandardError.ReadToEnd()}");
            }
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "no output was started within a minute");
            Thread.Sleep(1);
        }
        Assert.Equal(0, Kill(process.Id, SigTerm));
        Assert.True(process.WaitForExit(30_000));
        Assert.Equal(128 + SigTerm, process.ExitCode);
        Assert.Empty(Directory.EnumerateFileSystemEntries(folder));
    }

    /// <summary>The dotnet host running the tests, which runs <c>smp.dll</c> the same way.</summary>
    private static string DotnetHost() =>
        Environment.ProcessPath is { } path && Path.GetFileNameWithoutExtension(path) == "dotnet" ? path : "dotnet";
}
