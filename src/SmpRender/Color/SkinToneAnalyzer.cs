using SmpRender.Imaging;
using SmpRender.Sampling;

namespace SmpRender.Color;

/// <summary>
/// Estimates the scalp's skin colour from a photo with robust statistics in CIELAB (D65), and the colour of
/// existing hair or stubble.
/// </summary>
/// <remarks>
/// Skin: the pixels inside the treatment zones (relative density &gt; 0), or the central 40 % of the photo
/// when no zones are given, are converted to CIELAB (at most ~40,000 of them, on a regular stride: the medians are then within a few hundredths of ΔE of those of every pixel). The
/// estimate starts from the medians of L*, a*, b* and then (three times) keeps only the pixels within
/// 2.5 robust standard deviations (1.4826 × median absolute deviation) of the current median L*, and not
/// more than 2.5 of them below the median of chroma per unit L* when lighter than the median: hair and
/// stubble (dark), deep shadows (dark) and specular highlights (bright, washed out) fall away. The final value is the median of the kept pixels.
/// Hair: pixels in and around the zones that are clearly darker than both the skin and their own
/// neighbourhood (~1.5 mm) are hair; its colour is the median of the darkest tenth of them (the least mixed
/// with skin by the camera's blur).
/// </remarks>
public static class SkinToneAnalyzer
{
    private const int MaxSamples = 40_000;

