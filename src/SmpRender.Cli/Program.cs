using System.Text.Json;
using SmpRender.Cli.Commands;
using SmpRender.IO;
using SmpRender.Sampling;

namespace SmpRender.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        // Photos and density maps are tens of megabytes, written once: huge pages map them in a few faults.
        MemoryAdvice.UseHugePages();
        // The photo of a one-photo command is read on the other core while the command line is parsed: the decode is
        // the longest step of a render, and starts about 8 ms earlier.
        if (Environment.ProcessorCount > 1)
        {
            PhotoPrefetch.Start(args);
        }
        // The JSON reader's first use costs a few milliseconds of one-time set-up. Plans and manifests are read
        // right after the command line is parsed: a pool thread does the set-up meanwhile.
        ThreadPool.UnsafeQueueUserWorkItem(static _ => PrepareJsonReader(), null);
        // Registering for the signals that end a process takes a millisecond or two: done there too.
        ThreadPool.UnsafeQueueUserWorkItem(static _ => Termination.RemoveUnfinishedOutputsWhenEnded(), null);
        // The sampler's vector methods are compiled at their first call (they use instructions beyond what the tool is
        // precompiled for): a tiny field sampled there compiles them before the plan's dots need them.
        if (args is ["render" or "compare" or "sessions" or "sheet" or "batch" or "dots", ..])
        {
            ThreadPool.UnsafeQueueUserWorkItem(static _ => PrepareSampler(), null);
        }
        int exitCode = SmpCommand.Run(args);
        // Every output is written, flushed and closed by now, and the process has nothing left to do.
        ProcessEnd.Now(exitCode);
        return exitCode;
    }

    /// <summary>Samples a small field whose density varies, so that every vector path of the sampler runs once.</summary>
    private static void PrepareSampler()
    {
        var ramp = new float[64 * 64];
        for (int i = 0; i < ramp.Length; i++)
        {
            ramp[i] = (i % 64) / 63f;
        }
        try
        {
            new PoissonDiscSampler().Sample(new DensityMap(64, 64, 10, ramp), new PoissonDiscOptions(100, 1, MaxDegreeOfParallelism: 1));
        }
        catch (Exception)
        {
            // Only a head start: whatever went wrong here, the command meets it again and reports it.
        }
    }

    private static void PrepareJsonReader()
    {
        using JsonDocument document = JsonDocument.Parse("""{ "version": 1, "notes": "-" }"""u8.ToArray());
    }
}
