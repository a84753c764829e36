using System.Text.Json;
using SmpRender.IO;

namespace SmpRender.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        // The JSON reader's first use costs a few milliseconds of one-time set-up. Plans and manifests are read
        // right after the command line is parsed; until then the other core is idle, so it does the set-up.
        ThreadPool.UnsafeQueueUserWorkItem(static _ => PrepareJsonReader(), null);
        // Photos and density maps are tens of megabytes, written once: huge pages map them in a few faults.
        MemoryAdvice.UseHugePages();
        return SmpCommand.Run(args);
    }

    private static void PrepareJsonReader()
    {
        using JsonDocument document = JsonDocument.Parse("""{ "version": 1, "notes": "-" }"""u8.ToArray());
    }
}
