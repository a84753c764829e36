using SmpRender.Imaging;
using SmpRender.Sampling;

namespace SmpRender.Color;

/// <summary>Helpers shared by the photo analyses: region bounds and a local-contrast image of L*.</summary>
internal static class LabImage
{
    private static readonly float[] LightnessTable = BuildLightnessTable();

    /// <summary>L* of an 8-bit sRGB pixel (via its luminance).</summary>
    public static float Lightness(byte r, byte g, byte b)
    {
        float y = 0.2126729f * Srgb.ToLinear(r) + 0.7151522f * Srgb.ToLinear(g) + 0.0721750f * Srgb.ToLinear(b);
        int i = Math.Clamp((int)(y * 4095f + 0.5f), 0, 4095);
        return LightnessTable[i];
    }

    private static float[] BuildLightnessTable()
    {
        var t = new float[4096];
        for (int i = 0; i < t.Length; i++)
        {
            t[i] = (float)new Xyz(0, i / 4095.0, 0).ToLab().L;
        }
        return t;
    }

    /// <summary>
    /// The pixel rectangle to analyse: the bounding box of the zones (density &gt; 0) when given, else the central
    /// 40 % of the photo. Returns false when the zones are empty.
    /// </summary>
    public static bool Region(Photo photo, DensityMap? zones, out int x0, out int y0, out int x1, out int y1)
    {
        if (zones is null)
        {
            x0 = (int)(photo.Width * 0.3);
            x1 = Math.Max(x0 + 1, (int)(photo.Width * 0.7));
            y0 = (int)(photo.Height * 0.3);
            y1 = Math.Max(y0 + 1, (int)(photo.Height * 0.7));
            return true;
        }
        CheckSize(photo, zones);
        PixelBox box = zones.NonZeroBounds;
        (x0, y0, x1, y1) = (box.X0, box.Y0, box.X1, box.Y1);
        return !box.IsEmpty;
    }

    public static void CheckSize(Photo photo, DensityMap zones)
    {
        if (zones.Width != photo.Width || zones.Height != photo.Height)
        {
            throw new ArgumentException(
                $"the density map is {zones.Width}x{zones.Height} but the photo is {photo.Width}x{photo.Height}", nameof(zones));
        }
    }

    /// <summary>
    /// L* of every pixel in a rectangle and the mean L* over a (2r+1)² window around it (clipped to the rectangle).
    /// </summary>
    /// <summary>
    /// L* of the region's pixels on a lattice of <paramref name="step"/> pixels (row-major, ceil(w/step) per row),
    /// and its box mean over (2r+1)^2 lattice points.
    /// </summary>
    public static (float[] L, float[] Mean) LocalLightness(Photo photo, int x0, int y0, int x1, int y1, int r, int step = 1)
    {
        int w = (x1 - x0 + step - 1) / step, h = (y1 - y0 + step - 1) / step;
        float[] l = LargeBuffers.Allocate<float>(w * h);
        Parallel.For(0, h, Parallelism.Options, y =>
        {
            ReadOnlySpan<byte> row = photo.Row(y0 + y * step);
            Span<float> line = l.AsSpan(y * w, w);
            for (int x = 0; x < w; x++)
            {
                int i = (x0 + x * step) * 4;
                line[x] = Lightness(row[i], row[i + 1], row[i + 2]);
            }
        });

        // Box mean over (2r+1)^2 clipped to the region, separably: sliding sums along rows, then columns.
        // Every row and column is independent, so the result does not depend on the thread count.
        float[] across = LargeBuffers.Allocate<float>(w * h);
        Parallel.For(0, h, Parallelism.Options, y =>
        {
            ReadOnlySpan<float> line = l.AsSpan(y * w, w);
            Span<float> outLine = across.AsSpan(y * w, w);
            double acc = 0;
            for (int x = 0; x < Math.Min(w, r); x++)
            {
                acc += line[x];
            }
            for (int x = 0; x < w; x++)
            {
                if (x + r < w)
                {
                    acc += line[x + r];
                }
                if (x - r - 1 >= 0)
                {
                    acc -= line[x - r - 1];
                }
                int n = Math.Min(w, x + r + 1) - Math.Max(0, x - r);
                outLine[x] = (float)(acc / n);
            }
        });
        float[] mean = LargeBuffers.Allocate<float>(w * h);
        int bands = Math.Max(1, Math.Min(64, w / 64));
        Parallel.For(0, bands, Parallelism.Options, band =>
        {
            int xa = band * w / bands, xb = (band + 1) * w / bands;
            var acc = new double[xb - xa];
            for (int y = 0; y < Math.Min(h, r); y++)
            {
                for (int x = xa; x < xb; x++)
                {
                    acc[x - xa] += across[y * w + x];
                }
            }
            for (int y = 0; y < h; y++)
            {
                int add = y + r, sub = y - r - 1;
                int n = Math.Min(h, y + r + 1) - Math.Max(0, y - r);
                for (int x = xa; x < xb; x++)
                {
                    double v = acc[x - xa];
                    if (add < h)
                    {
                        v += across[add * w + x];
                    }
                    if (sub >= 0)
                    {
                        v -= across[sub * w + x];
                    }
                    acc[x - xa] = v;
                    mean[y * w + x] = (float)(v / n);
                }
            }
        });
        return (l, mean);
    }

    /// <summary>
    /// The median of the values (the mean of the two middle ones for an even count), NaN when empty. Reorders
    /// the span. Selection, not a sort: linear on average, and the same value a sort would give.
    /// </summary>
    public static double Median(Span<float> values)
    {
        int n = values.Length;
        if (n == 0)
        {
            return double.NaN;
        }
        int k = n / 2;
        float upper = Select(values, k);
        if (n % 2 == 1)
        {
            return upper;
        }
        // Select leaves the k smallest values before index k: the lower middle one is their largest.
        float lower = values[0];
        foreach (float v in values[..k])
        {
            lower = MathF.Max(lower, v);
        }
        return 0.5 * (lower + upper);
    }

    /// <summary>
    /// Reorders the values so that the one at <paramref name="k"/> is the k-th smallest, with none larger
    /// before it and none smaller after it (Hoare's selection with a median-of-three pivot), and returns it.
    /// </summary>
    public static float Select(Span<float> values, int k)
    {
        int lo = 0, hi = values.Length - 1;
        while (hi > lo)
        {
            int mid = lo + (hi - lo) / 2;
            // Median of three as the pivot: sorted data and runs of equal values stay linear.
            if (values[mid] < values[lo]) { (values[mid], values[lo]) = (values[lo], values[mid]); }
            if (values[hi] < values[lo]) { (values[hi], values[lo]) = (values[lo], values[hi]); }
            if (values[hi] < values[mid]) { (values[hi], values[mid]) = (values[mid], values[hi]); }
            float pivot = values[mid];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot) { i++; }
                while (values[j] > pivot) { j--; }
                if (i <= j)
                {
                    (values[i], values[j]) = (values[j], values[i]);
                    i++;
                    j--;
                }
            }
            if (k <= j)
            {
                hi = j;
            }
            else if (k >= i)
            {
                lo = i;
            }
            else
            {
                break;
            }
        }
        return values[k];
    }
}
