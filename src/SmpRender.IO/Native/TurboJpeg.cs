using System.Runtime.InteropServices;

namespace SmpRender.IO.Native;

/// <summary>The TurboJPEG 2.1 API of libjpeg-turbo (libturbojpeg.so.0).</summary>
internal static unsafe partial class TurboJpeg
{
    public const int PixelFormatRgb = 0;
    public const int PixelFormatRgba = 7;
    public const int PixelFormatCmyk = 11;

    public const int Subsampling444 = 0;
    public const int Subsampling422 = 1;
    public const int Subsampling420 = 2;
    public const int SubsamplingGray = 3;
    public const int Subsampling440 = 4;
    public const int Subsampling411 = 5;

    public const int ColorspaceCmyk = 3;
    public const int ColorspaceYcck = 4;

    public const int FlagNoRealloc = 1024;
    public const int FlagAccurateDct = 4096;
    public const int FlagStopOnWarning = 8192;

    public const int ErrorWarning = 0;

    private const string Lib = NativeLibraries.TurboJpeg;

    [LibraryImport(Lib, EntryPoint = "tjInitDecompress")]
    public static partial nint InitDecompress();

    [LibraryImport(Lib, EntryPoint = "tjInitCompress")]
    public static partial nint InitCompress();

    [LibraryImport(Lib, EntryPoint = "tjDestroy")]
    public static partial int Destroy(nint handle);

    [LibraryImport(Lib, EntryPoint = "tjDecompressHeader3")]
    public static partial int DecompressHeader3(nint handle, byte* jpegBuf, CULong jpegSize, out int width, out int height, out int subsampling, out int colorspace);

    [LibraryImport(Lib, EntryPoint = "tjDecompress2")]
    public static partial int Decompress2(nint handle, byte* jpegBuf, CULong jpegSize, byte* dstBuf, int width, int pitch, int height, int pixelFormat, int flags);

    [LibraryImport(Lib, EntryPoint = "tjCompress2")]
    public static partial int Compress2(nint handle, byte* srcBuf, int width, int pitch, int height, int pixelFormat, ref nint jpegBuf, ref CULong jpegSize, int subsampling, int quality, int flags);

    [LibraryImport(Lib, EntryPoint = "tjBufSize")]
    public static partial CULong BufSize(int width, int height, int subsampling);

    [LibraryImport(Lib, EntryPoint = "tjFree")]
    public static partial void Free(nint buffer);

    [LibraryImport(Lib, EntryPoint = "tjGetErrorStr2")]
    public static partial nint GetErrorStr2(nint handle);

    [LibraryImport(Lib, EntryPoint = "tjGetErrorCode")]
    public static partial int GetErrorCode(nint handle);

    public static string ErrorText(nint handle) => Marshal.PtrToStringUTF8(GetErrorStr2(handle)) ?? "unknown error";
}
