using System.Runtime.CompilerServices;
using SmpRender.Imaging;
using SmpRender.Sampling;

namespace SmpRender.Color;

/// <summary>Helpers shared by the photo analyses: region bounds and a local-contrast image of L*.</summary>
internal static class LabImage
{
    private static readonly float[] LightnessTable = BuildLightnessTable();

    /// <summary>L* of an 8-bit sRGB pixel (via its luminance).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Lightness(byte r, byte g, byte b)
    {
        float y = Srgb.Luminance(r, g, b);
        int i = Math.Clamp((int)(y * 4095f + 0.5f), 0, 4095);
        return LightnessTable[i];
    }

    /// <summary>
    /// CIELAB (D65) of an 8-bit sRGB pixel in single precision, the cube root read from a table (within 0.005 of
    /// <see cref="Rgb8.ToLab"/> in every component).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ToLab(byte r, byte g, byte b, out float l, out float a, out float bb)
    {
        float lr = Srgb.ToLinear(r), lg = Srgb.ToLinear(g), lb = Srgb.ToLinear(b);
        float fx = F((0.4124564f * lr + 0.3575761f * lg + 0.1804375f * lb) * (1f / 0.95047f));
        float fy = F(0.2126729f * lr + 0.7151522f * lg + 0.0721750f * lb);
        float fz = F((0.0193339f * lr + 0.1191920f * lg + 0.9503041f * lb) * (1f / 1.08883f));
        l = 116f * fy - 16f;
        a = 500f * (fx - fy);
        bb = 200f * (fy - fz);
    }

    private const int CubeRootSteps = 4096;
    private static readonly float[] CubeRootTable = BuildCubeRootTable();

    /// <summary>The CIELAB f(t) for t in [0, 1] (clamped), linear between 4,097 exact values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float F(float t)
    {
        float u = Math.Clamp(t, 0f, 1f) * CubeRootSteps;
        int i = Math.Min((int)u, CubeRootSteps - 1);
        float a = CubeRootTable[i];
        return a + (CubeRootTable[i + 1] - a) * (u - i);
    }

    private static float[] BuildCubeRootTable()
    {
        var t = new float[CubeRootSteps + 1];
        for (int i = 0; i <= CubeRootSteps; i++)
        {
            double v = i / (double)CubeRootSteps;
            t[i] = (float)(v > Lab.Epsilon ? Math.Cbrt(v) : (Lab.Kappa * v + 16) / 116);
        }
        return t;
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

        // Box mean over (2r+1)^2 clipped to the region, separably: sliding window sums along rows, then along
        // columns, then one multiplication by the reciprocal of the clipped window's point count.
        // Every row and column is independent, so the result does not depend on the thread count.
        var across = new float[w * h];
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
                outLine[x] = (float)acc;
            }
        });
        var inverseW = new float[w];
        for (int x = 0; x < w; x++)
        {
            inverseW[x] = 1f / (Math.Min(w, x + r + 1) - Math.Max(0, x - r));
        }
        float[] mean = LargeBuffers.Allocate<float>(w * h);
        int bands = Math.Max(1, Math.Min(64, w / 64));
        Parallel.For(0, bands, Parallelism.Options, band =>
        {
            int xa = band * w / bands, xb = (band + 1) * w / bands;
            var acc = new double[xb - xa];
            for (int y = 0; y < Math.Min(h, r); y++)
            {
                ReadOnlySpan<float> line = across.AsSpan(y * w + xa, xb - xa);
                for (int x = 0; x < line.Length; x++)
                {
                    acc[x] += line[x];
                }
            }
            for (int y = 0; y < h; y++)
            {
                int add = y + r, sub = y - r - 1;
                if (add < h)
                {
                    ReadOnlySpan<float> line = across.AsSpan(add * w + xa, xb - xa);
                    for (int x = 0; x < line.Length; x++)
                    {
                        acc[x] += line[x];
                    }
                }
                if (sub >= 0)
                {
                    ReadOnlySpan<float> line = across.AsSpan(sub * w + xa, xb - xa);
                    for (int x = 0; x < line.Length; x++)
                    {
                        acc[x] -= line[x];
                    }
                }
                float inverseH = 1f / (Math.Min(h, y + r + 1) - Math.Max(0, y - r));
                Span<float> outLine = mean.AsSpan(y * w + xa, xb - xa);
                ReadOnlySpan<float> inverse = inverseW.AsSpan(xa, xb - xa);
                for (int x = 0; x < outLine.Length; x++)
                {
                    outLine[x] = (float)acc[x] * inverse[x] * inverseH;
                }
            }
        });
        return (l, mean);
    }

    /// <summary>
    /// The bilinear value of a row-major lattice of <paramref name="w"/> x <paramref name="h"/> values at lattice
    /// coordinates (u, v) &gt;= 0, held at its last row and column beyond them; exactly the lattice value on a point.
    /// </summary>
    public static float Bilinear(ReadOnlySpan<float> values, int w, int h, double u, double v)
    {
        int i = Math.Min((int)u, w - 1), j = Math.Min((int)v, h - 1);
        float tx = (float)(u - i), ty = (float)(v - j);
        int i1 = Math.Min(i + 1, w - 1), j1 = Math.Min(j + 1, h - 1);
        float a = values[j * w + i], b = values[j * w + i1], c = values[j1 * w + i], d = values[j1 * w + i1];
        float top = a + (b - a) * tx, bottom = c + (d - c) * tx;
        return top + (bottom - top) * ty;
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