    public static SkinTone Analyze(Photo photo, DensityMap? zones = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        if (!LabImage.Region(photo, zones, out int x0, out int y0, out int x1, out int y1))
        {
            throw new ArgumentException("the zones are empty: no pixel has a density above 0", nameof(zones));
        }
        int count = CountPixels(zones, x0, y0, x1, y1);
        int stride = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(count / (double)MaxSamples)));
        // Rows in parallel, each converting its samples to CIELAB; joined in row order, as one pass would.
        int rows = (y1 - y0 + stride - 1) / stride;
        var rowLabs = new List<Lab>?[rows];
        Parallel.For(0, rows, Parallelism.Options, row =>
        {
            int y = y0 + row * stride;
            ReadOnlySpan<byte> pixels = photo.Row(y);
            List<Lab>? labs = null;
            for (int x = x0; x < x1; x += stride)
            {
                if (zones is not null && zones.At(x, y) <= 0)
                {
                    continue;
                }
                int i = x * 4;
                (labs ??= []).Add(new Rgb8(pixels[i], pixels[i + 1], pixels[i + 2]).ToLab());
            }
            rowLabs[row] = labs;
        });
        var ls = new List<float>();
        var ass = new List<float>();
        var bs = new List<float>();
        foreach (List<Lab>? labs in rowLabs)
        {
            foreach (Lab lab in labs ?? [])
            {
                ls.Add((float)lab.L);
                ass.Add((float)lab.A);
                bs.Add((float)lab.B);
            }
        }
        if (ls.Count == 0)
        {
            throw new ArgumentException("no pixel to analyse", nameof(zones));
        }
        Lab estimate = Robust(ls, ass, bs, out int kept);
        return SkinTone.FromLab(estimate, kept);
    }

    /// <summary>
    /// The colour of hair or stubble in or within ~5 mm around the zones (the central region without zones),
    /// or null when too few hair pixels are found (under 0.2 % of the region).
    /// </summary>
    public static HairColor? AnalyzeHair(Photo photo, DensityMap? zones, SkinTone skin)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(skin);
        if (!LabImage.Region(photo, zones, out int x0, out int y0, out int x1, out int y1))
        {
            return null;
        }
        double pxPerMm = zones?.PxPerMm ?? Math.Max(photo.Width, photo.Height) / 200.0;
        int margin = zones is null ? 0 : (int)Math.Round(5 * pxPerMm);
        x0 = Math.Max(0, x0 - margin); y0 = Math.Max(0, y0 - margin);
        x1 = Math.Min(photo.Width, x1 + margin); y1 = Math.Min(photo.Height, y1 + margin);
        // The colour needs hair pixels, not every pixel: a lattice of at most 1/8 mm still lands on
        // every hair (about 0.1 mm wide and millimetres long) several times.
        int step = Math.Max(1, (int)(pxPerMm / 8));
        int r = Math.Max(2, (int)Math.Round(0.75 * pxPerMm / step));
        (float[] l, float[] mean) = LabImage.LocalLightness(photo, x0, y0, x1, y1, r, step);
        int w = (x1 - x0 + step - 1) / step;
        double darker = Math.Max(6, 0.18 * skin.Lab.L);
        (int Dx, int Dy)[] ring = Ring(margin);
        // Lattice rows in parallel, each listing its hair points; joined in row order, as one pass would.
        int rows = (y1 - y0 + step - 1) / step;
        var rowHair = new List<int>?[rows];
        var rowAnalysed = new int[rows];
        double skinL = skin.Lab.L;
        Parallel.For(0, rows, Parallelism.Options, row =>
        {
            int y = y0 + row * step;
            List<int>? found = null;
            int count = 0;
            for (int x = x0; x < x1; x += step)
            {
                if (zones is not null && !NearZone(zones, x, y, ring))
                {
                    continue;
                }
                count++;
                int j = row * w + (x - x0) / step;
                if (l[j] < skinL - darker && l[j] < mean[j] - 0.5 * darker)
                {
                    (found ??= []).Add(j);
                }
            }
            rowHair[row] = found;
            rowAnalysed[row] = count;
        });
        int analysed = rowAnalysed.Sum();
        var idx = new List<int>();
        foreach (List<int>? found in rowHair)
        {
            if (found is not null)
            {
                idx.AddRange(found);
            }
        }
        var hl = new List<float>(idx.Count);
        foreach (int j in idx)
        {
            hl.Add(l[j]);
        }
        if (hl.Count < Math.Max(20, 0.002 * analysed))
        {
            return null;
        }
        // The darkest tenth: every pixel below the take-th smallest L*, then those equal to it in scan order.
        int take = Math.Max(1, hl.Count / 10);
        float[] keys = hl.ToArray();
        float threshold = LabImage.Select(keys, take - 1);
        var ls = new List<float>(take);
        var ass = new List<float>(take);
        var bs = new List<float>(take);
        for (int pass = 0; pass < 2; pass++)
        {
            for (int k = 0; k < hl.Count && ls.Count < take; k++)
            {
                if (pass == 0 ? hl[k] >= threshold : hl[k] != threshold)
                {
                    continue;
                }
                int j = idx[k];
                int x = x0 + j % w * step, y = y0 + j / w * step;
                ReadOnlySpan<byte> row = photo.Row(y);
                Lab lab = new Rgb8(row[x * 4], row[x * 4 + 1], row[x * 4 + 2]).ToLab();
                ls.Add((float)lab.L);
                ass.Add((float)lab.A);
                bs.Add((float)lab.B);
            }
        }
        var hair = new Lab(LabImage.Median(ls.ToArray()), LabImage.Median(ass.ToArray()), LabImage.Median(bs.ToArray()));
        return new HairColor(hair, hl.Count, hl.Count / (double)analysed);
    }

    private static bool NearZone(DensityMap zones, int x, int y, ReadOnlySpan<(int Dx, int Dy)> ring)
    {
        if (zones.At(x, y) > 0)
        {
            return true;
        }
        // Cheap ring test: any of 8 points at the margin distance inside the zones.
        foreach ((int dx, int dy) in ring)
        {
            if (zones.At(x + dx, y + dy) > 0)
            {
                return true;
            }
        }
        return false;
    }

    private static (int Dx, int Dy)[] Ring(int margin) =>
        [.. Enumerable.Range(0, 8).Select(k => ((int)(margin * Math.Cos(k * Math.PI / 4)), (int)(margin * Math.Sin(k * Math.PI / 4))))];

    private static int CountPixels(DensityMap? zones, int x0, int y0, int x1, int y1)
    {
        if (zones is null)
        {
            return (x1 - x0) * (y1 - y0);
        }
        // Counted on a 4x4 lattice: only the sampling stride depends on it.
        int n = 0;
        for (int y = y0; y < y1; y += 4)
        {
            for (int x = x0; x < x1; x += 4)
            {
                if (zones.At(x, y) > 0)
                {
                    n++;
                }
            }
        }
        return n * 16;
    }

    private static Lab Robust(List<float> ls, List<float> ass, List<float> bs, out int kept)
    {
        int n = ls.Count;
        var chroma = new float[n];
        for (int i = 0; i < n; i++)
        {
            // Saturation-like chroma per unit lightness: unchanged by shading, lowered by specular reflection.
            chroma[i] = MathF.Sqrt(ass[i] * ass[i] + bs[i] * bs[i]) / MathF.Max(ls[i], 1f) * 50f;
        }
        var keep = new bool[n];
        Array.Fill(keep, true);
        var scratch = new float[n];
        double medL = 0, medA = 0, medB = 0;
        kept = n;
        for (int iter = 0; iter < 3; iter++)
        {
            medL = MedianOf(ls, keep, scratch);
            medA = MedianOf(ass, keep, scratch);
            medB = MedianOf(bs, keep, scratch);
            double medC = MedianOf(chroma, keep, scratch);
            double sL = Math.Max(0.75, 1.4826 * MadOf(ls, keep, scratch, medL));
            double sC = Math.Max(0.75, 1.4826 * MadOf(chroma, keep, scratch, medC));
            int count = 0;
            for (int i = 0; i < n; i++)
            {
                // Two-sided in L* (hair and deep shadow below, highlights above); one-sided in chroma, where
                // only specular highlights (washed-out, low chroma) stand out: shading alone never removes colour.
                bool ok = ls[i] >= medL - 2.5 * sL && ls[i] <= medL + 2.5 * sL && (ls[i] <= medL || chroma[i] >= medC - 2.5 * sC);
                keep[i] = ok;
                count += ok ? 1 : 0;
            }
            if (count < Math.Min(50, n))
            {
                Array.Fill(keep, true);
                count = n;
                break;
            }
            kept = count;
        }
        medL = MedianOf(ls, keep, scratch);
        medA = MedianOf(ass, keep, scratch);
        medB = MedianOf(bs, keep, scratch);
        return new Lab(medL, medA, medB);
    }

    private static double MedianOf(IReadOnlyList<float> values, bool[] keep, float[] scratch)
    {
        int m = 0;
        for (int i = 0; i < values.Count; i++)
        {
            if (keep[i])
            {
                scratch[m++] = values[i];
            }
        }
        return LabImage.Median(scratch.AsSpan(0, m));
    }

    private static double MadOf(IReadOnlyList<float> values, bool[] keep, float[] scratch, double median)
    {
        int m = 0;
        for (int i = 0; i < values.Count; i++)
        {
            if (keep[i])
            {
                scratch[m++] = (float)Math.Abs(values[i] - median);
            }
        }
        return LabImage.Median(scratch.AsSpan(0, m));
    }
}
