using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using SmpRender.Color;
using SmpRender.Imaging;
using SmpRender.Pigment;
using SmpRender.Sampling;

namespace SmpRender.Compositing;

/// <summary>
/// Composites a dot field onto a photo in linear light: every dot multiplies the colour under it by
/// <c>1 − coverage · (1 − T)</c> per channel, so the photo's own texture, pores and highlights show through.
/// Coverage is the analytic area of the soft, slightly elliptical dot over each pixel (sub-pixel
/// anti-aliasing). Pixels outside every dot's footprint, and every alpha value, are left exactly as they were.
/// </summary>
/// <remarks>
/// Work is split into fixed bands of rows; each band applies its dots in field order, so the result is
/// bit-identical whatever the number of threads. Per-dot appearance is a pure function of the pigment seed
/// and the dot's rank. Cost is linear in the number of dots and their footprints; memory is a few pooled
/// arrays per call, nothing per dot.
/// </remarks>
public static class DotCompositor
{
    private const int BandHeight = 64;
    private const float MinCoverage = 1f / 4096f;

    /// <summary>Composites <paramref name="dots"/> onto <paramref name="photo"/> in place.</summary>
    /// <param name="photo">The photo; changed in place.</param>
    /// <param name="dots">Dot positions in the photo's pixels; its <see cref="DotField.PxPerMm"/> sets the dot size.</param>
    /// <param name="pigment">Shade, look, fading and per-dot appearance.</param>
    /// <param name="map">Optional density map of the same size; its scar layer makes dots lighter, softer and larger.</param>
    /// <param name="sessions">Which sessions to render; all by default.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for the default. The result does not depend on it.</param>
    public static void Apply(Photo photo, DotField dots, PigmentModel pigment, DensityMap? map = null,
        SessionSelection? sessions = null, int maxDegreeOfParallelism = -1)
    {
        ArgumentNullException.ThrowIfNull(photo);
        ArgumentNullException.ThrowIfNull(dots);
        ArgumentNullException.ThrowIfNull(pigment);
        if (map is not null && (map.Width != photo.Width || map.Height != photo.Height))
        {
            throw new ArgumentException($"the density map is {map.Width}x{map.Height} but the photo is {photo.Width}x{photo.Height}", nameof(map));
        }
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, "must be -1 or > 0");
        }
        SessionSelection selection = sessions ?? SessionSelection.All;
        int n = dots.Count;
        if (n == 0)
        {
            return;
        }
        int height = photo.Height;
        int bands = (height + BandHeight - 1) / BandHeight;
        DotAppearance[] looks = ArrayPool<DotAppearance>.Shared.Rent(n);
        int[] bandStart = ArrayPool<int>.Shared.Rent(bands + 1);
        int[]? lists = null;
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
            ComputeAppearances(dots, pigment, map, selection, looks, parallel);

            // Bucket dots by the bands their footprints touch (counting sort keeps field order inside a band).
            Array.Clear(bandStart, 0, bands + 1);
            ReadOnlySpan<float> ys = dots.Y;
            int total = 0;
            for (int i = 0; i < n; i++)
            {
                if (!(looks[i].Strength > 0))
                {
                    continue;
                }
                if (!BandRange(ys[i], looks[i].Extent, height, bands, out int b0, out int b1))
                {
                    continue;
                }
                for (int b = b0; b <= b1; b++)
                {
                    bandStart[b + 1]++;
                }
                total += b1 - b0 + 1;
            }
            for (int b = 0; b < bands; b++)
            {
                bandStart[b + 1] += bandStart[b];
            }
            lists = ArrayPool<int>.Shared.Rent(Math.Max(1, total));
            int[] fill = ArrayPool<int>.Shared.Rent(bands);
            try
            {
                Array.Copy(bandStart, fill, bands);
                for (int i = 0; i < n; i++)
                {
                    if (!(looks[i].Strength > 0) || !BandRange(ys[i], looks[i].Extent, height, bands, out int b0, out int b1))
                    {
                        continue;
                    }
                    for (int b = b0; b <= b1; b++)
                    {
                        lists[fill[b]++] = i;
                    }
                }
            }
            finally
            {
                ArrayPool<int>.Shared.Return(fill);
            }

            LinearRgb t = pigment.Transmittance;
            var kernel = new BandKernel(photo, dots, looks, bandStart, lists,
                1f - (float)t.R, 1f - (float)t.G, 1f - (float)t.B);
            if (maxDegreeOfParallelism == 1 || bands == 1)
            {
                for (int b = 0; b < bands; b++)
                {
                    kernel.Run(b);
                }
            }
            else
            {
                Parallel.For(0, bands, parallel, kernel.Run);
            }
        }
        finally
        {
            ArrayPool<DotAppearance>.Shared.Return(looks);
            ArrayPool<int>.Shared.Return(bandStart);
            if (lists is not null)
            {
                ArrayPool<int>.Shared.Return(lists);
            }
        }
    }

    private static bool BandRange(float y, float extent, int height, int bands, out int b0, out int b1)
    {
        float top = y - extent, bottom = y + extent;
        if (!(bottom >= 0) || top >= height)
        {
            b0 = b1 = 0;
            return false;
        }
        b0 = Math.Max(0, (int)MathF.Floor(top)) / BandHeight;
        b1 = Math.Min(height - 1, (int)MathF.Floor(bottom)) / BandHeight;
        return true;
    }

    private static void ComputeAppearances(DotField dots, PigmentModel pigment, DensityMap? map, SessionSelection selection,
        DotAppearance[] looks, ParallelOptions parallel)
    {
        const int Chunk = 8192;
        int n = dots.Count;
        int chunks = (n + Chunk - 1) / Chunk;
        double pxPerMm = dots.PxPerMm;
        bool scar = map is { HasScar: true };
        void Work(int c)
        {
            ReadOnlySpan<float> xs = dots.X, ys = dots.Y;
            ReadOnlySpan<int> ranks = dots.Rank;
            ReadOnlySpan<byte> sessions = dots.Session;
            int end = Math.Min(n, (c + 1) * Chunk);
            for (int i = c * Chunk; i < end; i++)
            {
                if (!selection.Contains(sessions[i]) || !float.IsFinite(xs[i]) || !float.IsFinite(ys[i]))
                {
                    looks[i] = default;
                    continue;
                }
                float s = scar ? map!.ScarAt((int)MathF.Floor(xs[i]), (int)MathF.Floor(ys[i])) : 0f;
                looks[i] = pigment.Appearance(ranks[i], sessions[i], s, pxPerMm);
            }
        }
        if (chunks == 1 || parallel.MaxDegreeOfParallelism == 1)
        {
            for (int c = 0; c < chunks; c++)
            {
                Work(c);
            }
        }
        else
        {
            Parallel.For(0, chunks, parallel, Work);
        }
    }

    /// <summary>Applies the dots listed for one band of rows, in field order.</summary>
    private readonly struct BandKernel
    {
        private readonly Photo _photo;
        private readonly DotField _dots;
        private readonly DotAppearance[] _looks;
        private readonly int[] _bandStart;
        private readonly int[] _lists;
        private readonly float _absR, _absG, _absB;

        public BandKernel(Photo photo, DotField dots, DotAppearance[] looks, int[] bandStart, int[] lists, float absR, float absG, float absB)
        {
            _photo = photo;
            _dots = dots;
            _looks = looks;
            _bandStart = bandStart;
            _lists = lists;
            _absR = absR;
            _absG = absG;
            _absB = absB;
        }

        public unsafe void Run(int band)
        {
            int rowTop = band * BandHeight;
            int rowEnd = Math.Min(_photo.Height, rowTop + BandHeight);
            int width = _photo.Width;
            int stride = _photo.Stride;
            ReadOnlySpan<float> xs = _dots.X, ys = _dots.Y;
            Vector128<float> absorb = Vector128.Create(_absR, _absG, _absB, 0f);
            Vector128<float> encodeScale = Vector128.Create((float)Srgb.EncodeLutSteps), half = Vector128.Create(0.5f);
            Vector128<int> encodeMax = Vector128.Create(Srgb.EncodeLutSteps);
            fixed (byte* pixels = _photo.Pixels)
            fixed (float* squaredTable = DiscCoverage.SquaredTable)
            fixed (float* decode = Srgb.DecodeLut)
            fixed (byte* encode = Srgb.EncodeLut)
            {
                for (int k = _bandStart[band]; k < _bandStart[band + 1]; k++)
                {
                    int i = _lists[k];
                    ref readonly DotAppearance a = ref _looks[i];
                    float cx = xs[i], cy = ys[i];
                    float extent = a.Extent;
                    int x0 = Math.Max(0, (int)MathF.Floor(cx - extent));
                    int x1 = Math.Min(width - 1, (int)MathF.Floor(cx + extent));
                    int y0 = Math.Max(rowTop, (int)MathF.Floor(cy - extent));
                    int y1 = Math.Min(rowEnd - 1, (int)MathF.Floor(cy + extent));
                    if (x0 > x1 || y0 > y1)
                    {
                        continue;
                    }
                    // Squared table: the nearest ρ row, column = t² · steps. ρ = r/σ is about 3 for the largest needle at any
                    // scale (the skin blurs by σ ≥ 0.035 mm); beyond 8, reached only with extreme size jitter, it is clamped.
                    float invSigma = 1f / a.Sigma;
                    bool capped = a.CapSigma > 0;
                    float capInvSigma = capped ? 1f / a.CapSigma : invSigma, capStrength = a.CapStrength;
                    float* s0 = squaredTable + SquaredRow(a.Radius * invSigma);
                    float* sc0 = squaredTable + SquaredRow(a.Radius * capInvSigma);
                    float uScale = invSigma * invSigma * DiscCoverage.SquaredStepsPerT2;
                    float capUScale = capInvSigma * capInvSigma * DiscCoverage.SquaredStepsPerT2;

                    // Quadratic form of the ellipse: d² = qa·dx² + qb·dx·dy + qc·dy².
                    float cos = a.Cos, sin = a.Sin, invAspect = 1f / a.Aspect, aspect = a.Aspect;
                    float qa = cos * cos * invAspect + sin * sin * aspect;
                    float qc = sin * sin * invAspect + cos * cos * aspect;
                    float qb = 2 * cos * sin * (invAspect - aspect);
                    float strength = a.Strength, tiltX = a.TiltX, tiltY = a.TiltY;
                    float reach2 = a.Reach * a.Reach;
                    float inv2qa = 0.5f / qa;
                    for (int y = y0; y <= y1; y++)
                    {
                        float dy = y + 0.5f - cy;
                        float rowConst = qc * dy * dy, rowLin = qb * dy;
                        // The row's span inside the reach: qa·dx² + rowLin·dx + rowConst < reach².
                        float disc = rowLin * rowLin - 4 * qa * (rowConst - reach2);
                        if (disc <= 0)
                        {
                            continue;
                        }
                        float root = MathF.Sqrt(disc);
                        int xa = Math.Max(x0, (int)MathF.Ceiling(cx + (-rowLin - root) * inv2qa - 0.5f));
                        int xb = Math.Min(x1, (int)MathF.Floor(cx + (-rowLin + root) * inv2qa - 0.5f));
                        float tiltRow = 1 + tiltY * dy;
                        byte* p = pixels + (long)y * stride + xa * 4;
                        for (int x = xa; x <= xb; x++, p += 4)
                        {
                            float dx = x + 0.5f - cx;
                            float d2 = MathF.Max((qa * dx + rowLin) * dx + rowConst, 0f);
                            float shape = tiltRow + tiltX * dx;
                            float cov = strength * LookupSquared(s0, d2 * uScale) * shape;
                            if (capped)
                            {
                                cov = MathF.Min(cov, capStrength * LookupSquared(sc0, d2 * capUScale) * shape);
                            }
                            if (cov < MinCoverage)
                            {
                                continue;
                            }
                            cov = MathF.Min(cov, 1f);
                            // All three channels at once: multiply in linear light, encode through √-indexed table.
                            Vector128<float> lin = Vector128.Create(decode[p[0]], decode[p[1]], decode[p[2]], 0f);
                            Vector128<float> res = lin * (Vector128<float>.One - absorb * cov);
                            Vector128<int> idx = Vector128.ConvertToInt32(Vector128.Sqrt(Vector128.Max(res, Vector128<float>.Zero)) * encodeScale + half);
                            idx = Vector128.Min(idx, encodeMax);
                            p[0] = encode[idx.GetElement(0)];
                            p[1] = encode[idx.GetElement(1)];
                            p[2] = encode[idx.GetElement(2)];
                        }
                    }
                }
            }
        }

        private static int SquaredRow(float rho) =>
            (int)(MathF.Min(rho, DiscCoverage.MaxRho) * DiscCoverage.SquaredRowsPerRho + 0.5f) * DiscCoverage.SquaredStride;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe float LookupSquared(float* row, float u)
        {
            const float MaxU = DiscCoverage.SquaredColumnCount - 1.001f;
            if (u >= MaxU)
            {
                return 0f;
            }
            int j = (int)u;
            float w = u - j;
            return row[j] + (row[j + 1] - row[j]) * w;
        }
    }
}
