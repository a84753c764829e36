using SmpRender.IO.Native;

namespace SmpRender.IO;

/// <summary>Operating-system advice for the engine's large buffers (see <see cref="LargeBuffers"/>).</summary>
public static class MemoryAdvice
{
    /// <summary>
    /// On Linux, asks for transparent huge pages for every large buffer the engine allocates from now on
    /// (honoured when the system's setting is "madvise" or "always"). Returns false elsewhere, leaving the
    /// buffers as they are.
    /// </summary>
    public static bool UseHugePages()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            // A first call on a small buffer: if the C library cannot be called, leave the buffers alone.
            byte[] probe = new byte[2 * 4096];
            unsafe
            {
                fixed (byte* p = probe)
                {
                    Posix.TryAdviseHugePages((nint)p, (nuint)probe.Length);
                }
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
        LargeBuffers.Advise = static (address, length) => Posix.TryAdviseHugePages(address, length);
        return true;
    }
}
