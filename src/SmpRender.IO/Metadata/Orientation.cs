using System.Runtime.InteropServices;

namespace SmpRender.IO.Metadata;

/// <summary>Applies an EXIF orientation so the pixels are as a person sees the photo.</summary>
internal static class Orientation
{
    /// <summary>
    /// Returns the photo as displayed for EXIF orientation 1-8. For 1 (or 0, none) the same photo is
    /// returned; otherwise a new photo is returned and <paramref name="stored"/> is disposed.
    /// </summary>
    public static Photo Apply(Photo stored, int orientation)
    {
        if (orientation is < 2 or > 8)
        {
            return stored;
        }
        int w = stored.Width;
        int h = stored.Height;
        bool swap = orientation >= 5;
        Photo shown = Photo.Create(swap ? h : w, swap ? w : h, stored.Info, clear: false);
        try
        {
            ReadOnlySpan<uint> src = MemoryMarshal.Cast<byte, uint>(stored.Pixels);
            Span<uint> dst = MemoryMarshal.Cast<byte, uint>(shown.Pixels);
            int dw = shown.Width;
            int dh = shown.Height;
            // Displayed (x, y) takes stored (sx, sy) = origin + x * dx + y * dy (in stored pixel indices).
            (int originX, int originY, int xToSx, int xToSy, int yToSx, int yToSy) = orientation switch
            {
                2 => (w - 1, 0, -1, 0, 0, 1),
                3 => (w - 1, h - 1, -1, 0, 0, -1),
                4 => (0, h - 1, 1, 0, 0, -1),
                5 => (0, 0, 0, 1, 1, 0),
                6 => (0, h - 1, 0, -1, 1, 0),
                7 => (w - 1, h - 1, 0, -1, -1, 0),
                _ => (w - 1, 0, 0, 1, -1, 0),
            };
            int stepX = xToSx + (xToSy * w);
            int stepY = yToSx + (yToSy * w);
            int origin = originX + (originY * w);
            // Tiles keep both the reads and the writes within cache for the transposing cases.
            const int Tile = 64;
            for (int ty = 0; ty < dh; ty += Tile)
            {
                int yEnd = Math.Min(ty + Tile, dh);
                for (int tx = 0; tx < dw; tx += Tile)
                {
                    int xEnd = Math.Min(tx + Tile, dw);
                    for (int y = ty; y < yEnd; y++)
                    {
                        int s = origin + (y * stepY) + (tx * stepX);
                        Span<uint> row = dst.Slice((y * dw) + tx, xEnd - tx);
                        for (int i = 0; i < row.Length; i++, s += stepX)
                        {
                            row[i] = src[s];
                        }
                    }
                }
            }
        }
        catch
        {
            shown.Dispose();
            throw;
        }
        stored.Dispose();
        return shown;
    }
}
