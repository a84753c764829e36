using SmpRender.IO.Native;

namespace SmpRender.IO;

/// <summary>The end of a command-line process.</summary>
public static class ProcessEnd
{
    /// <summary>
    /// Flushes the console and ends the process with <paramref name="exitCode"/> without the runtime's shutdown (its
    /// exit handlers and the release of its heaps take a few milliseconds of a one-photo render). Only for a process
    /// whose work is done: every file closed, nothing left running. Returns (and the caller returns from Main) where
    /// the process cannot be ended that way.
    /// </summary>
    public static void Now(int exitCode)
    {
        try
        {
            Console.Out.Flush();
            Console.Error.Flush();
        }
        catch (IOException)
        {
            // A closed pipe: nothing more can be said on it.
        }
        Posix.TryExitNow(exitCode);
    }
}
