using System.Runtime.InteropServices;

namespace SmpRender.IO.Native;

/// <summary>The few POSIX calls .NET does not expose: fsync of a directory after a rename.</summary>
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
