using System.Numerics;
using System.Runtime.Intrinsics;
using SmpRender.Imaging;
using SmpRender.Sampling;

namespace SmpRender.Color;

/// <summary>
/// Estimates the scalp's skin colour from a photo with robust statistics in CIELAB (D65), and the colour of
/// existing hair or stubble.
/// </summary>
/// <remarks>
/// Skin: the pixels inside the treatment zones (relative density &gt; 0), or the central 40 % of the photo
/// when no zones are given, are read in CIELAB on a regular stride (at most ~40,000 samples), in square blocks of
/// about 3 mm (at least 12 pixels and 6 x 6 samples). Skin between hairs is the lighter part of each small
/// neighbourhood: within a block only the samples whose L* is at most max(4, 6 % of it) below the block's envelope
/// (the 90th percentile of its L*, which a few glints or highlights do not move) count as skin. A block whose
/// envelope lies more than max(8, 25 % of it) below the highest envelope of the 5 x 5 blocks around it (6 mm or
/// more) is covered by hair, or in deep shadow, and none of its samples count; only blocks that look like skin are
/// that reference: their envelopes count at most as the 75th percentile of all envelopes, and not at all when the
/// block is washed out (mean chroma per unit L* of its skin samples under 60 % of the blocks' 75th percentile: a
/// specular highlight, a grey background). The estimate starts from the medians
/// of L*, a*, b* of the skin samples and then (three times) keeps only those within 2.5 robust standard deviations
/// (1.4826 × median absolute deviation) of the current median L*, and not more than 2.5 of them below the median of
/// chroma per unit L* when lighter than the median: remaining hair and stubble (dark), deep shadows (dark) and
/// specular highlights (bright, washed out) fall away. The final value is the median of the kept samples. Medians
/// and deviations are read from histograms of 1/32 unit bins; on generated scalps the estimate is within ΔE2000 0.5
/// of the same rule applied exactly to every pixel (blocks of the same size in pixels). Where long hair leaves
/// hardly any bare skin pixel (dense 8 mm hair at 4.5 px/mm: under 2 % of the pixels) the estimate is still pulled
/// toward the hair (ΔE2000 up to ~7 on generated scalps); from about 9 px/mm it is within ~2.
/// Hair lighter than the skin (grey or blond hair on deep skin): about 1,500 of the samples (from 4 px/mm up) vote
/// with a line operator at the scale of strands (<see cref="StrandLines"/>: along a strand a 1 mm segment stands out
/// from the others through the same point, lighter or darker); when enough votes stand out from noise (15 %) and
/// the light strands among them outweigh the dark ones (<see cref="StrandTally"/>), the skin is the darker part of
/// each block and the whole rule above reads 100 − L* instead of L* (lower envelope, blocks far above their
/// neighbours' lowest covered by hair). On generated scalps with 8 mm grey, blond or
/// light-brown hair, dense or sparse, at 6.5, 8.7 and 17 px/mm, the estimate is within ΔE2000 3.6 for every Monk
/// tone (3 from 8.7 px/mm); at 5 px/mm within 4.7, except nearly white hair on the deepest skin, which is no longer
/// told from the gaps between it and is still taken for skin.
/// Hair: pixels in and around the zones (within ~5 mm) that are clearly darker than both the skin and their
/// own neighbourhood (~1.5 mm) are hair; its colour is the median of the darkest tenth of them (the least
/// mixed with skin by the camera's blur). Hair is looked for on a lattice of at most 1/8 mm; the neighbourhood
/// mean, the hair count and the share of hair come from a lattice of about 0.25 mm, which also bounds the
/// darkest tenth, so that the fine lattice is read only for its darkest pixels (see <see cref="HairSampling"/>).
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
        double pxPerMm = PxPerMm(photo, zones);
        SkinSampling sampling = SkinSampling.For(CountPixels(zones, x0, y0, x1, y1), pxPerMm);
        int stride = sampling.Stride, side = sampling.BlockPoints, blockPx = side * stride, voteEvery = sampling.VoteEvery;
        int blockColumns = (x1 - x0 + blockPx - 1) / blockPx, blockRows = (y1 - y0 + blockPx - 1) / blockPx;

        // Rows of blocks in parallel: each block's lattice points in the zones in CIELAB (block by block, left to
        // right), and the strand votes of every voteEvery-th lattice point in each direction.
        var rowPoints = new BlockRow[blockRows];
        var strands = new StrandLines(photo, pxPerMm);
        var tallies = new StrandTally[blockRows];
        Parallel.For(0, blockRows, Parallelism.Options, blockRow =>
        {
            int ya = y0 + blockRow * blockPx, yb = Math.Min(y1, ya + blockPx);
            int capacity = ((x1 - x0 + stride - 1) / stride) * ((yb - ya + stride - 1) / stride);
            var row = new BlockRow(capacity, blockColumns);
            int n = 0;
            var tally = new StrandTally();
            for (int bx = 0; bx < blockColumns; bx++)
            {
                int xa = x0 + bx * blockPx, xb = Math.Min(x1, xa + blockPx);
                row.Start[bx] = n;
                for (int y = ya; y < yb; y += stride)
                {
                    ReadOnlySpan<byte> pixels = photo.Row(y);
                    for (int x = xa; x < xb; x += stride)
                    {
                        if (zones is null || zones.At(x, y) > 0)
                        {
                            int i = x * 4;
                            LabImage.ToLab(pixels[i], pixels[i + 1], pixels[i + 2], out row.L[n], out row.A[n], out row.B[n]);
                            n++;
                        }
                    }
                }
            }
            // The votes row by row across the region: one vote reads a few pixels in each of the rows around its
            // own, so votes along a row find those rows' memory at hand.
            for (int y = ya; y < yb && voteEvery != int.MaxValue; y += stride)
            {
                if ((y - y0) / stride % voteEvery != 0)
                {
                    continue;
                }
                for (int x = x0; x < x1; x += stride * voteEvery)
                {
                    if (zones is null || zones.At(x, y) > 0)
                    {
                        tally.Add(strands.Vote(x, y));
                    }
                }
            }
            row.Start[blockColumns] = n;
            rowPoints[blockRow] = row;
            tallies[blockRow] = tally;
        });

        // Strands lighter than the skin (grey or blond hair on deeper skin): the skin is the darker part of each
        // block, so the rule below is applied to 100 - L* (the lower envelope, blocks far above their neighbours'
        // lowest covered by hair).
        var votes = new StrandTally();
        foreach (StrandTally t in tallies)
        {
            votes.Add(t);
        }
        bool lightStrands = votes.LightStrands;
        var envelopes = new float[blockColumns * blockRows];
        var chromas = new float[blockColumns * blockRows];
        Parallel.For(0, blockRows, Parallelism.Options, blockRow =>
        {
            BlockRow row = rowPoints[blockRow];
            if (lightStrands)
            {
                row.Mirror();
            }
            else
            {
                row.Direct();
            }
            var scratch = new float[side * side];
            for (int bx = 0; bx < blockColumns; bx++)
            {
                int start = row.Start[bx], end = row.Start[bx + 1], b = blockRow * blockColumns + bx;
                if (end == start)
                {
                    (envelopes[b], chromas[b]) = (float.NaN, float.NaN);
                    continue;
                }
                envelopes[b] = Envelope(row.Key.AsSpan(start, end - start), scratch);
                // The mean chroma per unit L* of the block's skin-like samples.
                float floor = Floor(envelopes[b]), sum = 0;
                int skin = 0;
                for (int k = start; k < end; k++)
                {
                    if (row.Key[k] >= floor)
                    {
                        sum += ChromaPerLightness(row.L[k], row.A[k], row.B[k]);
                        skin++;
                    }
                }
                chromas[b] = sum / skin;
            }
        });

        // The skin-like samples of the blocks not covered by hair, in row order, as one pass would take them.
        var floors = new float[envelopes.Length];
        float ceiling = Quantile(envelopes, SkinAreaCeilingQuantile);
        float minChroma = SkinAreaChromaShare * Quantile(chromas, SkinAreaChromaQuantile);
        int total = 0;
        for (int b = 0; b < envelopes.Length; b++)
        {
            float envelope = envelopes[b];
            BlockRow row = rowPoints[b / blockColumns];
            int bx = b % blockColumns;
            floors[b] = float.IsNaN(envelope) || IsCovered(envelopes, chromas, blockColumns, blockRows, bx, b / blockColumns, ceiling, minChroma)
                ? float.PositiveInfinity
                : Floor(envelope);
            for (int k = row.Start[bx]; k < row.Start[bx + 1]; k++)
            {
                total += row.Key[k] >= floors[b] ? 1 : 0;
            }
        }
        if (total == 0)
        {
            throw new ArgumentException("no pixel to analyse", nameof(zones));
        }
        var ls = new float[total];
        var ass = new float[total];
        var bs = new float[total];
        int j = 0;
        for (int b = 0; b < envelopes.Length; b++)
        {
            BlockRow row = rowPoints[b / blockColumns];
            int bx = b % blockColumns;
            float floor = floors[b];
            for (int k = row.Start[bx]; k < row.Start[bx + 1]; k++)
            {
                if (row.Key[k] >= floor)
                {
                    (ls[j], ass[j], bs[j]) = (row.L[k], row.A[k], row.B[k]);
                    j++;
                }
            }
        }
        Lab estimate = Robust(ls, ass, bs, out int kept);
        return SkinTone.FromLab(estimate, kept);
    }

    /// <summary>The samples of a row of blocks in CIELAB: block b holds the samples Start[b] to Start[b + 1] - 1.</summary>
    private sealed class BlockRow(int capacity, int blocks)
    {
        public float[] L { get; } = new float[capacity];

        public float[] A { get; } = new float[capacity];

        public float[] B { get; } = new float[capacity];

        public int[] Start { get; } = new int[blocks + 1];

        /// <summary>What the envelope rule reads: L*, or 100 - L* once mirrored.</summary>
        public float[] Key { get; private set; } = null!;

        /// <summary>The rule reads L* itself.</summary>
        public void Direct() => Key = L;

        /// <summary>The rule reads 100 - L* (the darker part of a block is its skin).</summary>
        public void Mirror()
        {
            Key = new float[L.Length];
            for (int k = 0; k < L.Length; k++)
            {
                Key[k] = 100f - L[k];
            }
        }
    }

    /// <summary>
    /// The envelope of a block: the <see cref="SkinEnvelopeQuantile"/> of its L* (the value at index
    /// floor(q × (n − 1)) in ascending order): the smallest of the n − that index largest values, kept in order while
    /// reading when they are a handful (cheaper than a selection), else by selection. <paramref name="scratch"/> holds
    /// at least as many values as <paramref name="ls"/>.
    /// </summary>
    internal static float Envelope(ReadOnlySpan<float> ls, float[] scratch)
    {
        int rank = (int)(SkinEnvelopeQuantile * (ls.Length - 1)), k = ls.Length - rank;
        if (k > 16)
        {
            Span<float> copy = scratch.AsSpan(0, ls.Length);
            ls.CopyTo(copy);
            return LabImage.Select(copy, rank);
        }
        // The k largest so far, in descending order.
        Span<float> top = scratch.AsSpan(0, k);
        int m = 0;
        foreach (float v in ls)
        {
            if (m == k && v <= top[k - 1])
            {
                continue;
            }
            int at = m < k ? m++ : k - 1;
            while (at > 0 && top[at - 1] < v)
            {
                top[at] = top[at - 1];
                at--;
            }
            top[at] = v;
        }
        return top[k - 1];
    }

    /// <summary>The lowest L* a sample of a block with this envelope may have and still count as skin.</summary>
    internal static float Floor(float envelope) => envelope - MathF.Max(SkinEnvelopeDepth, SkinEnvelopeShare * envelope);

    /// <summary>Chroma per unit L*, scaled to L* 50: unchanged by shading, lowered by specular reflection.</summary>
    internal static float ChromaPerLightness(float l, float a, float b) => MathF.Sqrt(a * a + b * b) / MathF.Max(l, 1f) * 50f;

    /// <summary>
    /// The <paramref name="q"/> quantile of the values that are not NaN (the value at index floor(q × (n − 1)) in
    /// ascending order); NaN when there are none.
    /// </summary>
    internal static float Quantile(float[] values, float q)
    {
        var present = new float[values.Length];
        int n = 0;
        foreach (float v in values)
        {
            if (!float.IsNaN(v))
            {
                present[n++] = v;
            }
        }
        return n == 0 ? float.NaN : LabImage.Select(present.AsSpan(0, n), (int)(q * (n - 1)));
    }

    /// <summary>
    /// Whether a block is covered by hair (or in deep shadow) seen at a larger scale: its envelope is lower than the
    /// highest envelope of the blocks within <see cref="SkinAreaRadius"/> of it by more than
    /// max(<see cref="SkinAreaDepth"/>, <see cref="SkinAreaShare"/> × that envelope). Only blocks that look like skin
    /// are a reference: an envelope counts at most as the <paramref name="ceiling"/> (the
    /// <see cref="SkinAreaCeilingQuantile"/> of all envelopes), and not at all from a washed-out block (mean chroma per
    /// unit L* of its skin-like samples under <paramref name="minChroma"/>: a specular highlight, a grey background).
    /// </summary>
    internal static bool IsCovered(float[] envelopes, float[] chromas, int columns, int rows, int bx, int by, float ceiling, float minChroma)
    {
        const int radius = SkinAreaRadius;
        float own = envelopes[by * columns + bx];
        float highest = MathF.Min(own, ceiling);
        for (int j = Math.Max(0, by - radius); j <= Math.Min(rows - 1, by + radius); j++)
        {
            for (int i = Math.Max(0, bx - radius); i <= Math.Min(columns - 1, bx + radius); i++)
            {
                // NaN (a block with no point in the zones) never compares greater.
                float e = envelopes[j * columns + i];
                if (e > highest && chromas[j * columns + i] >= minChroma)
                {
                    highest = MathF.Min(e, ceiling);
                }
            }
        }
        return own < highest - MathF.Max(SkinAreaDepth, SkinAreaShare * highest);
    }

    /// <summary>The quantile of a block's L* taken as its skin envelope (robust to a tenth of glints or highlights).</summary>
    internal const float SkinEnvelopeQuantile = 0.9f;

    /// <summary>How far below its block's envelope, in L*, a sample still counts as skin (at least).</summary>
    internal const float SkinEnvelopeDepth = 4f;

    /// <summary>How far below its block's envelope, as a share of it, a sample still counts as skin (at least).</summary>
    internal const float SkinEnvelopeShare = 0.06f;

    /// <summary>
    /// A block whose skin-like samples have a mean chroma per unit L* under this share of the
    /// <see cref="SkinAreaChromaQuantile"/> over the blocks is washed out (a highlight, a grey background) and no
    /// reference for the skin around it.
    /// </summary>
    internal const float SkinAreaChromaShare = 0.6f;

    /// <summary>The quantile of the blocks' chroma per unit L* that <see cref="SkinAreaChromaShare"/> is a share of.</summary>
    internal const float SkinAreaChromaQuantile = 0.75f;

    /// <summary>The quantile of the blocks' envelopes above which none is a reference for the skin around it.</summary>
    internal const float SkinAreaCeilingQuantile = 0.75f;

    /// <summary>Radius, in blocks, within which a block's envelope is compared with its neighbours' (at least 6 mm).</summary>
    internal const int SkinAreaRadius = 2;

    /// <summary>How far, in L*, a block's envelope may fall below its neighbours' highest and still be skin (at least).</summary>
    internal const float SkinAreaDepth = 8f;

    /// <summary>How far, as a share of it, a block's envelope may fall below its neighbours' highest and still be skin (at least).</summary>
    internal const float SkinAreaShare = 0.25f;

    /// <summary>How finely <see cref="Analyze"/> looks at the photo.</summary>
    /// <param name="Stride">Lattice of the samples, in pixels.</param>
    /// <param name="BlockPoints">Side of the blocks, in lattice points (a block is BlockPoints × Stride pixels wide).</param>
    /// <param name="VoteEvery">Every how many lattice points, in each direction, a point votes on the strands' polarity.</param>
    internal readonly record struct SkinSampling(int Stride, int BlockPoints, int VoteEvery)
    {
        /// <summary>
        /// At most ~40,000 samples of the <paramref name="pixels"/> in the zones on a regular stride; blocks of about
        /// 3 mm, at least 12 pixels and at least 6 x 6 lattice points; about <see cref="Votes"/> of the samples (at
        /// least every other one in each direction) vote on the strands' polarity.
        /// </summary>
        public static SkinSampling For(long pixels, double pxPerMm)
        {
            int stride = Math.Max(1, (int)Math.Ceiling(Math.Sqrt(pixels / (double)MaxSamples)));
            double sidePx = Math.Max(3 * pxPerMm, 12);
            double points = pixels / ((double)stride * stride);
            int voteEvery = pxPerMm < MinStrandPxPerMm ? int.MaxValue : Math.Max(2, (int)Math.Round(Math.Sqrt(points / Votes)));
            return new SkinSampling(stride, Math.Max(6, (int)Math.Ceiling(sidePx / stride)), voteEvery);
        }
    }

    /// <summary>
    /// About how many samples vote on the strands' polarity: each vote reads 65 pixels in 9 rows or more, which on a
    /// large photo costs about as much as converting several hundred samples to CIELAB.
    /// </summary>
    internal const int Votes = 1500;

    /// <summary>
    /// Below this resolution (a 0.08 mm hair under a third of a pixel) strands are not seen and no sample votes: the
    /// skin is read as the lighter part of each block.
    /// </summary>
    internal const double MinStrandPxPerMm = 4;

    /// <summary>
    /// The colour of hair or stubble in or within ~5 mm around the zones (the central region without zones),
    /// or null when too few hair pixels are found (under 0.2 % of the region).
    /// </summary>
    public static HairColor? AnalyzeHair(Photo photo, DensityMap? zones, SkinTone skin)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(skin);
        return AnalyzeHair(photo, zones, skin, HairSampling.For(PxPerMm(photo, zones)));
    }

    /// <summary>How finely <see cref="AnalyzeHair(Photo, DensityMap?, SkinTone)"/> looks at the photo.</summary>
    /// <param name="Step">Lattice of the pixels tested for hair, in pixels (at most 1/8 mm).</param>
    /// <param name="MeanStep">Lattice of the neighbourhood mean of L*, in pixels (a multiple of <paramref name="Step"/>).</param>
    /// <param name="Cell">Side of the cells, in pixels, on which nearness to the zones is decided.</param>
    internal readonly record struct HairSampling(int Step, int MeanStep, int Cell)
    {
        /// <summary>
        /// Hairs are tested on a lattice of at most 1/8 mm (it still lands on every hair, about 0.1 mm wide and
        /// millimetres long, several times); the ~1.5 mm neighbourhood mean, smooth at that scale, on a lattice
        /// of about 0.25 mm (about 7x7 points per window) read between its points bilinearly; nearness to the
        /// zones (a 5 mm margin) on cells of 0.5 mm.
        /// </summary>
        public static HairSampling For(double pxPerMm)
        {
            int step = FineStep(pxPerMm);
            int factor = Math.Max(1, (int)Math.Round(0.75 * pxPerMm / (3 * step)));
            return new HairSampling(step, step * factor, Math.Max(1, (int)Math.Round(pxPerMm / 2)));
        }

        /// <summary>Every lattice point read for the mean and tested for nearness on its own (the reference).</summary>
        public static HairSampling Full(double pxPerMm) => new(FineStep(pxPerMm), FineStep(pxPerMm), 1);

        private static int FineStep(double pxPerMm) => Math.Max(1, (int)(pxPerMm / 8));
    }

    private static double PxPerMm(Photo photo, DensityMap? zones) => zones?.PxPerMm ?? Math.Max(photo.Width, photo.Height) / 200.0;

    internal static HairColor? AnalyzeHair(Photo photo, DensityMap? zones, SkinTone skin, HairSampling sampling)
    {
        if (!LabImage.Region(photo, zones, out int x0, out int y0, out int x1, out int y1))
        {
            return null;
        }
        double pxPerMm = PxPerMm(photo, zones);
        int margin = zones is null ? 0 : (int)Math.Round(5 * pxPerMm);
        x0 = Math.Max(0, x0 - margin); y0 = Math.Max(0, y0 - margin);
        x1 = Math.Min(photo.Width, x1 + margin); y1 = Math.Min(photo.Height, y1 + margin);
        var lattice = new HairLattice(photo, x0, y0, x1, y1, sampling.MeanStep, Math.Max(2, (int)Math.Round(0.75 * pxPerMm / sampling.MeanStep)));
        double darker = Math.Max(6, 0.18 * skin.Lab.L);
        double below = skin.Lab.L - darker;
        NearZoneMask? near = zones is null ? null : NearZoneMask.Build(zones, x0, y0, x1, y1, margin, sampling.Cell);

        // Hair on the mean's lattice: its count and share of the region, and whether there is any.
        HairPixels coarse = lattice.Hair(near, below, 0.5 * darker, sampling.MeanStep, double.PositiveInfinity);
        long analysed = lattice.Analysed(near, sampling.MeanStep);
        if (coarse.Count < Math.Max(20, 0.002 * analysed))
        {
            return null;
        }
        HairPixels hair = coarse;
        int take = Math.Max(1, coarse.Count / 10);
        if (sampling.Step != sampling.MeanStep)
        {
            // On the finer lattice only the darkest tenth is needed. Its size follows from the coarse count; the
            // darkest fifth of the coarse hair bounds it with room to spare (all hair when the bound falls short).
            take = Math.Max(1, (int)(coarse.Count * (double)lattice.Analysed(near, sampling.Step) / analysed / 10));
            float[] keys = coarse.Lightness();
            float fifth = LabImage.Select(keys, Math.Min(keys.Length - 1, 2 * Math.Max(1, coarse.Count / 10) - 1));
            hair = lattice.Hair(near, below, 0.5 * darker, sampling.Step, MathF.BitIncrement(fifth));
            if (hair.Count < take)
            {
                hair = lattice.Hair(near, below, 0.5 * darker, sampling.Step, double.PositiveInfinity);
                take = Math.Min(take, hair.Count);
            }
        }
        return new HairColor(DarkestMedian(photo, hair, take), coarse.Count, coarse.Count / (double)analysed);
    }

    /// <summary>Hair pixels in scan order, as a growable structure of arrays.</summary>
    private sealed class HairPixels
    {
        private int[] _x = new int[64];
        private int[] _y = new int[64];
        private float[] _l = new float[64];

        public int Count { get; private set; }

        public int X(int i) => _x[i];

        public int Y(int i) => _y[i];

        public float L(int i) => _l[i];

        public void Add(int x, int y, float l)
        {
            if (Count == _x.Length)
            {
                _x = Grown(_x);
                _y = Grown(_y);
                _l = Grown(_l);
            }
            _x[Count] = x;
            _y[Count] = y;
            _l[Count] = l;
            Count++;
        }

        public void AddRange(HairPixels other)
        {
            for (int i = 0; i < other.Count; i++)
            {
                Add(other._x[i], other._y[i], other._l[i]);
            }
        }

        /// <summary>A copy of the L* values.</summary>
        public float[] Lightness()
        {
            var l = new float[Count];
            Array.Copy(_l, l, Count);
            return l;
        }

        private static int[] Grown(int[] a)
        {
            var b = new int[a.Length * 2];
            Array.Copy(a, b, a.Length);
            return b;
        }

        private static float[] Grown(float[] a)
        {
            var b = new float[a.Length * 2];
            Array.Copy(a, b, a.Length);
            return b;
        }
    }

    /// <summary>
    /// The median L*, a*, b* of the <paramref name="take"/> darkest hair pixels: every pixel below the take-th
    /// smallest L*, then those equal to it in scan order.
    /// </summary>
    private static Lab DarkestMedian(Photo photo, HairPixels hair, int take)
    {
        float[] keys = hair.Lightness();
        float threshold = LabImage.Select(keys, take - 1);
        var ls = new float[take];
        var ass = new float[take];
        var bs = new float[take];
        int m = 0;
        for (int pass = 0; pass < 2; pass++)
        {
            for (int k = 0; k < hair.Count && m < take; k++)
            {
                float l = hair.L(k);
                if (pass == 0 ? l >= threshold : l != threshold)
                {
                    continue;
                }
                ReadOnlySpan<byte> row = photo.Row(hair.Y(k));
                int i = hair.X(k) * 4;
                Lab lab = new Rgb8(row[i], row[i + 1], row[i + 2]).ToLab();
                (ls[m], ass[m], bs[m]) = ((float)lab.L, (float)lab.A, (float)lab.B);
                m++;
            }
        }
        return new Lab(LabImage.Median(ls), LabImage.Median(ass), LabImage.Median(bs));
    }

    /// <summary>
    /// The region of the hair analysis with its L* and ~1.5 mm neighbourhood mean on a lattice; finds the hair
    /// pixels on that lattice or on a finer one (the mean read between lattice points bilinearly).
    /// </summary>
    private sealed class HairLattice
    {
        private readonly Photo _photo;
        private readonly float[] _l;
        private readonly float[] _mean;
        private readonly int _x0, _y0, _x1, _y1, _step, _w, _h;

        public HairLattice(Photo photo, int x0, int y0, int x1, int y1, int step, int r)
        {
            (_photo, _x0, _y0, _x1, _y1, _step) = (photo, x0, y0, x1, y1, step);
            (_l, _mean) = LabImage.LocalLightness(photo, x0, y0, x1, y1, r, step);
            _w = (x1 - x0 + step - 1) / step;
            _h = (y1 - y0 + step - 1) / step;
        }

        /// <summary>Lattice points (x0 + k * step, y0 + j * step) near the zones (all without zones).</summary>
        public long Analysed(NearZoneMask? near, int step)
        {
            long n = 0;
            int w = (_x1 - _x0 + step - 1) / step;
            for (int y = _y0; y < _y1; y += step)
            {
                n += near is null ? w : near.LatticePointsInRow(y, step);
            }
            return n;
        }

        /// <summary>
        /// The hair pixels on the lattice of <paramref name="step"/> (the mean's own or a divisor of it) near the
        /// zones, in scan order: L* below <paramref name="below"/>, below the neighbourhood mean by more than
        /// <paramref name="contrast"/>, and below <paramref name="limit"/>.
        /// </summary>
        public HairPixels Hair(NearZoneMask? near, double below, double contrast, int step, double limit)
        {
            double bound = Math.Min(below, limit);
            // A pixel's L* is at least that of its green channel alone: a green value at or above this limit
            // rules it out before any arithmetic.
            int greenLimit = GreenLimit(bound);
            bool own = step == _step;
            int rows = (_y1 - _y0 + step - 1) / step;
            var rowHair = new HairPixels?[rows];
            int[] whole = [_x0, _x1];
            Parallel.For(0, rows, Parallelism.Options, row =>
            {
                int y = _y0 + row * step;
                ReadOnlySpan<byte> pixels = _photo.Row(y);
                int[] runs = near is null ? whole : near.Runs(y);
                HairPixels? found = null;
                if (own)
                {
                    // L* and the mean are at hand on the mean's own lattice.
                    int rowStart = row * _w;
                    for (int k = 0; k < runs.Length; k += 2)
                    {
                        for (int i = (runs[k] - _x0 + step - 1) / step, end = (runs[k + 1] - _x0 + step - 1) / step; i < end; i++)
                        {
                            float l = _l[rowStart + i];
                            if (l < bound && l < _mean[rowStart + i] - contrast)
                            {
                                (found ??= new HairPixels()).Add(_x0 + i * step, y, l);
                            }
                        }
                    }
                    rowHair[row] = found;
                    return;
                }
                // Only the stretches of the row near the zones are read at all.
                var dark = new int[64];
                int count = 0;
                for (int k = 0; k < runs.Length; k += 2)
                {
                    DarkGreen(pixels, _x0, runs[k], runs[k + 1], step, greenLimit, ref dark, ref count);
                }
                double v = (y - _y0) / (double)_step;
                for (int k = 0; k < count; k++)
                {
                    int x = dark[k];
                    int i = x * 4;
                    float l = LabImage.Lightness(pixels[i], pixels[i + 1], pixels[i + 2]);
                    if (l < bound && l < LabImage.Bilinear(_mean, _w, _h, (x - _x0) / (double)_step, v) - contrast)
                    {
                        (found ??= new HairPixels()).Add(x, y, l);
                    }
                }
                rowHair[row] = found;
            });
            var hair = new HairPixels();
            foreach (HairPixels? found in rowHair)
            {
                if (found is not null)
                {
                    hair.AddRange(found);
                }
            }
            return hair;
        }
    }

    /// <summary>
    /// Appends to <paramref name="found"/> (growing it) the lattice points x0 + k * step in [xa, xb) of an RGBA
    /// row whose green value is below the limit, in order; eight pixels at a time where the hardware allows.
    /// </summary>
    private static unsafe void DarkGreen(ReadOnlySpan<byte> pixels, int x0, int xa, int xb, int step, int limit, ref int[] found, ref int count)
    {
        if (limit <= 0)
        {
            return;
        }
        int x = xa;
        if (Vector256.IsHardwareAccelerated && limit <= 255)
        {
            // Green sits in bits 8-15 of each little-endian RGBA word.
            Vector256<uint> bound = Vector256.Create((uint)limit << 8);
            Vector256<uint> greenBits = Vector256.Create(0xFF00u);
            fixed (byte* start = pixels)
            {
                uint* words = (uint*)start;
                for (; x + Vector256<uint>.Count <= xb; x += Vector256<uint>.Count)
                {
                    Vector256<uint> v = Vector256.Load(words + x) & greenBits;
                    uint bits = Vector256.ExtractMostSignificantBits(Vector256.LessThan(v, bound));
                    while (bits != 0)
                    {
                        int xx = x + BitOperations.TrailingZeroCount(bits);
                        bits &= bits - 1;
                        if ((xx - x0) % step == 0)
                        {
                            Append(ref found, ref count, xx);
                        }
                    }
                }
            }
        }
        // The rest, from the first lattice point at or after x.
        for (x = x0 + (x - x0 + step - 1) / step * step; x < xb; x += step)
        {
            if (pixels[x * 4 + 1] < limit)
            {
                Append(ref found, ref count, x);
            }
        }
    }

    private static void Append(ref int[] values, ref int count, int value)
    {
        if (count == values.Length)
        {
            var grown = new int[Math.Max(64, 2 * count)];
            Array.Copy(values, grown, count);
            values = grown;
        }
        values[count++] = value;
    }

    /// <summary>The smallest green value whose L* alone (red and blue 0) is not below <paramref name="limit"/>; 256 when none.</summary>
    private static int GreenLimit(double limit)
    {
        for (int g = 0; g < 256; g++)
        {
            if (LabImage.Lightness(0, (byte)g, 0) >= limit)
            {
                return g;
            }
        }
        return 256;
    }

    /// <summary>
    /// Which cells of a region lie in the zones or within the margin of them: a cell is in the zones when its
    /// centre is (density &gt; 0), and near them when it is, or when one of 8 points at the margin distance
    /// around it is (a cheap ring test). With cells of one pixel, every pixel is tested on its own (as for zones
    /// so thin that no cell centre falls in them).
    /// </summary>
    private sealed class NearZoneMask
    {
        private readonly int[][] _runs;
        private readonly int _x0, _y0, _cell;

        private NearZoneMask(int[][] runs, int x0, int y0, int cell)
        {
            (_runs, _x0, _y0, _cell) = (runs, x0, y0, cell);
        }

        public static NearZoneMask Build(DensityMap zones, int x0, int y0, int x1, int y1, int margin, int cell)
        {
            int columns = (x1 - x0 + cell - 1) / cell, cellRows = (y1 - y0 + cell - 1) / cell;
            var inZone = new bool[columns * cellRows];
            Parallel.For(0, cellRows, Parallelism.Options, j =>
            {
                int y = Math.Min(y0 + j * cell + cell / 2, y1 - 1);
                for (int i = 0; i < columns; i++)
                {
                    inZone[j * columns + i] = zones.At(Math.Min(x0 + i * cell + cell / 2, x1 - 1), y) > 0;
                }
            });
            if (cell > 1 && Array.IndexOf(inZone, true) < 0)
            {
                // Zones narrower than a cell that no cell centre falls in: every pixel is its own cell.
                return Build(zones, x0, y0, x1, y1, margin, 1);
            }
            // The ring test's 8 points at the margin distance, in cells.
            var ringX = new int[8];
            var ringY = new int[8];
            for (int k = 0; k < 8; k++)
            {
                ringX[k] = (int)Math.Round((int)(margin * Math.Cos(k * Math.PI / 4)) / (double)cell);
                ringY[k] = (int)Math.Round((int)(margin * Math.Sin(k * Math.PI / 4)) / (double)cell);
            }
            var near = new bool[inZone.Length];
            Parallel.For(0, cellRows, Parallelism.Options, j =>
            {
                for (int i = 0; i < columns; i++)
                {
                    bool hit = inZone[j * columns + i];
                    for (int k = 0; k < 8 && !hit; k++)
                    {
                        int ii = i + ringX[k], jj = j + ringY[k];
                        hit = (uint)ii < (uint)columns && (uint)jj < (uint)cellRows && inZone[jj * columns + ii];
                    }
                    near[j * columns + i] = hit;
                }
            });
            // Each row of cells as stretches [xa, xb) of near cells in pixels, left to right.
            var runs = new int[cellRows][];
            var bounds = new int[columns + 1];
            for (int j = 0; j < cellRows; j++)
            {
                int n = 0;
                for (int i = 0; i < columns;)
                {
                    if (!near[j * columns + i])
                    {
                        i++;
                        continue;
                    }
                    int first = i;
                    while (i < columns && near[j * columns + i])
                    {
                        i++;
                    }
                    bounds[n++] = x0 + first * cell;
                    bounds[n++] = Math.Min(x1, x0 + i * cell);
                }
                runs[j] = new int[n];
                Array.Copy(bounds, runs[j], n);
            }
            return new NearZoneMask(runs, x0, y0, cell);
        }

        /// <summary>The stretches [xa, xb) of the row at <paramref name="y"/> in near cells, as xa, xb pairs left to right.</summary>
        public int[] Runs(int y) => _runs[(y - _y0) / _cell];

        /// <summary>How many lattice points x0 + k * step of the row at <paramref name="y"/> lie in near cells.</summary>
        public int LatticePointsInRow(int y, int step)
        {
            int[] runs = Runs(y);
            int n = 0;
            for (int k = 0; k < runs.Length; k += 2)
            {
                // Lattice points in [xa, xb): from the first at or after xa.
                n += (runs[k + 1] - _x0 + step - 1) / step - (runs[k] - _x0 + step - 1) / step;
            }
            return n;
        }
    }

    /// <summary>
    /// About how many pixels of the box are in the zones, counted on a lattice of at most ~16,000 points: only
    /// the sampling stride depends on it.
    /// </summary>
    private static long CountPixels(DensityMap? zones, int x0, int y0, int x1, int y1)
    {
        long area = (long)(x1 - x0) * (y1 - y0);
        if (zones is null)
        {
            return area;
        }
        int step = Math.Max(1, (int)Math.Sqrt(area / 16384.0));
        long n = 0;
        for (int y = y0; y < y1; y += step)
        {
            for (int x = x0; x < x1; x += step)
            {
                if (zones.At(x, y) > 0)
                {
                    n++;
                }
            }
        }
        return n * step * step;
    }

    /// <summary>
    /// The robust estimate of the remarks: medians and median absolute deviations read from histograms of
    /// 1/32 unit bins (interpolated within the bin), so each of the three rounds is two passes over the samples.
    /// </summary>
    private static Lab Robust(float[] ls, float[] ass, float[] bs, out int kept)
    {
        int n = ls.Length;
        var chroma = new float[n];
        for (int i = 0; i < n; i++)
        {
            // Saturation-like chroma per unit lightness: unchanged by shading, lowered by specular reflection.
            chroma[i] = ChromaPerLightness(ls[i], ass[i], bs[i]);
        }
        // The kept samples, packed at the front of copies (no branch per sample in the histogram passes).
        float[] kl = (float[])ls.Clone(), ka = (float[])ass.Clone(), kb = (float[])bs.Clone(), kc = (float[])chroma.Clone();
        int m = n;
        var hl = new Histogram(0, 100);
        var ha = new Histogram(-128, 128);
        var hb = new Histogram(-128, 128);
        var hc = new Histogram(0, 256);
        kept = n;
        for (int iter = 0; iter < 3; iter++)
        {
            hl.Fill(kl.AsSpan(0, m));
            hc.Fill(kc.AsSpan(0, m));
            float medL = (float)hl.Median(), medC = (float)hc.Median();
            float sL = (float)Math.Max(0.75, 1.4826 * hl.MedianDeviation(medL));
            float sC = (float)Math.Max(0.75, 1.4826 * hc.MedianDeviation(medC));
            float lo = medL - 2.5f * sL, hi = medL + 2.5f * sL, minC = medC - 2.5f * sC;
            int count = 0;
            for (int i = 0; i < n; i++)
            {
                // Two-sided in L* (hair and deep shadow below, highlights above); one-sided in chroma, where
                // only specular highlights (washed-out, low chroma) stand out: shading alone never removes colour.
                float l = ls[i];
                bool ok = (l >= lo) & (l <= hi) & ((l <= medL) | (chroma[i] >= minC));
                kl[count] = l;
                ka[count] = ass[i];
                kb[count] = bs[i];
                kc[count] = chroma[i];
                count += ok ? 1 : 0;
            }
            if (count < Math.Min(50, n))
            {
                ls.CopyTo(kl, 0);
                ass.CopyTo(ka, 0);
                bs.CopyTo(kb, 0);
                m = n;
                break;
            }
            m = count;
            kept = count;
        }
        hl.Fill(kl.AsSpan(0, m));
        ha.Fill(ka.AsSpan(0, m));
        hb.Fill(kb.AsSpan(0, m));
        return new Lab(hl.Median(), ha.Median(), hb.Median());
    }

    /// <summary>Counts of values in bins of 1/32 over [lo, hi) (values outside fall in the end bins).</summary>
    private sealed class Histogram
    {
        private const float BinsPerUnit = 32f;
        private readonly int[] _counts;
        private readonly float _lo;
        private int _total;

        public Histogram(float lo, float hi)
        {
            _lo = lo;
            _counts = new int[(int)((hi - lo) * BinsPerUnit)];
        }

        /// <summary>Counts the values (NaN and values below the range in the first bin).</summary>
        public void Fill(ReadOnlySpan<float> values)
        {
            Array.Clear(_counts);
            int last = _counts.Length - 1;
            foreach (float v in values)
            {
                _counts[(int)Math.Clamp((v - _lo) * BinsPerUnit, 0f, last)]++;
            }
            _total = values.Length;
        }

        /// <summary>
        /// The distance d from <paramref name="centre"/> within which half the counts lie (the median absolute
        /// deviation), the counts spread evenly across each bin: the window [centre - d, centre + d] grows a bin's
        /// width at a time, then the last step is interpolated.
        /// </summary>
        public double MedianDeviation(double centre)
        {
            double half = 0.5 * _total;
            double p = (centre - _lo) * BinsPerUnit;
            double inside = 0;
            for (int k = 0; k < 2 * _counts.Length; k++)
            {
                double added = Mass(p + k) + Mass(p - k - 1);
                if (added > 0 && inside + added >= half)
                {
                    return (k + (half - inside) / added) / BinsPerUnit;
                }
                inside += added;
            }
            return _counts.Length / BinsPerUnit;
        }

        /// <summary>The counts in the unit interval [u, u + 1) of bin positions, spread evenly across each bin.</summary>
        private double Mass(double u)
        {
            int bin = (int)Math.Floor(u);
            double f = u - bin;
            return Count(bin) * (1 - f) + Count(bin + 1) * f;
        }

        private int Count(int bin) => (uint)bin < (uint)_counts.Length ? _counts[bin] : 0;

        /// <summary>The value below which half the counts lie, the counts spread evenly across each bin.</summary>
        public double Median()
        {
            double half = 0.5 * _total;
            long below = 0;
            for (int bin = 0; bin < _counts.Length; bin++)
            {
                int c = _counts[bin];
                if (c > 0 && below + c >= half)
                {
                    return _lo + (bin + (half - below) / c) / BinsPerUnit;
                }
                below += c;
            }
            return double.NaN;
        }
    }
}
