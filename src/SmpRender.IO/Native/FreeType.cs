using System.Runtime.InteropServices;

namespace SmpRender.IO.Native;

/// <summary>The few FreeType 2 calls text rendering needs (libfreetype.so.6), with the struct offsets of the 64-bit Linux ABI.</summary>
internal static unsafe partial class FreeType
{
    public const int LoadRender = 4;
    public const int KerningDefault = 0;
    public const int PixelModeGray = 2;
    public const long FaceFlagKerning = 1 << 6;

    // FT_FaceRec
    public const int FaceFlagsOffset = 16;
    public const int FaceGlyphOffset = 152;
    public const int FaceSizeOffset = 160;

    // FT_SizeRec.metrics (24) + FT_Size_Metrics.{ascender, descender, height} (24, 32, 40), all 26.6 pixels
    public const int SizeAscenderOffset = 24 + 24;
    public const int SizeDescenderOffset = 24 + 32;
    public const int SizeHeightOffset = 24 + 40;

    // FT_GlyphSlotRec
    public const int SlotAdvanceXOffset = 128;
    public const int SlotBitmapOffset = 152;
    public const int SlotBitmapLeftOffset = 192;
    public const int SlotBitmapTopOffset = 196;

    // FT_Bitmap
    public const int BitmapRowsOffset = 0;
    public const int BitmapWidthOffset = 4;
    public const int BitmapPitchOffset = 8;
    public const int BitmapBufferOffset = 16;
    public const int BitmapPixelModeOffset = 26;

    private const string Lib = NativeLibraries.FreeType;

    [StructLayout(LayoutKind.Sequential)]
    public struct Vector
    {
        public nint X;
        public nint Y;
    }

    [LibraryImport(Lib, EntryPoint = "FT_Init_FreeType")]
    public static partial int InitFreeType(out nint library);

    [LibraryImport(Lib, EntryPoint = "FT_Done_FreeType")]
    public static partial int DoneFreeType(nint library);

    [LibraryImport(Lib, EntryPoint = "FT_New_Face", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int NewFace(nint library, string path, nint faceIndex, out nint face);

    [LibraryImport(Lib, EntryPoint = "FT_Done_Face")]
    public static partial int DoneFace(nint face);

    [LibraryImport(Lib, EntryPoint = "FT_Set_Char_Size")]
    public static partial int SetCharSize(nint face, nint width26Dot6, nint height26Dot6, uint horizontalDpi, uint verticalDpi);

    [LibraryImport(Lib, EntryPoint = "FT_Get_Char_Index")]
    public static partial uint GetCharIndex(nint face, nuint charCode);

    [LibraryImport(Lib, EntryPoint = "FT_Load_Glyph")]
    public static partial int LoadGlyph(nint face, uint glyphIndex, int loadFlags);

    [LibraryImport(Lib, EntryPoint = "FT_Get_Kerning")]
    public static partial int GetKerning(nint face, uint left, uint right, uint mode, out Vector kerning);

    public static T Read<T>(nint structure, int offset)
        where T : unmanaged => *(T*)(structure + offset);
}
