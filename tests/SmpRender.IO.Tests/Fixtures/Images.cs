namespace SmpRender.IO.Tests.Fixtures;

/// <summary>Photos made in code for the tests.</summary>
public static class Images
{
    /// <summary>Smooth gradients plus seeded noise: photo-like content for the codecs.</summary>
    public static Photo Gradient(int width, int height, int seed = 1, bool alpha = false)
    {
        var random = new Random(seed);
        Photo photo = Photo.Create(width, height, clear: false);
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = photo.Row(y);
            for (int x = 0; x < width; x++)
            {
                int n = random.Next(-6, 7);
                row[(x * 4) + 0] = Clamp((255 * x / Math.Max(1, width - 1)) + n);
                row[(x * 4) + 1] = Clamp((255 * y / Math.Max(1, height - 1)) + n);
                row[(x * 4) + 2] = Clamp(128 + (int)(90 * Math.Sin((x + y) / 7.0)) + n);
                row[(x * 4) + 3] = alpha ? (byte)((x * 7 + y * 3) % 256) : (byte)255;
            }
        }
        return photo;
    }

    /// <summary>Four flat quadrants: red top-left, green top-right, blue bottom-left, white bottom-right.</summary>
    public static Photo Quadrants(int width, int height)
    {
        Photo photo = Photo.Create(width, height, clear: false);
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                (byte r, byte g, byte b) = (x < width / 2, y < height / 2) switch
                {
                    (true, true) => ((byte)255, (byte)0, (byte)0),
                    (false, true) => ((byte)0, (byte)255, (byte)0),
                    (true, false) => ((byte)0, (byte)0, (byte)255),
                    _ => ((byte)255, (byte)255, (byte)255),
                };
                Span<byte> px = photo.Row(y).Slice(x * 4, 4);
                px[0] = r;
                px[1] = g;
                px[2] = b;
                px[3] = 255;
            }
        }
        return photo;
    }

    public static byte Clamp(int v) => (byte)Math.Clamp(v, 0, 255);

    public static (byte R, byte G, byte B, byte A) At(Photo photo, int x, int y)
    {
        Span<byte> px = photo.Row(y).Slice(x * 4, 4);
        return (px[0], px[1], px[2], px[3]);
    }

    /// <summary>Largest per-channel difference between two photos of the same size.</summary>
    public static int MaxDifference(Photo a, Photo b)
    {
        Assert.Equal(a.Width, b.Width);
        Assert.Equal(a.Height, b.Height);
        ReadOnlySpan<byte> pa = a.Pixels;
        ReadOnlySpan<byte> pb = b.Pixels;
        int max = 0;
        for (int i = 0; i < pa.Length; i++)
        {
            max = Math.Max(max, Math.Abs(pa[i] - pb[i]));
        }
        return max;
    }

    /// <summary>Mean absolute per-channel difference (RGB only).</summary>
    public static double MeanDifference(Photo a, Photo b)
    {
        ReadOnlySpan<byte> pa = a.Pixels;
        ReadOnlySpan<byte> pb = b.Pixels;
        long sum = 0;
        long n = 0;
        for (int i = 0; i < pa.Length; i += 4)
        {
            sum += Math.Abs(pa[i] - pb[i]) + Math.Abs(pa[i + 1] - pb[i + 1]) + Math.Abs(pa[i + 2] - pb[i + 2]);
            n += 3;
        }
        return (double)sum / n;
    }
}
