using System.Runtime.InteropServices;
using System.Text;
using SmpRender.Layouts;

namespace SmpRender.IO.Text;

/// <summary>
/// Label text through FreeType (Debian <c>libfreetype6</c>) with a TrueType font, by default
/// DejaVu Sans (Debian <c>fonts-dejavu-core</c>). One instance owns one FreeType library and face;
/// FreeType faces are not thread-safe, so calls are serialised.
/// </summary>
public sealed partial class FreeTypeTextRenderer : ITextRenderer, IDisposable
{
    public const string DefaultFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    private readonly Lock _lock = new();
    private nint _library;
    private nint _face;

    public FreeTypeTextRenderer(string? fontPath = null)
    {
        FontPath = fontPath ?? DefaultFontPath;
        if (!File.Exists(FontPath))
        {
            string hint = fontPath is null ? " (install fonts-dejavu-core or choose a font with --font)" : "";
            throw new FileNotFoundException($"{FontPath}: font not found{hint}", FontPath);
        }
        try
        {
            Check(Native.FT_Init_FreeType(out _library), "initialising FreeType");
        }
        catch (DllNotFoundException ex)
        {
            throw new DllNotFoundException("libfreetype.so.6 is not installed (apt-get install libfreetype6)", ex);
        }
        int error = Native.FT_New_Face(_library, FontPath, 0, out _face);
        if (error != 0)
        {
            Native.FT_Done_FreeType(_library);
            _library = 0;
            throw new InvalidDataException($"{FontPath}: not a font FreeType can read (FreeType error {error})");
        }
    }

    public string FontPath { get; }

    public TextMask Render(string text, double pixelHeight)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!(pixelHeight >= 1 && pixelHeight <= 2000))
        {
            throw new ArgumentOutOfRangeException(nameof(pixelHeight), pixelHeight, "must be between 1 and 2000 pixels");
        }
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_face == 0, this);
            return RenderLocked(text, (uint)Math.Round(pixelHeight));
        }
    }

    private unsafe TextMask RenderLocked(string text, uint pixelHeight)
    {
        Check(Native.FT_Set_Pixel_Sizes(_face, 0, pixelHeight), "setting the size");
        byte* face = (byte*)_face;
        byte* size = *(byte**)(face + FaceSizeOffset);
        int ascender = (int)(*(long*)(size + SizeAscenderOffset) >> 6);
        int descender = (int)(*(long*)(size + SizeDescenderOffset) >> 6);
        bool kerning = (*(long*)(face + FaceFlagsOffset) & FaceFlagKerning) != 0;
        int height = Math.Max(1, ascender - descender);

        // First pass: measure. Second pass: draw. Pen positions in 26.6 fixed point.
        int width = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            byte[]? coverage = pass == 1 ? new byte[Math.Max(1, width) * height] : null;
            long pen = 0;
            uint previous = 0;
            int right = 0;
            foreach (Rune rune in text.EnumerateRunes())
            {
                uint glyphIndex = Native.FT_Get_Char_Index(_face, (nuint)rune.Value);
                if (kerning && previous != 0 && glyphIndex != 0 &&
                    Native.FT_Get_Kerning(_face, previous, glyphIndex, 0, out Vector delta) == 0)
                {
                    pen += (long)delta.X;
                }
                Check(Native.FT_Load_Glyph(_face, glyphIndex, LoadRender), "rendering a glyph");
                byte* slot = *(byte**)(face + FaceGlyphOffset);
                byte* bitmap = slot + SlotBitmapOffset;
                int rows = (int)*(uint*)(bitmap + BitmapRowsOffset);
                int cols = (int)*(uint*)(bitmap + BitmapWidthOffset);
                int pitch = *(int*)(bitmap + BitmapPitchOffset);
                byte* buffer = *(byte**)(bitmap + BitmapBufferOffset);
                int left = *(int*)(slot + SlotBitmapLeftOffset);
                int top = *(int*)(slot + SlotBitmapTopOffset);
                int originX = (int)((pen + 32) >> 6);
                right = Math.Max(right, originX + left + cols);
                if (coverage is not null && buffer != null)
                {
                    for (int r = 0; r < rows; r++)
                    {
                        int y = ascender - top + r;
                        if ((uint)y >= (uint)height)
                        {
                            continue;
                        }
                        byte* src = buffer + r * pitch;
                        for (int c = 0; c < cols; c++)
                        {
                            int x = originX + left + c;
                            if ((uint)x < (uint)width)
                            {
                                int i = y * width + x;
                                coverage[i] = (byte)Math.Min(255, coverage[i] + src[c]);
                            }
                        }
                    }
                }
                pen += *(long*)(slot + SlotAdvanceXOffset);
                previous = glyphIndex;
            }
            right = Math.Max(right, (int)((pen + 63) >> 6));
            if (pass == 0)
            {
                width = right;
                if (width == 0)
                {
                    return new TextMask(0, height, ascender, []);
                }
            }
            else
            {
                return new TextMask(width, height, ascender, coverage!);
            }
        }
        throw new InvalidOperationException("unreachable");
    }

    public void Dispose()
    {
        lock (_lock)
        {
            if (_face != 0)
            {
                Native.FT_Done_Face(_face);
                _face = 0;
            }
            if (_library != 0)
            {
                Native.FT_Done_FreeType(_library);
                _library = 0;
            }
        }
    }

    private void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"{FontPath}: FreeType error {error} while {what}");
        }
    }

    // Field offsets of FreeType 2 public records on 64-bit Linux (LP64), checked against ft2build.h.
    private const int FaceFlagsOffset = 16;
    private const int FaceGlyphOffset = 152;
    private const int FaceSizeOffset = 160;
    private const int SizeAscenderOffset = 24 + 24;
    private const int SizeDescenderOffset = 24 + 32;
    private const int SlotAdvanceXOffset = 128;
    private const int SlotBitmapOffset = 152;
    private const int SlotBitmapLeftOffset = 192;
    private const int SlotBitmapTopOffset = 196;
    private const int BitmapRowsOffset = 0;
    private const int BitmapWidthOffset = 4;
    private const int BitmapPitchOffset = 8;
    private const int BitmapBufferOffset = 16;
    private const long FaceFlagKerning = 64;
    private const int LoadRender = 4;

    [StructLayout(LayoutKind.Sequential)]
    private struct Vector
    {
        public nint X;
        public nint Y;
    }

    private static partial class Native
    {
        private const string Lib = "libfreetype.so.6";

        [LibraryImport(Lib)]
        public static partial int FT_Init_FreeType(out nint library);

        [LibraryImport(Lib)]
        public static partial int FT_Done_FreeType(nint library);

        [LibraryImport(Lib, StringMarshalling = StringMarshalling.Utf8)]
        public static partial int FT_New_Face(nint library, string path, nint faceIndex, out nint face);

        [LibraryImport(Lib)]
        public static partial int FT_Done_Face(nint face);

        [LibraryImport(Lib)]
        public static partial int FT_Set_Pixel_Sizes(nint face, uint width, uint height);

        [LibraryImport(Lib)]
        public static partial uint FT_Get_Char_Index(nint face, nuint charCode);

        [LibraryImport(Lib)]
        public static partial int FT_Load_Glyph(nint face, uint glyphIndex, int loadFlags);

        [LibraryImport(Lib)]
        public static partial int FT_Get_Kerning(nint face, uint left, uint right, uint mode, out Vector kerning);
    }
}
