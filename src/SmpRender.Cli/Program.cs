using SmpRender.IO;

namespace SmpRender.Cli;

internal static class Program
{
    private static int Main(string[] args)
    {
        // Photos and density maps are tens of megabytes, written once: huge pages map them in a few faults.
        MemoryAdvice.UseHugePages();
        return SmpCommand.Run(args);
    }
}
