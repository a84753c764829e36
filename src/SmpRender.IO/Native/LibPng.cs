using System.Runtime.InteropServices;

namespace SmpRender.IO.Native;

/// <summary>The simplified API of libpng 1.6 (libpng16.so.16): no setjmp crosses into managed code.</summary>
internal static unsafe partial class LibPng
{
    public const uint ImageVersion = 1;

    public const uint FormatFlagAlpha = 0x01;
    public const uint FormatFlagColor = 0x02;
    public const uint FormatFlagLinear = 0x04;
    public const uint FormatFlagColormap = 0x08;
    public const uint FormatRgb = FormatFlagColor;
    public const uint FormatRgba = FormatFlagColor | FormatFlagAlpha;

    public const uint ImageFlagColorspaceNotSrgb = 0x01;
    public const uint ImageFlagFast = 0x02;
    public const uint ImageFlag16BitSrgb = 0x04;

    private const string Lib = NativeLibraries.Png;

    /// <summary>png_image: the control structure of the simplified API.</summary>
    [StructLayout(LayoutKind.Sequential)]
    public struct Image
    {
        public nint Opaque;
        public uint Version;
        public uint Width;
        public uint Height;
        public uint Format;
        public uint Flags;
        public uint ColormapEntries;
        public uint WarningOrError;
        public fixed byte Message[64];

        public string MessageText()
        {
            fixed (byte* m = Message)
            {
                return Marshal.PtrToStringUTF8((nint)m) ?? "";
            }
        }
    }

    [LibraryImport(Lib, EntryPoint = "png_image_begin_read_from_memory")]
    public static partial int BeginReadFromMemory(Image* image, byte* memory, nuint size);

    [LibraryImport(Lib, EntryPoint = "png_image_finish_read")]
    public static partial int FinishRead(Image* image, void* background, byte* buffer, int rowStride, void* colormap);

    [LibraryImport(Lib, EntryPoint = "png_image_free")]
    public static partial void Free(Image* image);

    [LibraryImport(Lib, EntryPoint = "png_image_write_to_memory")]
    public static partial int WriteToMemory(Image* image, byte* memory, ref nuint memoryBytes, int convertTo8Bit, byte* buffer, int rowStride, void* colormap);
}
