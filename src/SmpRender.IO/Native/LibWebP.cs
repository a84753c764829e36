using System.Runtime.InteropServices;

namespace SmpRender.IO.Native;

/// <summary>The simple decode and encode API of libwebp (libwebp.so.7).</summary>
internal static unsafe partial class LibWebP
{
    private const string Lib = NativeLibraries.WebP;

    [LibraryImport(Lib, EntryPoint = "WebPGetInfo")]
    public static partial int GetInfo(byte* data, nuint size, out int width, out int height);

    [LibraryImport(Lib, EntryPoint = "WebPDecodeRGBAInto")]
    public static partial byte* DecodeRgbaInto(byte* data, nuint size, byte* output, nuint outputSize, int outputStride);

    [LibraryImport(Lib, EntryPoint = "WebPEncodeRGBA")]
    public static partial nuint EncodeRgba(byte* rgba, int width, int height, int stride, float quality, out nint output);

    [LibraryImport(Lib, EntryPoint = "WebPEncodeLosslessRGBA")]
    public static partial nuint EncodeLosslessRgba(byte* rgba, int width, int height, int stride, out nint output);

    [LibraryImport(Lib, EntryPoint = "WebPFree")]
    public static partial void Free(nint pointer);
}
