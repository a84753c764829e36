using System.Runtime.Intrinsics;
using SmpRender.Color;
using SmpRender.Sampling;

namespace SmpRender.Imaging;

/// <summary>
/// How soft a photo is: the standard deviation, in pixels, of the Gaussian blur that the lens, the focus, the
/// sensor and the camera's processing put on the smallest things in it. A dot composited onto the photo gets
/// the same blur, so that it looks photographed with the skin around it rather than printed on it.
/// </summary>
/// <remarks>
/// A scalp photo has few clean step edges but many small dark spots: pores, follicles, stubble, freckles.
/// A spot smaller than the camera's blur is seen as that blur, a larger one as its own size and the blur
/// together, so the smallest spots measure the blur. Spots are the local minima of the luminance (linear
/// light, smoothed by σ 0.7 px) at least 8 times the noise and 1 % below the ring 6 px around them; the twelve
/// deepest of each patch have their size measured by scale selection (Lindeberg, "Feature detection with
/// automatic scale selection", 1998): the scale-normalized Laplacian of a Gaussian spot of σ peaks at scale σ
/// (19 scales from 0.4 to 4.95 px, the peak interpolated between them; a spot peaking at the largest counts as
/// that size). The estimate is the 20th percentile of the sizes, or 0 when fewer than 30 spots are found (a
/// photo with nothing small to measure; dots then get only their anti-aliasing). Spots within 3 px of a clipped
/// pixel are left out. The smallest spots of a scalp have a size of their own (<see cref="SmallestSpotMm"/>),
/// which is taken out when the scale is known. On generated scalps at 9 px/mm with pores of σ 0.55 px, blurred
/// by 1, 2 and 3 px, the spots measure about 1.3, 2.1 and 2.7 px on light skin and under 0.5 px unblurred; on
/// deep skin they stop growing at about 2.2 px, and on bald light skin blurred by more than 3 px nothing small
/// is left to measure. Up to 64 patches of 64×64 px on a grid spread over the region are read: a few
/// milliseconds whatever the photo's size.
/// </remarks>
public static class PhotoBlur
{
    /// <summary>Fewer spots than this and the photo has nothing small enough to measure: the estimate is 0.</summary>
    public const int MinSpots = 30;

    private const int Patch = 64;
    private const int MaxPatches = 64;
    private const int PerPatch = 12;
    private const int Margin = 16;
    private const int Side = Patch + 2 * Margin;
    private const int Ring = 6;
    private const double Quantile = 0.2;

    private static readonly double[] Scales = BuildScales();
    private static readonly (int Radius, float[] Weights)[] Kernels = BuildKernels();

    /// <summary>
    /// Size (σ, mm) of the smallest spots on a scalp, pores and follicle openings about 0.1 mm across: on a photo
    /// sharp enough to resolve them, the spots measure their own size, which is not blur.
    /// </summary>
    public const double SmallestSpotMm = 0.04;

    /// <summary>
    /// The photo's blur σ in pixels around the zones (the box of every pixel with a density above 0), or over the
    /// central 40 % of the photo without zones; 0 when nothing could be measured. With zones, the size of the
    /// smallest spots at their scale (<see cref="SmallestSpotMm"/>) is taken out of the measured size.
    /// </summary>
    public static double Estimate(Photo photo, DensityMap? zones = null) => Read(photo, zones).SigmaPx;

    /// <summary>
    /// <see cref="Estimate"/> with the number of spots it was measured on: fewer than <see cref="MinSpots"/> and the photo
    /// had nothing small enough to measure (<see cref="BlurReading.Measured"/> false), where an estimate of 0 says nothing
    /// of its sharpness.
    /// </summary>
    public static BlurReading Read(Photo photo, DensityMap? zones = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        if (!LabImage.Region(photo, zones, out int x0, out int y0, out int x1, out int y1))
        {
            return new BlurReading(0, 0);
        }
        (double spot, int spots) = Measure(photo, new PixelBox(x0, y0, x1, y1));
        double own = zones is null ? 0 : SmallestSpotMm * zones.PxPerMm;
        return new BlurReading(spot > own ? Math.Sqrt(spot * spot - own * own) : 0, spots);
    }

