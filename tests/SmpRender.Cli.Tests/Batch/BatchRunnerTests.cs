using System.Collections.Concurrent;
using SmpRender.Cli.Batch;
using SmpRender.Cli.Commands;

namespace SmpRender.Cli.Tests.Batch;

public sealed class BatchRunnerTests
{
    private static List<BatchJob> Jobs(int count, string folder) =>
        [.. Enumerable.Range(0, count).Select(i => new BatchJob(i, "render", Path.Combine(folder, $"{i}.jpg"), ["render", $"{i}"]))];

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(7)]
    public void Select_Shards_CoverEveryJobExactlyOnce(int shards)
    {
        List<BatchJob> jobs = Jobs(23, "/tmp");
        var seen = new List<int>();
        for (int i = 0; i < shards; i++)
        {
            seen.AddRange(new BatchOptions(2, i, shards).Select(jobs).Select(j => j.Index));
        }
        Assert.Equal(Enumerable.Range(0, 23), seen.Order());
    }

    [Fact]
    public void Run_FailingJob_OthersStillRunAndTheErrorIsKept()
    {
        var ran = new ConcurrentBag<string>();
        var runner = new BatchRunner(args =>
        {
            ran.Add(args[1]);
            return args[1] == "2" ? (3, "2.jpg: JPEG: truncated data") : (0, "");
        });
        IReadOnlyList<JobResult> results = runner.Run(Jobs(5, "/tmp"), new BatchOptions(2));
        Assert.Equal(5, ran.Count);
        JobResult failed = Assert.Single(results, r => r.Status == JobStatus.Failed);
        Assert.Equal(2, failed.Job.Index);
        Assert.Equal("2.jpg: JPEG: truncated data", failed.Error);
        Assert.Equal(4, results.Count(r => r.Status == JobStatus.Ok));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void Run_Stopped_RunningJobsFinish_NoOtherStarts_AndTheRestAreInterrupted(int jobs)
    {
        // The stop comes while the third job runs: the jobs then running finish, none starts after.
        using var stop = new CancellationTokenSource();
        var started = new ConcurrentBag<int>();
        var runner = new BatchRunner(args =>
        {
            int index = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture);
            started.Add(index);
            if (index == 2)
            {
                stop.Cancel();
            }
            return (0, "");
        });
        IReadOnlyList<JobResult> results = runner.Run(Jobs(9, "/tmp"), new BatchOptions(jobs), stop: stop.Token);
        Assert.Equal(9, results.Count);
        Assert.All(results, r => Assert.Equal(started.Contains(r.Job.Index) ? JobStatus.Ok : JobStatus.Interrupted, r.Status));
        Assert.Contains(2, started);
        Assert.InRange(started.Count, 3, 2 + jobs);
        Assert.All(results.Where(r => r.Status == JobStatus.Interrupted), r => Assert.Equal("not run: the batch was stopped", r.Error));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(64)]
    public void Run_Jobs_EachJobsParallelLoopsRunOnOneThread(int jobs)
    {
        var options = new BatchOptions(jobs);
        var threadsSeen = new ConcurrentBag<int>();
        var runner = new BatchRunner(_ =>
        {
            // What the engine does inside a job: a parallel loop with its options.
            var threads = new ConcurrentDictionary<int, bool>();
            Parallel.For(0, 64, Parallelism.Options, _ =>
            {
                threads[Environment.CurrentManagedThreadId] = true;
                Thread.SpinWait(20_000);
            });
            threadsSeen.Add(threads.Count);
            return (0, "");
        });

        IReadOnlyList<JobResult> results = runner.Run(Jobs(6, "/tmp"), options);

        Assert.All(results, r => Assert.Equal(JobStatus.Ok, r.Status));
        Assert.All(threadsSeen, n => Assert.Equal(1, n));
        Assert.Equal(0, Parallelism.MaxDegree);
        Assert.Equal(6, threadsSeen.Count);
    }

    [Fact]
    public void Run_SkipExisting_SkipsOnlyJobsWhoseOutputExists()
    {
        string folder = Directory.CreateTempSubdirectory("smp-batch").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "1.jpg"), "done before");
            var ran = new ConcurrentBag<string>();
            var runner = new BatchRunner(args => { ran.Add(args[1]); return (0, ""); });
            IReadOnlyList<JobResult> results = runner.Run(Jobs(3, folder), new BatchOptions(1, SkipExisting: true));
            Assert.Equal(["0", "2"], ran.Order());
            Assert.Equal(JobStatus.Skipped, results[1].Status);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("0/4", 0, 4)]
    [InlineData("3/4", 3, 4)]
    [InlineData(null, 0, 1)]
    public void ParseShard_Valid(string? text, int index, int count) =>
        Assert.Equal((index, count), BatchCommand.ParseShard(text));

    [Theory]
    [InlineData("4/4")]
    [InlineData("1/0")]
    [InlineData("-1/3")]
    [InlineData("1")]
    [InlineData("a/b")]
    public void ParseShard_Invalid_IsUsageError(string text)
    {
        var ex = Assert.Throws<CliException>(() => BatchCommand.ParseShard(text));
        Assert.Equal(ExitCode.Usage, ex.ExitCode);
    }

    [Fact]
    public void BatchCommand_MissingManifest_ExitsBadInputWithOneLine()
    {
        var stderr = new StringWriter();
        int code = SmpCommand.Run(["batch", "/no/such/jobs.json"], new StringWriter(), stderr);
        Assert.Equal((int)ExitCode.BadInput, code);
        Assert.Equal("smp: /no/such/jobs.json: manifest not found", stderr.ToString().Trim());
    }
}
