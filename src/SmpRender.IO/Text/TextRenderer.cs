using System.Text;
using SmpRender.IO.Native;

namespace SmpRender.IO.Text;

/// <summary>
/// Rendered text as an 8-bit coverage mask (0 = background, 255 = fully inside a glyph), row-major,
/// <see cref="Width"/> bytes per row. Lines are stacked top to bottom.
/// </summary>
/// <param name="Width">Mask width in pixels (0 for empty text).</param>
/// <param name="Height">Mask height in pixels: the line height times the number of lines.</param>
/// <param name="Baseline">Distance from the top of the mask to the first line's baseline, in pixels.</param>
/// <param name="Alpha">Coverage, <c>Width × Height</c> bytes.</param>
public sealed record GlyphRun(int Width, int Height, int Baseline, byte[] Alpha)
{
    public byte At(int x, int y) => Alpha[(y * Width) + x];
}

/// <summary>Renders label text through FreeType (anti-aliased, with the font's kerning).</summary>
public static unsafe class TextRenderer
{
    /// <summary>DejaVu Sans, from the Debian package fonts-dejavu-core.</summary>
    public const string DefaultFontPath = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

    private const string Codec = "FreeType";

    /// <summary>
    /// Renders <paramref name="text"/> (lines separated by '\n') at an em size of <paramref name="pixelHeight"/> pixels.
    /// Safe to call from several threads (each call has its own FreeType instance).
    /// </summary>
    /// <param name="fontPath">A TrueType/OpenType font file, or null for <see cref="DefaultFontPath"/>.</param>
    /// <exception cref="PhotoException">The font is missing or unreadable, or libfreetype is not installed.</exception>
    public static GlyphRun Render(string text, string? fontPath, double pixelHeight)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!(pixelHeight >= 1 && pixelHeight <= 4096))
        {
            throw new ArgumentOutOfRangeException(nameof(pixelHeight), pixelHeight, "must be between 1 and 4096");
        }
        fontPath ??= DefaultFontPath;
        if (!File.Exists(fontPath))
        {
            throw new PhotoException(fontPath, Codec, "font file not found (the default font is in the Debian package fonts-dejavu-core)");
        }
        NativeLibraries.Require(NativeLibraries.FreeType, fontPath, Codec);
        if (FreeType.InitFreeType(out nint library) != 0)
        {
            throw new PhotoException(fontPath, Codec, "cannot initialise FreeType");
        }
        try
        {
            if (FreeType.NewFace(library, fontPath, 0, out nint face) != 0)
            {
                throw new PhotoException(fontPath, Codec, "not a font FreeType can read");
            }
            try
            {
                if (FreeType.SetCharSize(face, 0, (nint)Math.Round(pixelHeight * 64), 72, 72) != 0)
                {
                    throw new PhotoException(fontPath, Codec, $"cannot set the size {pixelHeight} px");
                }
                return Layout(face, text);
            }
            finally
            {
                FreeType.DoneFace(face);
            }
        }
        finally
        {
            FreeType.DoneFreeType(library);
        }
    }

    private readonly record struct Placed(int X, int Y, int Width, int Rows, byte[] Coverage);

    private static GlyphRun Layout(nint face, string text)
    {
        nint size = FreeType.Read<nint>(face, FreeType.FaceSizeOffset);
        int ascender = (int)Math.Ceiling(FreeType.Read<nint>(size, FreeType.SizeAscenderOffset) / 64.0);
        int descender = (int)Math.Floor(FreeType.Read<nint>(size, FreeType.SizeDescenderOffset) / 64.0);
        int lineHeight = Math.Max((int)Math.Ceiling(FreeType.Read<nint>(size, FreeType.SizeHeightOffset) / 64.0), ascender - descender);
        bool kerning = (FreeType.Read<nint>(face, FreeType.FaceFlagsOffset) & FreeType.FaceFlagKerning) != 0;
        nint slot = FreeType.Read<nint>(face, FreeType.FaceGlyphOffset);

        string[] lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var placed = new List<Placed>();
        int minX = 0;
        int maxX = 0;
        for (int line = 0; line < lines.Length; line++)
        {
            int baseline = ascender + (line * lineHeight);
            long pen = 0; // 26.6
            uint previous = 0;
            foreach (Rune rune in lines[line].EnumerateRunes())
            {
                uint glyph = FreeType.GetCharIndex(face, (nuint)rune.Value);
                if (kerning && previous != 0 && glyph != 0 && FreeType.GetKerning(face, previous, glyph, FreeType.KerningDefault, out FreeType.Vector k) == 0)
                {
                    pen += k.X;
                }
                if (FreeType.LoadGlyph(face, glyph, FreeType.LoadRender) != 0)
                {
                    previous = 0;
                    continue;
                }
                nint bitmap = slot + FreeType.SlotBitmapOffset;
                int rows = FreeType.Read<int>(bitmap, FreeType.BitmapRowsOffset);
                int width = FreeType.Read<int>(bitmap, FreeType.BitmapWidthOffset);
                int pitch = FreeType.Read<int>(bitmap, FreeType.BitmapPitchOffset);
                byte* buffer = (byte*)FreeType.Read<nint>(bitmap, FreeType.BitmapBufferOffset);
                byte mode = FreeType.Read<byte>(bitmap, FreeType.BitmapPixelModeOffset);
                int left = FreeType.Read<int>(slot, FreeType.SlotBitmapLeftOffset);
                int top = FreeType.Read<int>(slot, FreeType.SlotBitmapTopOffset);
                int originX = (int)Math.Round(pen / 64.0);
                if (rows > 0 && width > 0 && buffer != null && mode == FreeType.PixelModeGray)
                {
                    var coverage = new byte[rows * width];
                    for (int r = 0; r < rows; r++)
                    {
                        new ReadOnlySpan<byte>(buffer + ((long)r * pitch), width).CopyTo(coverage.AsSpan(r * width));
                    }
                    placed.Add(new Placed(originX + left, baseline - top, width, rows, coverage));
                    minX = Math.Min(minX, originX + left);
                    maxX = Math.Max(maxX, originX + left + width);
                }
                pen += FreeType.Read<nint>(slot, FreeType.SlotAdvanceXOffset);
                maxX = Math.Max(maxX, (int)Math.Ceiling(pen / 64.0));
                previous = glyph;
            }
        }

        int maskWidth = maxX - minX;
        int maskHeight = lineHeight * lines.Length;
        var alpha = new byte[maskWidth * maskHeight];
        foreach (Placed g in placed)
        {
            for (int r = 0; r < g.Rows; r++)
            {
                int y = g.Y + r;
                if ((uint)y >= (uint)maskHeight)
                {
                    continue;
                }
                for (int c = 0; c < g.Width; c++)
                {
                    int x = g.X - minX + c;
                    ref byte a = ref alpha[(y * maskWidth) + x];
                    a = Math.Max(a, g.Coverage[(r * g.Width) + c]);
                }
            }
        }
        return new GlyphRun(maskWidth, maskHeight, ascender, alpha);
    }
}
