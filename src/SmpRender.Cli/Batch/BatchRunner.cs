using System.Diagnostics;

namespace SmpRender.Cli.Batch;

public enum JobStatus
{
    Ok,
    Failed,
    Skipped,

    /// <summary>Not run: the batch was stopped before it (an interrupt or a termination request).</summary>
    Interrupted,
}

/// <summary>What happened to one job.</summary>
public sealed record JobResult(BatchJob Job, JobStatus Status, double Milliseconds, string? Error);

/// <summary>Options of a batch run.</summary>
/// <param name="Jobs">Jobs run at once, each on one thread, so the batch uses this many cores (default: every core).</param>
/// <param name="ShardIndex">0-based shard this run takes (every <paramref name="ShardCount"/>-th job from it).</param>
/// <param name="ShardCount">Number of shards the manifest is split into.</param>
/// <param name="SkipExisting">Skip jobs whose output file already exists (and is not empty), so re-runs are idempotent.</param>
public sealed record BatchOptions(int Jobs, int ShardIndex = 0, int ShardCount = 1, bool SkipExisting = false)
{
    public int Jobs { get; } = Jobs >= 1 ? Jobs : throw new ArgumentOutOfRangeException(nameof(Jobs), Jobs, "must be >= 1");

    public int ShardCount { get; } = ShardCount >= 1 ? ShardCount : throw new ArgumentOutOfRangeException(nameof(ShardCount), ShardCount, "must be >= 1");

    public int ShardIndex { get; } = ShardIndex >= 0 && ShardIndex < ShardCount
        ? ShardIndex
        : throw new ArgumentOutOfRangeException(nameof(ShardIndex), ShardIndex, $"must be in [0, {ShardCount})");

    /// <summary>The jobs of this shard: indices i with i mod N = I.</summary>
    public IEnumerable<BatchJob> Select(IReadOnlyList<BatchJob> jobs) =>
        jobs.Where(job => job.Index % ShardCount == ShardIndex);
}

/// <summary>
/// Runs the jobs of a manifest in parallel. Each job is the ordinary <c>smp</c> command it stands
/// for, run in-process with its own output streams, so a batch job behaves exactly like the command
/// typed by hand. A failed job is recorded and the others go on.
/// </summary>
public sealed class BatchRunner
{
    private readonly Func<IReadOnlyList<string>, (int ExitCode, string Error)> _runJob;

    public BatchRunner(Func<IReadOnlyList<string>, (int ExitCode, string Error)> runJob)
    {
        _runJob = runJob ?? throw new ArgumentNullException(nameof(runJob));
    }

    /// <summary>Runs one command line through the real root command, capturing its error line.</summary>
    public static (int ExitCode, string Error) RunInProcess(IReadOnlyList<string> arguments)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = SmpCommand.Run([.. arguments], stdout, stderr);
        // One line for the report: the error lines without their "smp: " prefix and the pointer to the help.
        IEnumerable<string> lines = stderr.ToString().ReplaceLineEndings("\n").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(l => l.StartsWith("smp: ", StringComparison.Ordinal) ? l[5..] : l)
            .Select(l => l.EndsWith("; " + SmpCommand.UsageHint, StringComparison.Ordinal) ? l[..^(SmpCommand.UsageHint.Length + 2)] : l);
        return (code, string.Join("; ", lines));
    }

    private JobResult RunOne(BatchJob job, BatchOptions options)
    {
        // An empty file is not a finished output (the tool never leaves one; something else did).
        if (options.SkipExisting && new FileInfo(job.Output) is { Exists: true, Length: > 0 })
        {
            return new JobResult(job, JobStatus.Skipped, 0, null);
        }
        long start = Stopwatch.GetTimestamp();
        (int code, string error) = _runJob(job.Arguments);
        double ms = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        return code == 0
            ? new JobResult(job, JobStatus.Ok, ms, null)
            : new JobResult(job, JobStatus.Failed, ms, string.IsNullOrEmpty(error) ? $"exit code {code}" : error);
    }

    /// <summary>
    /// Runs the jobs of <paramref name="options"/>' shard. Once <paramref name="stop"/> is cancelled no job starts: the
    /// running ones finish, and the others are reported as <see cref="JobStatus.Interrupted"/>.
    /// </summary>
    public IReadOnlyList<JobResult> Run(IReadOnlyList<BatchJob> jobs, BatchOptions options, Action<JobResult>? onDone = null,
        CancellationToken stop = default)
    {
        ArgumentNullException.ThrowIfNull(jobs);
        ArgumentNullException.ThrowIfNull(options);
        BatchJob[] selected = [.. options.Select(jobs)];
        var results = new JobResult[selected.Length];
        int next = -1;
        void Work()
        {
            // One thread per job: renders side by side, each on its own core, get more done than renders
            // that each split their work over every core and wait on one another.
            using Parallelism.Scope limit = Parallelism.Limit(1);
            for (int i = Interlocked.Increment(ref next); i < selected.Length; i = Interlocked.Increment(ref next))
            {
                if (stop.IsCancellationRequested)
                {
                    results[i] = new JobResult(selected[i], JobStatus.Interrupted, 0, "not run: the batch was stopped");
                    continue;
                }
                results[i] = RunOne(selected[i], options);
                onDone?.Invoke(results[i]);
            }
        }
        var workers = new Task[Math.Min(options.Jobs, selected.Length)];
        for (int w = 0; w < workers.Length; w++)
        {
            workers[w] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        Task.WaitAll(workers);
        return results;
    }
}
