using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text.Json;
using SmpRender.Cli.Batch;
using SmpRender.IO;

namespace SmpRender.Cli.Commands;

/// <summary><c>smp batch MANIFEST</c>: run the jobs of a manifest in parallel.</summary>
internal static class BatchCommand
{
    private static readonly Argument<string> ManifestArgument = new("MANIFEST")
    {
        Description = "Batch manifest (JSON): jobs, each a render, compare, sessions, sheet or dots command.",
    };

    private static readonly Option<int> JobsOption = new("--jobs", "-j")
    {
        Description = "Jobs run at once, each on one core (default: one job per core).",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    private static readonly Option<string?> ShardOption = new("--shard")
    {
        Description = "Run only shard I of N (I from 0, e.g. $JOB_COMPLETION_INDEX/4): jobs whose 0-based index mod N is I.",
        HelpName = "I/N",
    };

    private static readonly Option<bool> SkipExistingOption = new("--skip-existing")
    {
        Description = "Skip jobs whose output already exists (and is not empty), so a re-run only does what is missing.",
    };

    private static readonly Option<string?> ReportOption = new("--report")
    {
        Description = "Where to write the JSON report (default: MANIFEST.report.json, or MANIFEST.report.I-of-N.json with --shard).",
        HelpName = "FILE",
    };

    private static readonly Option<bool> JsonOption = new("--json")
    {
        Description = "Print the report as one JSON object on stdout instead of the table.",
    };

    public static Command Create()
    {
        var command = new Command("batch", """
            Render many previews from a manifest, in parallel. A failed job is reported and the others go on;
            the exit code is 1 when any job failed. Relative paths resolve against the manifest's folder.

            Example:
              smp batch samples/batch.json --jobs 2
              smp batch jobs.json --shard $JOB_COMPLETION_INDEX/8 --skip-existing
            """);
        command.Arguments.Add(ManifestArgument);
        command.Options.Add(JobsOption);
        command.Options.Add(ShardOption);
        command.Options.Add(SkipExistingOption);
        command.Options.Add(ReportOption);
        command.Options.Add(JsonOption);
        command.SetAction(parse =>
        {
            (int index, int count) = ParseShard(parse.GetValue(ShardOption));
            int jobs = parse.GetValue(JobsOption);
            if (jobs < 1)
            {
                throw new CliException(ExitCode.Usage, $"--jobs: must be at least 1, not {jobs}");
            }
            var request = new BatchRequest(
                parse.GetRequiredValue(ManifestArgument),
                new BatchOptions(jobs, index, count, parse.GetValue(SkipExistingOption)),
                parse.GetValue(ReportOption),
                parse.GetValue(JsonOption));
            TextWriter stderr = parse.InvocationConfiguration.Error;
            bool interactive = TerminalProgress.TerminalOf(parse, json: false) is not null;
            // The first interrupt or termination request stops the batch in good order: the running jobs finish and the
            // report is written; a second one ends the process at once.
            using var stopping = new CancellationTokenSource();
            int stoppedBy = 0;
            using (Termination.StopGracefully(signal =>
            {
                stoppedBy = SignalNumber(signal);
                stderr.WriteLine($"{(interactive ? "\n" : "")}smp: stopping: the running jobs finish and the others are not run (again to stop at once)");
                stopping.Cancel();
            }))
            {
                ExitCode code = Execute(request, parse.InvocationConfiguration.Output, stderr, interactive, stopping.Token);
                // Like a process ended by the signal: 128 + its number (129 for a hang-up, 130 for an interrupt, 143 for a termination request).
                return stopping.IsCancellationRequested ? 128 + stoppedBy : (int)code;
            }
        });
        return command;
    }

    private static int SignalNumber(PosixSignal signal) => signal switch
    {
        PosixSignal.SIGHUP => 1,
        PosixSignal.SIGINT => 2,
        _ => 15,
    };

    internal static (int Index, int Count) ParseShard(string? text)
    {
        if (text is null)
        {
            return (0, 1);
        }
        string[] parts = text.Split('/');
        if (parts.Length != 2
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int i)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int n)
            || n < 1 || i >= n)
        {
            throw new CliException(ExitCode.Usage, $"--shard: '{text}' must be I/N with 0 <= I < N, e.g. 0/4");
        }
        return (i, n);
    }

    internal sealed record BatchRequest(string ManifestPath, BatchOptions Options, string? ReportPath, bool Json);

    internal static ExitCode Execute(BatchRequest request, TextWriter stdout, TextWriter stderr, bool interactive,
        CancellationToken stop = default)
    {
        BatchManifest manifest = BatchManifest.Load(request.ManifestPath);
        BatchOptions options = request.Options;
        string report = request.ReportPath is { } r
            ? Path.GetFullPath(r)
            : Path.ChangeExtension(manifest.Path, null) + (options.ShardCount > 1 ? $".report.{options.ShardIndex}-of-{options.ShardCount}.json" : ".report.json");
        if (BatchManifest.FileNames.Equals(report, manifest.Path))
        {
            throw new CliException(ExitCode.OutputFailed, $"{report}: cannot write the report: refusing to overwrite the manifest");
        }
        if (manifest.Files().Contains(report, BatchManifest.FileNames))
        {
            throw new CliException(ExitCode.OutputFailed, $"{report}: cannot write the report: a job reads or writes that file");
        }
        int total = options.Select(manifest.Jobs).Count();

        var progress = new BatchProgress(total, interactive && !request.Json ? stderr : null, request.Json ? null : stdout);
        long start = Stopwatch.GetTimestamp();
        IReadOnlyList<JobResult> results = new BatchRunner(BatchRunner.RunInProcess).Run(manifest.Jobs, options, progress.Done, stop);
        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        progress.Finish();

        long peakBytes = Process.GetCurrentProcess().PeakWorkingSet64;
        var summary = new BatchSummary(manifest.Path, options.ShardIndex, options.ShardCount, options.Jobs,
            results.Count(x => x.Status == JobStatus.Ok), results.Count(x => x.Status == JobStatus.Failed),
            results.Count(x => x.Status == JobStatus.Skipped), results.Count(x => x.Status == JobStatus.Interrupted),
            Math.Round(seconds, 3), peakBytes / (1024 * 1024),
            [.. results.Select(x => new JobReport(x.Job.Index, x.Job.Command, x.Status.ToString().ToLowerInvariant(),
                x.Job.Output, Math.Round(x.Milliseconds, 1), x.Error))]);
        string json = JsonSerializer.Serialize(summary, ReportJson.Default.BatchSummary);
        WriteReport(report, json, manifest.Path);

        if (request.Json)
        {
            stdout.WriteLine(json);
        }
        else
        {
            PrintTable(stdout, summary, report);
        }
        return summary.Failed > 0 ? ExitCode.JobsFailed : ExitCode.Ok;
    }

    private static void WriteReport(string path, string json, string manifestPath)
    {
        try
        {
            AtomicFile.WriteAllText(path, json + "\n", [manifestPath]);
        }
        catch (OutputException ex)
        {
            throw new CliException(ExitCode.OutputFailed, $"{path}: cannot write the report: {ex.Reason}", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCode.OutputFailed, $"{path}: cannot write the report: {ex.Message}", ex);
        }
    }

    private static void PrintTable(TextWriter stdout, BatchSummary s, string report)
    {
        stdout.WriteLine();
        stdout.WriteLine($"  {"status",-8} {"jobs",6}");
        stdout.WriteLine($"  {"ok",-8} {s.Ok,6}");
        stdout.WriteLine($"  {"failed",-8} {s.Failed,6}");
        stdout.WriteLine($"  {"skipped",-8} {s.Skipped,6}");
        if (s.Interrupted > 0)
        {
            stdout.WriteLine($"  {"not run",-8} {s.Interrupted,6}  (the batch was stopped)");
        }
        double rate = s.Seconds > 0 ? (s.Ok + s.Failed) / s.Seconds : 0;
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  {s.Seconds:0.0} s, {rate:0.00} jobs/s with {s.Parallelism} at once, peak memory {s.PeakMemoryMiB} MiB"));
        foreach (JobReport failed in s.Jobs.Where(j => j.Status == "failed"))
        {
            stdout.WriteLine($"  failed #{failed.Index} {failed.Output}: {failed.Error}");
        }
        stdout.WriteLine($"  report: {report}");
    }
}
