namespace SmpRender;

/// <summary>
/// A hook through which the host may advise the operating system about the engine's large buffers (photos,
/// density maps, resampling rows) right after they are allocated, before they are first written. On Linux
/// the smp command asks for transparent huge pages: a 12 MP photo is then mapped in 2 MiB pages, about two
/// dozen page faults instead of about 12,000, a tenth of the CPU time of a one-photo render. Advice never
/// changes a result.
/// </summary>
public static class LargeBuffers
{
    /// <summary>Buffers smaller than this are not advised.</summary>
    public const int MinBytes = 4 << 20;

    /// <summary>Called with the address and length in bytes of each new large buffer; null (no advice) by default.</summary>
    public static Action<nint, nuint>? Advise { get; set; }

    /// <summary>Passes the array to <see cref="Advise"/> when it is large enough; returns it.</summary>
    internal static unsafe T[] Advised<T>(T[] array) where T : unmanaged
    {
        Action<nint, nuint>? advise = Advise;
        long bytes = (long)array.Length * sizeof(T);
        if (advise is not null && bytes >= MinBytes)
        {
            // Large arrays are not moved by the garbage collector: the address stays valid.
            fixed (T* start = array)
            {
                advise((nint)start, (nuint)bytes);
            }
        }
        return array;
    }

    /// <summary>A new zeroed array, advised.</summary>
    internal static T[] Allocate<T>(int length) where T : unmanaged => Advised(new T[length]);
}