    /// <summary>The size σ of the smallest spots in a box of the photo, in pixels (0 when fewer than <see cref="MinSpots"/>), and how many spots were measured.</summary>
    public static (double Sigma, int Spots) Measure(Photo photo, PixelBox box)
    {
        ArgumentNullException.ThrowIfNull(photo);
        int x0 = Math.Max(0, box.X0), y0 = Math.Max(0, box.Y0), x1 = Math.Min(photo.Width, box.X1), y1 = Math.Min(photo.Height, box.Y1);
        if (x1 - x0 < Patch || y1 - y0 < Patch)
        {
            return (0, 0);
        }
        // Patches on a grid of kx × ky spread over the region's nx × ny patch places, about as many across as the region's
        // shape asks.
        int nx = (x1 - x0) / Patch, ny = (y1 - y0) / Patch;
        int kx = Math.Clamp((int)Math.Round(Math.Sqrt(MaxPatches * (double)nx / ny)), 1, Math.Min(nx, MaxPatches));
        int ky = Math.Min(ny, MaxPatches / kx);
        var lum = new float[Side * Side];
        var clipped = new bool[Side * Side];
        var tmp = new float[Side * Side];
        var smooth = new float[Side * Side];
        float[] kernel = SmoothingKernel(0.7f);
        Span<float> noise = stackalloc float[(Patch / 4) * (Patch / 4)];
        Span<float> spotDepth = stackalloc float[PerPatch];
        Span<int> spotAt = stackalloc int[PerPatch];
        var widths = new float[MaxPatches * PerPatch];
        int found = 0;
        Span<float> response = stackalloc float[Scales.Length];
        for (int j = 0; j < kx * ky; j++)
        {
            int px = x0 + (int)((j % kx + 0.5) * nx / kx) * Patch, py = y0 + (int)((j / kx + 0.5) * ny / ky) * Patch;
            ReadPatch(photo, px - Margin, py - Margin, lum, clipped);
            Blur(lum, tmp, smooth, kernel);
            // Noise: the median absolute difference between the photo and its smoothed self, on every fourth pixel.
            int m = 0;
            for (int y = Margin; y < Margin + Patch; y += 4)
            {
                for (int x = Margin; x < Margin + Patch; x += 4)
                {
                    noise[m++] = MathF.Abs(lum[y * Side + x] - smooth[y * Side + x]);
                }
            }
            float sigmaNoise = 1.4826f * Select(noise[..m], m / 2) + 1e-5f;
            // Dark spots: local minima of the smoothed patch well below the ring around them; the deepest are kept,
            // deepest first.
            int spots = 0;
            for (int y = Margin; y < Margin + Patch; y++)
            {
                for (int x = Margin; x < Margin + Patch; x++)
                {
                    int i = y * Side + x;
                    float v = smooth[i];
                    if (v > smooth[i - 1] || v >= smooth[i + 1] || v > smooth[i - Side] || v >= smooth[i + Side]
                        || v > smooth[i - Side - 1] || v > smooth[i - Side + 1] || v >= smooth[i + Side - 1] || v >= smooth[i + Side + 1])
                    {
                        continue;
                    }
                    float ring = 0.125f * (smooth[i - Ring] + smooth[i + Ring] + smooth[i - Ring * Side] + smooth[i + Ring * Side]
                        + smooth[i - 4 * Side - 4] + smooth[i - 4 * Side + 4] + smooth[i + 4 * Side - 4] + smooth[i + 4 * Side + 4]);
                    float depth = ring - v;
                    if (depth >= 8 * sigmaNoise && depth >= 0.01f * ring && (spots < PerPatch || depth > spotDepth[PerPatch - 1]))
                    {
                        int at = Math.Min(spots, PerPatch - 1);
                        while (at > 0 && spotDepth[at - 1] < depth)
                        {
                            spotDepth[at] = spotDepth[at - 1];
                            spotAt[at] = spotAt[at - 1];
                            at--;
                        }
                        spotDepth[at] = depth;
                        spotAt[at] = i;
                        spots = Math.Min(spots + 1, PerPatch);
                    }
                }
            }
            for (int k = 0; k < spots; k++)
            {
                int i = spotAt[k];
                if (NearClipped(clipped, i))
                {
                    continue;
                }
                // The scale-normalized Laplacian of the photo at the spot, over the scales: a Gaussian spot of
                // σ peaks at σ.
                int best = 0;
                for (int s = 0; s < Scales.Length; s++)
                {
                    (int radius, float[] w) = Kernels[s];
                    float sum = 0;
                    int n = 2 * radius + 1;
                    for (int dy = -radius; dy <= radius; dy++)
                    {
                        sum += Dot(w.AsSpan((dy + radius) * n, n), lum.AsSpan(i + dy * Side - radius, n));
                    }
                    response[s] = sum;
                    best = sum > response[best] ? s : best;
                }
                if (best == 0)
                {
                    continue;
                }
                if (best == Scales.Length - 1)
                {
                    // At least as large as the largest scale: counted as that.
                    widths[found++] = (float)Scales[best];
                    continue;
                }
                // The peak between the scales (a parabola through three points in log scale).
                double a = response[best - 1], b = response[best], c = response[best + 1];
                double shift = 0.5 * (a - c) / (a - 2 * b + c);
                widths[found++] = (float)(Scales[best] * Math.Pow(Scales[1] / Scales[0], Math.Clamp(shift, -0.5, 0.5)));
            }
        }
        return found < MinSpots ? (0, found) : (Select(widths.AsSpan(0, found), (int)(Quantile * found)), found);
    }

