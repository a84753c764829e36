using SmpRender.Color;
using SmpRender.Imaging;

namespace SmpRender.Layouts;

/// <summary>Drawing primitives for layouts: fills, pasting photos, and text from a coverage mask.</summary>
internal static class Canvas
{
    public static void Fill(Photo target, Rgb8 colour)
    {
        Span<byte> px = target.Pixels;
        for (int i = 0; i < px.Length; i += 4)
        {
            px[i] = colour.R;
            px[i + 1] = colour.G;
            px[i + 2] = colour.B;
            px[i + 3] = 255;
        }
    }

    /// <summary>Fills a rectangle, blending with the given opacity (0..1), clipped to the target.</summary>
    public static void FillRect(Photo target, int x, int y, int width, int height, Rgb8 colour, double opacity = 1)
    {
        int x0 = Math.Max(0, x), y0 = Math.Max(0, y);
        int x1 = Math.Min(target.Width, x + width), y1 = Math.Min(target.Height, y + height);
        int a = (int)Math.Round(Math.Clamp(opacity, 0, 1) * 256);
        for (int row = y0; row < y1; row++)
        {
            Span<byte> line = target.Row(row);
            for (int col = x0; col < x1; col++)
            {
                int i = col * 4;
                line[i] = Blend(line[i], colour.R, a);
                line[i + 1] = Blend(line[i + 1], colour.G, a);
                line[i + 2] = Blend(line[i + 2], colour.B, a);
                line[i + 3] = 255;
            }
        }
    }

    /// <summary>Copies a photo onto the target at (x, y), clipped.</summary>
    public static void Paste(Photo target, Photo source, int x, int y)
    {
        int x0 = Math.Max(0, x), x1 = Math.Min(target.Width, x + source.Width);
        if (x1 <= x0)
        {
            return;
        }
        for (int row = Math.Max(0, y); row < Math.Min(target.Height, y + source.Height); row++)
        {
            source.Row(row - y).Slice((x0 - x) * 4, (x1 - x0) * 4).CopyTo(target.Row(row).Slice(x0 * 4));
        }
    }

    /// <summary>Draws text coverage in one colour with its top-left at (x, y), clipped.</summary>
    public static void DrawText(Photo target, TextMask text, int x, int y, Rgb8 colour)
    {
        for (int r = 0; r < text.Height; r++)
        {
            int ty = y + r;
            if ((uint)ty >= (uint)target.Height)
            {
                continue;
            }
            Span<byte> line = target.Row(ty);
            for (int c = 0; c < text.Width; c++)
            {
                int tx = x + c;
                int cov = text.Coverage[r * text.Width + c];
                if (cov == 0 || (uint)tx >= (uint)target.Width)
                {
                    continue;
                }
                int a = cov + (cov >> 7);
                int i = tx * 4;
                line[i] = Blend(line[i], colour.R, a);
                line[i + 1] = Blend(line[i + 1], colour.G, a);
                line[i + 2] = Blend(line[i + 2], colour.B, a);
            }
        }
    }

    private static byte Blend(byte under, byte over, int alpha256) =>
        (byte)((under * (256 - alpha256) + over * alpha256 + 128) >> 8);
}
