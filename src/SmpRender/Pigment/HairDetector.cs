using SmpRender.Color;
using SmpRender.Imaging;
using SmpRender.Sampling;

namespace SmpRender.Pigment;

/// <summary>Positions of existing hairs (or follicles) found in a photo, in pixels (pixel centres at +0.5).</summary>
public sealed class HairPoints
{
    private readonly float[] _x;
    private readonly float[] _y;

    public HairPoints(float[] x, float[] y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Length != y.Length)
        {
            throw new ArgumentException($"x has {x.Length} values but y has {y.Length}", nameof(y));
        }
        _x = x;
        _y = y;
    }

    public int Count => _x.Length;

    public ReadOnlySpan<float> X => _x;

    public ReadOnlySpan<float> Y => _y;

    /// <summary>Copies of the coordinate arrays (for a sampler that takes fixed points as arrays).</summary>
    public float[] XArray() => (float[])_x.Clone();

    public float[] YArray() => (float[])_y.Clone();
}

/// <summary>
/// Finds existing dark hairs and follicles inside treatment zones, so that the sampler can treat them as
/// fixed points and place dots between the hairs (density work on thinning hair).
/// </summary>
/// <remarks>
/// A pixel is a hair candidate when its L* is below the mean L* of its ~1.5 mm neighbourhood by more than
/// max(4, 0.10 × that mean) and it lies in a zone (density &gt; 0). Candidates are thinned to the strongest one
/// within 0.25 mm (non-maximum suppression of the contrast, ties to the first in row order); each point is the
/// contrast-weighted centroid of its 3×3 neighbourhood. The result is deterministic.
/// </remarks>
public static class HairDetector
{
    public static HairPoints Detect(Photo photo, DensityMap zones)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(zones);
        LabImage.CheckSize(photo, zones);
        if (!LabImage.Region(photo, zones, out int x0, out int y0, out int x1, out int y1))
        {
            return new HairPoints([], []);
        }
        double pxPerMm = zones.PxPerMm;
        int pad = 2;
        x0 = Math.Max(0, x0 - pad); y0 = Math.Max(0, y0 - pad);
        x1 = Math.Min(photo.Width, x1 + pad); y1 = Math.Min(photo.Height, y1 + pad);
        int w = x1 - x0, h = y1 - y0;
        int r = Math.Max(2, (int)Math.Round(0.75 * pxPerMm));
        (float[] l, float[] mean) = LabImage.LocalLightness(photo, x0, y0, x1, y1, r);
        var contrast = new float[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int j = y * w + x;
                float c = mean[j] - l[j];
                float threshold = MathF.Max(4f, 0.10f * mean[j]);
                contrast[j] = c > threshold && zones.At(x0 + x, y0 + y) > 0 ? c : 0f;
            }
        }
        int s = Math.Max(1, (int)Math.Round(0.25 * pxPerMm));
        var xs = new List<float>();
        var ys = new List<float>();
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                int j = y * w + x;
                float c = contrast[j];
                if (c <= 0 || !IsMaximum(contrast, w, h, x, y, s, c))
                {
                    continue;
                }
                double sx = 0, sy = 0, sw = 0;
                for (int dy = -1; dy <= 1; dy++)
                {
                    for (int dx = -1; dx <= 1; dx++)
                    {
                        int xx = x + dx, yy = y + dy;
                        if ((uint)xx < (uint)w && (uint)yy < (uint)h)
                        {
                            float cw = contrast[yy * w + xx];
                            sx += cw * (xx + 0.5);
                            sy += cw * (yy + 0.5);
                            sw += cw;
                        }
                    }
                }
                xs.Add((float)(x0 + sx / sw));
                ys.Add((float)(y0 + sy / sw));
            }
        }
        return new HairPoints(xs.ToArray(), ys.ToArray());
    }

    /// <summary>True when no pixel within the window beats c (earlier pixels win ties).</summary>
    private static bool IsMaximum(float[] contrast, int w, int h, int x, int y, int s, float c)
    {
        int ya = Math.Max(0, y - s), yb = Math.Min(h - 1, y + s);
        int xa = Math.Max(0, x - s), xb = Math.Min(w - 1, x + s);
        for (int yy = ya; yy <= yb; yy++)
        {
            for (int xx = xa; xx <= xb; xx++)
            {
                float o = contrast[yy * w + xx];
                if (o > c || (o == c && (yy < y || (yy == y && xx < x))))
                {
                    return false;
                }
            }
        }
        return true;
    }
}
