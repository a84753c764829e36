using System.Runtime.InteropServices;

namespace SmpRender.IO.Native;

/// <summary>The few POSIX calls .NET does not expose: fsync of a directory after a rename, madvise, and _exit.</summary>
internal static partial class Posix
{
    private const int ReadOnly = 0;
    private const int Directory = 0x10000; // O_DIRECTORY on Linux

    [LibraryImport(NativeLibraries.C, EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport(NativeLibraries.C, EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport(NativeLibraries.C, EntryPoint = "close")]
    private static partial int Close(int fd);

    [LibraryImport(NativeLibraries.C, EntryPoint = "_exit")]
    private static partial void ExitProcess(int status);

    /// <summary>Ends the process at once with <paramref name="status"/> (no shutdown of the runtime); returns only when that is not possible.</summary>
    public static void TryExitNow(int status)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        try
        {
            ExitProcess(status);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // The runtime's own exit follows.
        }
    }

    [LibraryImport(NativeLibraries.C, EntryPoint = "madvise")]
    private static partial int Madvise(nint address, nuint length, int advice);

    private const int AdviseHugePage = 14; // MADV_HUGEPAGE on Linux
    private const long PageSize = 4096;

    /// <summary>
    /// Asks Linux to back the whole pages of [address, address + length) with transparent huge pages when
    /// they are first touched (MADV_HUGEPAGE); false when the call failed or does not apply.
    /// </summary>
    public static bool TryAdviseHugePages(nint address, nuint length)
    {
        long start = ((long)address + PageSize - 1) & ~(PageSize - 1);
        long end = ((long)address + (long)length) & ~(PageSize - 1);
        return OperatingSystem.IsLinux() && end > start && Madvise((nint)start, (nuint)(end - start), AdviseHugePage) == 0;
    }

    /// <summary>Flushes a directory entry change (a rename) to disk; best effort, false when not possible.</summary>
    public static bool TryFsyncDirectory(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            NativeLibraries.Require(NativeLibraries.C, path, "");
            int fd = Open(path, ReadOnly | Directory);
            if (fd < 0)
            {
                return false;
            }
            try
            {
                return Fsync(fd) == 0;
            }
            finally
            {
                Close(fd);
            }
        }
        catch (PhotoException)
        {
            return false;
        }
    }
}