    /// <summary>The sum of the products of two spans of one length, eight at a time.</summary>
    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        var sum = Vector256<float>.Zero;
        int k = 0;
        for (; k + Vector256<float>.Count <= a.Length; k += Vector256<float>.Count)
        {
            sum += Vector256.Create(a.Slice(k, Vector256<float>.Count)) * Vector256.Create(b.Slice(k, Vector256<float>.Count));
        }
        float total = Vector256.Sum(sum);
        for (; k < a.Length; k++)
        {
            total += a[k] * b[k];
        }
        return total;
    }

    /// <summary>
    /// The k-th smallest value (0-based) of a span, which it reorders (Hoare's selection). Sorting would do, but the
    /// framework's sort of floats is not precompiled with the tool and would be compiled on every start.
    /// </summary>
    private static float Select(Span<float> values, int k)
    {
        int lo = 0, hi = values.Length - 1;
        while (lo < hi)
        {
            float pivot = values[(lo + hi) >> 1];
            int i = lo, j = hi;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }
                while (values[j] > pivot)
                {
                    j--;
                }
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

    private static double[] BuildScales()
    {
        var scales = new double[19];
        for (int i = 0; i < scales.Length; i++)
        {
            scales[i] = 0.4 * Math.Pow(1.15, i);
        }
        return scales;
    }

    /// <summary>
    /// s²∇²G_s for each scale s, as a square kernel of radius ⌈3s⌉ with no sum: a dark spot, a minimum, gives a positive
    /// response, and a flat patch or a linear ramp none.
    /// </summary>
    private static (int, float[])[] BuildKernels()
    {
        var kernels = new (int, float[])[Scales.Length];
        for (int k = 0; k < Scales.Length; k++)
        {
            double s = Scales[k];
            int radius = (int)Math.Ceiling(3 * s);
            int n = 2 * radius + 1;
            // Each tap is the kernel averaged over its pixel (4×4 points), so that small scales stay accurate. The kernel,
            // (2 − r²/s²)·G, is ((1 − x²/s²) + (1 − y²/s²))·g(x)·g(y) / (2πs²) with g one-dimensional, so each tap is
            // a(x)·b(y) + b(x)·a(y) from the pixel averages a of (1 − t²/s²)·g(t) and b of g(t).
            var a = new double[n];
            var b = new double[n];
            for (int d = -radius; d <= radius; d++)
            {
                for (int sub = 0; sub < 4; sub++)
                {
                    double t = d + (sub + 0.5) / 4 - 0.5, g = Math.Exp(-0.5 * t * t / (s * s));
                    a[d + radius] += (1 - t * t / (s * s)) * g / 4;
                    b[d + radius] += g / 4;
                }
            }
            var w = new double[n * n]; // −s²∇²G_s, tap by tap
            double mean = 0, scale = 1 / (2 * Math.PI * s * s);
            for (int y = 0; y < n; y++)
            {
                for (int x = 0; x < n; x++)
                {
                    double tap = (a[x] * b[y] + b[x] * a[y]) * scale;
                    w[y * n + x] = tap;
                    mean += tap;
                }
            }
            mean /= n * n;
            var weights = new float[n * n];
            for (int t = 0; t < weights.Length; t++)
            {
                // Zero sum: a flat patch and a linear ramp give no response.
                weights[t] = (float)(-(w[t] - mean));
            }
            kernels[k] = (radius, weights);
        }
        return kernels;
    }

    private static bool NearClipped(bool[] clipped, int i)
    {
        for (int dy = -3; dy <= 3; dy++)
        {
            for (int dx = -3; dx <= 3; dx++)
            {
                if (clipped[i + dy * Side + dx])
                {
                    return true;
                }
            }
        }
        return false;
    }

    private static float[] SmoothingKernel(float sigma)
    {
        int radius = 2;
        var k = new float[2 * radius + 1];
        double sum = 0;
        for (int i = -radius; i <= radius; i++)
        {
            sum += k[i + radius] = (float)Math.Exp(-0.5 * i * i / (sigma * sigma));
        }
        for (int i = 0; i < k.Length; i++)
        {
            k[i] = (float)(k[i] / sum);
        }
        return k;
    }

    /// <summary>
    /// Linear luminance of the patch whose top-left pixel is (left, top), edge pixels repeated beyond the photo, and
    /// which pixels are clipped (a channel at 254 or 255) or not opaque.
    /// </summary>
    private static void ReadPatch(Photo photo, int left, int top, float[] lum, bool[] clipped)
    {
        ReadOnlySpan<float> decode = Srgb.DecodeLut;
        bool inside = left >= 0 && left + Side <= photo.Width;
        for (int y = 0; y < Side; y++)
        {
            ReadOnlySpan<byte> row = photo.Row(Math.Clamp(top + y, 0, photo.Height - 1));
            Span<float> lumRow = lum.AsSpan(y * Side, Side);
            Span<bool> clipRow = clipped.AsSpan(y * Side, Side);
            if (inside)
            {
                ReadOnlySpan<byte> seg = row.Slice(left * Photo.Channels, Side * Photo.Channels);
                for (int x = 0; x < Side; x++)
                {
                    byte r = seg[4 * x], g = seg[4 * x + 1], b = seg[4 * x + 2];
                    lumRow[x] = 0.2126729f * decode[r] + 0.7151522f * decode[g] + 0.0721750f * decode[b];
                    clipRow[x] = Math.Max(r, Math.Max(g, b)) >= 254 || seg[4 * x + 3] < 255;
                }
                continue;
            }
            for (int x = 0; x < Side; x++)
            {
                int sx = Math.Clamp(left + x, 0, photo.Width - 1) * Photo.Channels;
                byte r = row[sx], g = row[sx + 1], b = row[sx + 2];
                lumRow[x] = 0.2126729f * decode[r] + 0.7151522f * decode[g] + 0.0721750f * decode[b];
                clipRow[x] = Math.Max(r, Math.Max(g, b)) >= 254 || row[sx + 3] < 255;
            }
        }
    }

    /// <summary>A separable blur of the patch (five taps); the two outer rows and columns are left as they are.</summary>
    private static void Blur(float[] src, float[] tmp, float[] dst, float[] k)
    {
        Vector256<float> k0 = Vector256.Create(k[0]), k1 = Vector256.Create(k[1]), k2 = Vector256.Create(k[2]);
        int last = Side - 2 - Vector256<float>.Count;
        for (int y = 0; y < Side; y++)
        {
            ref float row = ref src[y * Side];
            for (int x = 2; ; x += Vector256<float>.Count)
            {
                x = Math.Min(x, last);
                Vector256<float> sum = k0 * (Vector256.LoadUnsafe(ref row, (nuint)(x - 2)) + Vector256.LoadUnsafe(ref row, (nuint)(x + 2)))
                    + k1 * (Vector256.LoadUnsafe(ref row, (nuint)(x - 1)) + Vector256.LoadUnsafe(ref row, (nuint)(x + 1)))
                    + k2 * Vector256.LoadUnsafe(ref row, (nuint)x);
                sum.StoreUnsafe(ref tmp[y * Side], (nuint)x);
                if (x == last)
                {
                    break;
                }
            }
        }
        for (int y = 2; y < Side - 2; y++)
        {
            ref float above = ref tmp[(y - 2) * Side];
            for (int x = 2; ; x += Vector256<float>.Count)
            {
                x = Math.Min(x, last);
                nuint at = (nuint)x;
                Vector256<float> sum = k0 * (Vector256.LoadUnsafe(ref above, at) + Vector256.LoadUnsafe(ref above, at + 4 * Side))
                    + k1 * (Vector256.LoadUnsafe(ref above, at + Side) + Vector256.LoadUnsafe(ref above, at + 3 * Side))
                    + k2 * Vector256.LoadUnsafe(ref above, at + 2 * Side);
                sum.StoreUnsafe(ref dst[y * Side], at);
                if (x == last)
                {
                    break;
                }
            }
        }
    }
}

/// <summary>A photo's blur σ in pixels (<see cref="PhotoBlur"/>) and the number of small spots it was measured on.</summary>
public readonly record struct BlurReading(double SigmaPx, int Spots)
{
    /// <summary>True when enough spots were found to measure the blur (else <see cref="SigmaPx"/> is 0 for want of any).</summary>
    public bool Measured => Spots >= PhotoBlur.MinSpots;
}
