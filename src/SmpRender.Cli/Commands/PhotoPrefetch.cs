using System.Diagnostics;
using SmpRender.Imaging;

namespace SmpRender.Cli.Commands;

/// <summary>
/// Starts reading a preview command's photo before its command line is parsed: the photo's decode is the longest
/// step of a one-photo render, and parsing (and building the command) takes several milliseconds on the other core.
/// Started only for a line that plainly names a photo right after the command (<c>smp render PHOTO ...</c>);
/// the command takes the read when it asks for that same path, and reads the photo itself otherwise.
/// </summary>
internal static class PhotoPrefetch
{
    private static readonly string[] Commands = ["render", "compare", "sessions", "sheet"];

    private static Prefetched? s_pending;

    /// <summary>Starts reading the photo named by a command line on the thread pool; false when the line names none.</summary>
    public static bool Start(string[] args)
    {
        if (args.Length < 2 || !Commands.Contains(args[0]))
        {
            return false;
        }
        string photo = args[1];
        if (photo.Length == 0 || photo[0] is '-' or '@')
        {
            return false;
        }
        foreach (string arg in args)
        {
            // Help and version print without reading anything.
            if (arg is "--help" or "-h" or "-?" or "/?" or "/h" or "--version")
            {
                return false;
            }
        }
        s_pending = new Prefetched(photo, Task.Run(() => ReadTimed(photo)));
        return true;
    }

    /// <summary>
    /// The read started for exactly this <paramref name="path"/>, handed over once (the caller owns the photo); null
    /// when none was started for it.
    /// </summary>
    public static Task<(Photo Photo, double Ms)>? Take(string path)
    {
        Prefetched? pending = Volatile.Read(ref s_pending);
        if (pending is null || pending.Path != path)
        {
            return null;
        }
        return Interlocked.CompareExchange(ref s_pending, null, pending) == pending ? pending.Read : null;
    }

    /// <summary>Reads a photo and times it (milliseconds).</summary>
    internal static (Photo Photo, double Ms) ReadTimed(string path)
    {
        long start = Stopwatch.GetTimestamp();
        Photo photo = Inputs.ReadPhoto(path);
        return (photo, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    private sealed record Prefetched(string Path, Task<(Photo Photo, double Ms)> Read);
}
