using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using SmpRender.Color;
using SmpRender.Imaging;
using SmpRender.Pigment;
using SmpRender.Sampling;

namespace SmpRender.Compositing;

/// <summary>
/// Composites a dot field onto a photo in linear light: every dot multiplies the colour under it by
/// <c>1 − coverage · (1 − T)</c> per channel, so the photo's own texture, pores and highlights show through. Where the
/// skin shines, a dot darkens only the skin's own share of the light (<see cref="SkinShine"/>): the shine lies over it.
/// Coverage is the analytic area of the soft, slightly elliptical dot over each pixel (sub-pixel
/// anti-aliasing). Pixels outside every dot's footprint, and every alpha value, are left exactly as they were.
/// </summary>
/// <remarks>
/// <para>
/// Work is split into fixed bands of rows; each band applies its dots in field order, so the result is
/// bit-identical whatever the number of threads. Per-dot appearance is a pure function of the pigment seed
/// and the dot's rank. Cost is linear in the number of dots and their footprints: one pass turns every dot into
/// the constants its pixels need (eight dots at a time, <see cref="PigmentModel"/>'s appearance in 256-bit lanes),
/// a counting sort lists the dots of each band, and each band is then drawn on its own. Memory is a few pooled
/// arrays per call and one per-dot array kept for the next call.
/// </para>
/// <para>
/// Per dot, F(ρ, t) is read from a 32-sample profile of its ρ row (<see cref="DiscCoverage.ProfileTable"/>), which
/// fits two 512-bit registers: with AVX-512 two rows of eight pixels get their coverage at once, without a memory
/// gather, and the pixels a band's dots change are listed (offset and coverage level, packed by a compress) and then
/// shaded in one loop. With AVX2 alone, one row of eight pixels at a time does the same (the profile in four 256-bit
/// registers read by permutes, the pixels packed by a permute from a table); elsewhere, and for small fields, the same
/// arithmetic runs one pixel at a time. All give the same bytes. Per pixel,
/// the coverage is quantised to 1/256 and the decode, multiply and encode of each channel is one read of a table
/// built once per pigment (3 channels × 256 codes × 257 coverage levels, each a code in 1/256 steps; level 0 is the
/// identity). Both the coverage level and the 8-bit code are rounded up or down at random (<see cref="Dither"/>), so
/// that each dot takes its own light on average however faint its pixels' changes: a soft or sub-pixel dot on deep skin
/// changes each pixel by a fraction of a code, which rounding to the nearest code took away entirely.
/// </para>
/// </remarks>
public static class DotCompositor
{
    private const int BandHeight = 64;
    private const int PrefetchDistance = 4;
    private const float MinCoverage = 1f / 4096f;

    /// <summary>Dot-band pairs below which the bands are drawn on the calling thread.</summary>
    private const int ParallelMinimum = 2048;

    /// <summary>
    /// Builds the tables every composite reads (the dots' edge profiles: a few milliseconds, once per process) unless
    /// they are built already. Optional: a host may call it on an idle thread ahead of its first composite.
    /// </summary>
    public static void PrepareTables() => GC.KeepAlive(DiscCoverage.ProfileSlopes);

    /// <summary>Composites <paramref name="dots"/> onto <paramref name="photo"/> in place.</summary>
    /// <param name="photo">The photo; changed in place.</param>
    /// <param name="dots">Dot positions in the photo's pixels; its <see cref="DotField.PxPerMm"/> sets the dot size.</param>
    /// <param name="pigment">Shade, look, fading and per-dot appearance.</param>
    /// <param name="map">Optional density map of the same size; its scar layer makes dots lighter, softer and larger.</param>
    /// <param name="sessions">Which sessions to render; all by default.</param>
    /// <param name="maxDegreeOfParallelism">Threads to use; -1 for the default. The result does not depend on it.</param>
    public static void Apply(Photo photo, DotField dots, PigmentModel pigment, DensityMap? map = null,
        SessionSelection? sessions = null, int maxDegreeOfParallelism = -1) =>
        Apply(photo, dots, pigment, map, sessions, maxDegreeOfParallelism,
            Volatile.Read(ref s_plainDots) >= PlainBudget ? 0 : VectorMinimum);

    /// <summary>
    /// Dots from which the vector passes are used. They are compiled on first use (a precompiled image holds no code for
    /// them on processors with AVX-512), about 15 ms once per process, which the plain loops (precompiled, the same bytes,
    /// about 250 ns more per dot) exceed from about 60k dots.
    /// </summary>
    internal const int VectorMinimum = 50_000;

    /// <summary>
    /// Dots drawn by the plain loops after which the process uses the vector passes for every field: by then compiling
    /// them would have cost less than the plain loops' extra time.
    /// </summary>
    private const long PlainBudget = 50_000;

    private static long s_plainDots;

    /// <summary>
    /// The same, choosing the loops: the vector ones (eight-lane per-dot pass, AVX-512 or else AVX2 pixel loop where the
    /// processor has it) for fields of at least <paramref name="vectorFrom"/> dots, else the plain ones; or the pixel loop
    /// <paramref name="loop"/> when one is named (the scalar one when the processor lacks it). All give the same bytes.
    /// </summary>
    internal static void Apply(Photo photo, DotField dots, PigmentModel pigment, DensityMap? map,
        SessionSelection? sessions, int maxDegreeOfParallelism, int vectorFrom, PixelLoop loop = PixelLoop.Auto)
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
        PreparedDot[] prepared = RentPrepared(n);
        int[] bandRanges = ArrayPool<int>.Shared.Rent(2 * n);
        int[] bandStart = ArrayPool<int>.Shared.Rent(bands + 1);
        int[]? lists = null, chunkCounts = null;
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
            bool vector = n >= vectorFrom;
            if (!vector)
            {
                Interlocked.Add(ref s_plainDots, n);
            }
            // Bucket dots by the bands their footprints touch: a counting sort, O(dots + bands), that keeps field order
            // inside a band. Each chunk of the field counts its dots per band as it prepares them and later lists them from
            // its own offsets, so both passes run in parallel and give the same lists.
            int chunks = (n + PrepareChunk - 1) / PrepareChunk;
            chunkCounts = ArrayPool<int>.Shared.Rent(chunks * bands);
            Array.Clear(chunkCounts, 0, chunks * bands);
            bool oneThread = chunks == 1 || maxDegreeOfParallelism == 1;
            var shine = new SkinShine(photo, pigment.Skin.Linear, CentreBounds(dots), oneThread ? null : parallel);
            var work = new PrepareWork(dots, pigment, shine, map, selection, prepared, bandRanges, chunkCounts, bands, vector, photo.Width, photo.Height);
            For(chunks, oneThread, parallel, work.Run);
            int total = 0;
            for (int b = 0; b < bands; b++)
            {
                bandStart[b] = total;
                for (int c = 0; c < chunks; c++)
                {
                    ref int count = ref chunkCounts[c * bands + b];
                    int m = count;
                    count = total;
                    total += m;
                }
            }
            bandStart[bands] = total;
            lists = ArrayPool<int>.Shared.Rent(Math.Max(1, total));
            work.Lists = lists;
            For(chunks, oneThread, parallel, work.List);

            LinearRgb t = pigment.Transmittance;
            var kernel = new BandKernel(photo, prepared, bandStart, lists, ShadeTable.For(1f - (float)t.R, 1f - (float)t.G, 1f - (float)t.B),
                Choose(loop, vector));
            // A few thousand dots are drawn in milliseconds in a fresh process: worth two cores. A handful are drawn here.
            For(bands, maxDegreeOfParallelism == 1 || bands == 1 || total < ParallelMinimum, parallel, kernel.Run);
        }
        finally
        {
            ReturnPrepared(prepared);
            ArrayPool<int>.Shared.Return(bandRanges);
            ArrayPool<int>.Shared.Return(bandStart);
            if (lists is not null)
            {
                ArrayPool<int>.Shared.Return(lists);
            }
            if (chunkCounts is not null)
            {
                ArrayPool<int>.Shared.Return(chunkCounts);
            }
        }
    }

    /// <summary>The box of the field's finite dot centres (x0 &gt; x1 when there is none).</summary>
    private static (float X0, float Y0, float X1, float Y1) CentreBounds(DotField dots)
    {
        float x0 = float.PositiveInfinity, y0 = float.PositiveInfinity, x1 = float.NegativeInfinity, y1 = float.NegativeInfinity;
        ReadOnlySpan<float> xs = dots.X, ys = dots.Y;
        for (int i = 0; i < dots.Count; i++)
        {
            float x = xs[i], y = ys[i];
            if (x - x == 0 && y - y == 0)
            {
                x0 = MathF.Min(x0, x);
                x1 = MathF.Max(x1, x);
                y0 = MathF.Min(y0, y);
                y1 = MathF.Max(y1, y);
            }
        }
        return (x0, y0, x1, y1);
    }

    /// <summary>
    /// The per-dot constants' array of the last call, kept for the next one (a 100k-dot field needs 8 MB): the shared
    /// array pool would be a generic instantiation over a private struct, compiled at run time on first use.
    /// </summary>
    private static PreparedDot[]? s_spare;

    private static PreparedDot[] RentPrepared(int n)
    {
        PreparedDot[]? spare = Interlocked.Exchange(ref s_spare, null);
        return spare is not null && spare.Length >= n ? spare : new PreparedDot[Math.Max(n, spare?.Length ?? 0)];
    }

    private static void ReturnPrepared(PreparedDot[] prepared)
    {
        PreparedDot[]? current = Volatile.Read(ref s_spare);
        if (current is null || current.Length < prepared.Length)
        {
            Interlocked.CompareExchange(ref s_spare, prepared, current);
        }
    }

    /// <summary>body(i) for i in [0, count): on the calling thread, or in parallel.</summary>
    private static void For(int count, bool here, ParallelOptions parallel, Action<int> body)
    {
        if (here)
        {
            for (int i = 0; i < count; i++)
            {
                body(i);
            }
        }
        else
        {
            Parallel.For(0, count, parallel, body);
        }
    }

    /// <summary>The pixel loops; all give the same bytes.</summary>
    internal enum PixelLoop
    {
        /// <summary>The fastest the processor has for vector fields, the scalar one for others.</summary>
        Auto,
        Scalar,
        Avx2,
        Avx512,
    }

    /// <summary>The loop to run: the one asked for when the processor has it, else the scalar one.</summary>
    private static PixelLoop Choose(PixelLoop loop, bool vector) => loop switch
    {
        PixelLoop.Auto when vector => Isa.Avx512 ? PixelLoop.Avx512 : Isa.Avx2 ? PixelLoop.Avx2 : PixelLoop.Scalar,
        PixelLoop.Avx2 when Isa.Avx2 => PixelLoop.Avx2,
        PixelLoop.Avx512 when Isa.Avx512 => PixelLoop.Avx512,
        _ => PixelLoop.Scalar,
    };

    /// <summary>
    /// Instruction sets, read once: a method that asks the processor directly is not precompiled (ReadyToRun) and is
    /// compiled on its first call instead.
    /// </summary>
    private static class Isa
    {
        public static readonly bool Avx512 = Avx512F.IsSupported;

        public static readonly bool Avx2 = System.Runtime.Intrinsics.X86.Avx2.IsSupported;
    }

    /// <summary>Dots per chunk of the per-dot pass and of the band lists.</summary>
    private const int PrepareChunk = 8192;

    /// <summary>
    /// One pass over the field: every dot's appearance turned into the constants its pixels need (clipped bounds,
    /// bands, quadratic form of the ellipse, table rows and scales), eight dots at a time. A dot that draws nothing gets
    /// an empty band range.
    /// </summary>
    private sealed class PrepareWork(DotField dots, PigmentModel pigment, SkinShine shine, DensityMap? map, SessionSelection selection,
        PreparedDot[] prepared, int[] bandRanges, int[] chunkCounts, int bands, bool vector, int width, int height)
    {
        /// <summary>The band lists <see cref="List"/> fills, once the counts are turned into offsets.</summary>
        public int[] Lists { get; set; } = [];

        /// <summary>
        /// Chunk <paramref name="chunk"/>: its dots' constants and band ranges, and how many of its dots each band lists.
        /// </summary>
        public void Run(int chunk)
        {
            int start = chunk * PrepareChunk, end = Math.Min(dots.Count, start + PrepareChunk);
            Run(start, end);
            Span<int> counts = chunkCounts.AsSpan(chunk * bands, bands);
            for (int i = start; i < end; i++)
            {
                int b0 = bandRanges[2 * i], b1 = bandRanges[2 * i + 1];
                for (int b = b0; b <= b1; b++)
                {
                    counts[b]++;
                }
            }
        }

        /// <summary>Lists chunk <paramref name="chunk"/>'s dots in each band's list, from the chunk's offsets.</summary>
        public void List(int chunk)
        {
            int[] lists = Lists;
            int start = chunk * PrepareChunk, end = Math.Min(dots.Count, start + PrepareChunk);
            Span<int> next = chunkCounts.AsSpan(chunk * bands, bands);
            for (int i = start; i < end; i++)
            {
                int b0 = bandRanges[2 * i], b1 = bandRanges[2 * i + 1];
                for (int b = b0; b <= b1; b++)
                {
                    lists[next[b]++] = i;
                }
            }
        }

        /// <summary>Dots handled per call of the pigment's appearance pass.</summary>
        private const int Block = 64;

        private void Run(int start, int end)
        {
            if (vector)
            {
                RunVector(start, end);
            }
            else
            {
                RunScalar(start, end);
            }
        }

        /// <summary>
        /// One dot at a time, the same operations in the same order as <see cref="RunVector"/>: the same constants, bit for
        /// bit.
        /// </summary>
        private void RunScalar(int start, int end)
        {
            float px = (float)dots.PxPerMm;
            bool scar = map is { HasScar: true };
            ReadOnlySpan<float> xs = dots.X, ys = dots.Y;
            ReadOnlySpan<int> ranks = dots.Rank;
            ReadOnlySpan<byte> sessions = dots.Session;
            for (int i = start; i < end; i++)
            {
                float x = xs[i], y = ys[i];
                int session = sessions[i];
                bool finite = x - x == 0 && y - y == 0;
                float scarWeight = scar && finite ? map!.ScarAt((int)MathF.Floor(x), (int)MathF.Floor(y)) : 0f;
                DotAppearance a = pigment.Appearance(ranks[i], session, scarWeight, px);
                float invSigma = 1f / a.Sigma;
                bool capped = a.CapSigma > 0;
                float capInvSigma = capped ? 1f / a.CapSigma : invSigma;
                float rho = a.Radius * invSigma, capRho = a.Radius * capInvSigma;
                int k = ProfileRow(rho), capK = ProfileRow(capRho);
                float reach = a.Radius + 2.5f * (capped ? MathF.Min(a.Sigma, a.CapSigma) : a.Sigma);
                float extent = MathF.Sqrt(a.Aspect) * reach;
                float top = y - extent, bottom = y + extent;
                int x0 = (int)MathF.Max(MathF.Min(MathF.Floor(x - extent), width), 0f);
                int x1 = (int)MathF.Min(MathF.Max(MathF.Floor(x + extent), -1f), width - 1f);
                if (!(selection.Contains(session) && finite && a.Strength > 0 && bottom >= 0 && top < height && x0 <= x1))
                {
                    bandRanges[2 * i] = 0;
                    bandRanges[2 * i + 1] = -1;
                    continue;
                }
                ref PreparedDot d = ref prepared[i];
                d.Cx = x;
                d.Cy = y;
                d.X0 = x0;
                d.X1 = x1;
                d.Y0 = (int)MathF.Max(MathF.Floor(top), 0f);
                d.Y1 = (int)MathF.Min(MathF.Floor(MathF.Min(bottom, height)), height - 1f);
                bandRanges[2 * i] = d.Y0 / BandHeight;
                bandRanges[2 * i + 1] = d.Y1 / BandHeight;
                d.Profile = k * DiscCoverage.ProfileLength;
                d.CapProfile = capK * DiscCoverage.ProfileLength;
                d.TScale = invSigma * StepsPerT(k);
                d.CapTScale = capInvSigma * StepsPerT(capK);
                float invAspect = 1f / a.Aspect, cos2 = a.Cos * a.Cos, sin2 = a.Sin * a.Sin;
                d.Qa = cos2 * invAspect + sin2 * a.Aspect;
                d.Qc = sin2 * invAspect + cos2 * a.Aspect;
                d.Qb = 2f * a.Cos * a.Sin * (invAspect - a.Aspect);
                d.Reach2 = reach * reach;
                float share = Shared(shine.DiffuseShare(x, y), scarWeight);
                if (share == 0)
                {
                    bandRanges[2 * i] = 0;
                    bandRanges[2 * i + 1] = -1;
                    continue;
                }
                d.Strength = a.Strength * RhoRatio(rho, k) * DiscCoverage.ProfileMassRatio[k] * share;
                d.TiltX = a.TiltX;
                d.TiltY = a.TiltY;
                d.CapStrength = a.CapStrength * RhoRatio(capRho, capK) * DiscCoverage.ProfileMassRatio[capK] * share;
                d.Capped = capped;
            }
        }

        private unsafe void RunVector(int start, int end)
        {
            float px = (float)dots.PxPerMm;
            bool scar = map is { HasScar: true };
            Span<int> ranks = stackalloc int[Block], sessions = stackalloc int[Block];
            Span<float> scars = stackalloc float[Block], cxs = stackalloc float[Block], cys = stackalloc float[Block];
            Span<DotLanes> appearances = stackalloc DotLanes[Block / 8];
            int* rows = stackalloc int[16], box = stackalloc int[32];
            Vector256<float> widthF = Vector256.Create((float)width), heightF = Vector256.Create((float)height);
            Vector256<int> from = Vector256.Create(selection.From), to = Vector256.Create(selection.To);
            float* lanes = stackalloc float[8 * 12];
            ReadOnlySpan<float> xs = dots.X, ys = dots.Y;
            ReadOnlySpan<int> fieldRanks = dots.Rank;
            ReadOnlySpan<byte> fieldSessions = dots.Session;
            for (int b0 = start; b0 < end; b0 += Block)
            {
                int count = Math.Min(Block, end - b0);
                int groups = (count + 7) / 8;
                for (int j = 0; j < 8 * groups; j++)
                {
                    // Lanes past the end repeat the last dot and are not written back.
                    int i = b0 + Math.Min(j, count - 1);
                    float x = xs[i], y = ys[i];
                    cxs[j] = x;
                    cys[j] = y;
                    ranks[j] = fieldRanks[i];
                    sessions[j] = fieldSessions[i];
                    scars[j] = scar && float.IsFinite(x) && float.IsFinite(y) ? map!.ScarAt((int)MathF.Floor(x), (int)MathF.Floor(y)) : 0f;
                }
                pigment.Appearances(ranks, sessions, scars, px, appearances[..groups]);
                for (int g = 0; g < groups; g++)
                {
                    ref DotLanes a = ref appearances[g];

                    // Profile rows and scales: the nearest ρ row. ρ = r/σ is about 3 for the largest needle at any scale
                    // (the skin blurs by σ ≥ 0.035 mm); beyond 8, reached only with extreme size jitter, it is clamped.
                    Vector256<float> invSigma = Vector256<float>.One / a.Sigma;
                    Vector256<float> capped = Vector256.GreaterThan(a.CapSigma, Vector256<float>.Zero);
                    Vector256<float> capInvSigma = Vector256.ConditionalSelect(capped, Vector256<float>.One / a.CapSigma, invSigma);
                    Vector256<float> rho = a.Radius * invSigma, capRho = a.Radius * capInvSigma;
                    Vector256<int> k = ProfileRow(rho), capK = ProfileRow(capRho);
                    k.Store(rows);
                    capK.Store(rows + 8);
                    (invSigma * StepsPerT(k)).Store(lanes);
                    (capInvSigma * StepsPerT(capK)).Store(lanes + 8);

                    // Quadratic form of the ellipse: d² = qa·dx² + qb·dx·dy + qc·dy².
                    Vector256<float> invAspect = Vector256<float>.One / a.Aspect;
                    Vector256<float> cos2 = a.Cos * a.Cos, sin2 = a.Sin * a.Sin;
                    (cos2 * invAspect + sin2 * a.Aspect).Store(lanes + 16);
                    (sin2 * invAspect + cos2 * a.Aspect).Store(lanes + 24);
                    (Vector256.Create(2f) * a.Cos * a.Sin * (invAspect - a.Aspect)).Store(lanes + 32);
                    Vector256<float> reach = a.Radius + Vector256.Create(2.5f)
                        * Vector256.ConditionalSelect(capped, Vector256.Min(a.Sigma, a.CapSigma), a.Sigma);
                    (reach * reach).Store(lanes + 40);
                    (a.Strength * RhoRatio(rho, k)).Store(lanes + 56);
                    a.TiltX.Store(lanes + 64);
                    a.TiltY.Store(lanes + 72);
                    (a.CapStrength * RhoRatio(capRho, capK)).Store(lanes + 80);
                    capped.Store(lanes + 88);

                    // The clipped box, and whether the dot draws at all: a chosen session, a finite centre, some strength,
                    // and a box that meets the photo. Floors are clamped to [−1, size] before they become integers.
                    Vector256<float> x = Vector256.Create(cxs.Slice(8 * g, 8)), y = Vector256.Create(cys.Slice(8 * g, 8));
                    Vector256<float> extent = Vector256.Sqrt(a.Aspect) * reach;
                    Vector256<float> top = y - extent, bottom = y + extent, minusOne = Vector256.Create(-1f);
                    Vector256<int> session = Vector256.Create(sessions.Slice(8 * g, 8));
                    Vector256<float> draws = (Vector256.GreaterThanOrEqual(session, from) & Vector256.LessThanOrEqual(session, to)).AsSingle()
                        & Vector256.Equals(x - x, Vector256<float>.Zero) & Vector256.Equals(y - y, Vector256<float>.Zero)
                        & Vector256.GreaterThan(a.Strength, Vector256<float>.Zero)
                        & Vector256.GreaterThanOrEqual(bottom, Vector256<float>.Zero) & Vector256.LessThan(top, heightF);
                    Vector256<int> x0 = Vector256.ConvertToInt32Native(Vector256.Max(Vector256.Min(Vector256.Floor(x - extent), widthF), Vector256<float>.Zero));
                    Vector256<int> x1 = Vector256.ConvertToInt32Native(Vector256.Min(Vector256.Max(Vector256.Floor(x + extent), minusOne), widthF - Vector256<float>.One));
                    draws &= Vector256.LessThanOrEqual(x0, x1).AsSingle();
                    x0.Store(box);
                    x1.Store(box + 8);
                    Vector256.ConvertToInt32Native(Vector256.Max(Vector256.Floor(top), Vector256<float>.Zero)).Store(box + 16);
                    Vector256.ConvertToInt32Native(Vector256.Min(Vector256.Floor(Vector256.Min(bottom, heightF)), heightF - Vector256<float>.One)).Store(box + 24);
                    uint drawn = draws.ExtractMostSignificantBits();

                    int first = b0 + 8 * g, n = Math.Min(8, end - first);
                    for (int j = 0; j < n; j++)
                    {
                        ref PreparedDot d = ref prepared[first + j];
                        if ((drawn & (1u << j)) == 0)
                        {
                            bandRanges[2 * (first + j)] = 0;
                            bandRanges[2 * (first + j) + 1] = -1;
                            continue;
                        }
                        float share = Shared(shine.DiffuseShare(cxs[8 * g + j], cys[8 * g + j]), scars[8 * g + j]);
                        if (share == 0)
                        {
                            bandRanges[2 * (first + j)] = 0;
                            bandRanges[2 * (first + j) + 1] = -1;
                            continue;
                        }
                        d.Cx = cxs[8 * g + j];
                        d.Cy = cys[8 * g + j];
                        d.X0 = box[j];
                        d.X1 = box[8 + j];
                        d.Y0 = box[16 + j];
                        d.Y1 = box[24 + j];
                        bandRanges[2 * (first + j)] = d.Y0 / BandHeight;
                        bandRanges[2 * (first + j) + 1] = d.Y1 / BandHeight;
                        d.Profile = rows[j] * DiscCoverage.ProfileLength;
                        d.CapProfile = rows[8 + j] * DiscCoverage.ProfileLength;
                        d.TScale = lanes[j];
                        d.CapTScale = lanes[8 + j];
                        d.Qa = lanes[16 + j];
                        d.Qc = lanes[24 + j];
                        d.Qb = lanes[32 + j];
                        d.Reach2 = lanes[40 + j];
                        d.Strength = lanes[56 + j] * DiscCoverage.ProfileMassRatio[rows[j]] * share;
                        d.TiltX = lanes[64 + j];
                        d.TiltY = lanes[72 + j];
                        d.CapStrength = lanes[80 + j] * DiscCoverage.ProfileMassRatio[rows[8 + j]] * share;
                        d.Capped = lanes[88 + j] != 0;
                    }
                }
            }
        }
    }

    /// <summary>
    /// The skin's share of the light at a dot, none of it taken for shine on scar tissue (a pale scar is whiter skin, not
    /// shine), in proportion to the scar weight.
    /// </summary>
    private static float Shared(float share, float scar) => share + (1f - share) * MathF.Min(MathF.Max(scar, 0f), 1f);

    /// <summary>
    /// The profile row of a dot of ρ = r/σ: the nearest, and at least the first (ρ = 1/16), since row 0 (ρ = 0) draws
    /// nothing.
    /// </summary>
    private static int ProfileRow(float rho) =>
        Math.Max((int)(MathF.Min(rho, DiscCoverage.MaxRho) * DiscCoverage.ProfileRowsPerRho + 0.5f), 1);

    /// <summary>
    /// (ρ / ρ of row k)²: the dot's area over that of the nearest row's profile, which it is drawn with (with
    /// <see cref="DiscCoverage.ProfileMassRatio"/>, the row's own correction, the dot then takes its own area's light). A
    /// dot much softer than it is wide (ρ under 1/2: a sub-pixel dot on a soft photo) has nearly a Gaussian's profile
    /// whatever its ρ, and rows 1/16 apart would otherwise give it up to twice its area.
    /// </summary>
    private static float RhoRatio(float rho, int k)
    {
        float ratio = MathF.Min(rho, DiscCoverage.MaxRho) / (k * (1f / DiscCoverage.ProfileRowsPerRho));
        return ratio * ratio;
    }

    private static Vector256<float> RhoRatio(Vector256<float> rho, Vector256<int> k)
    {
        Vector256<float> ratio = Vector256.Min(rho, Vector256.Create(DiscCoverage.MaxRho))
            / (Vector256.ConvertToSingle(k) * Vector256.Create(1f / DiscCoverage.ProfileRowsPerRho));
        return ratio * ratio;
    }

    private static float StepsPerT(int k) => (DiscCoverage.ProfileLength - 1) / (k / (float)DiscCoverage.ProfileRowsPerRho + DiscCoverage.ProfileMargin);

    private static Vector256<int> ProfileRow(Vector256<float> rho) => Vector256.Max(Vector256.ConvertToInt32Native(
        Vector256.Min(rho, Vector256.Create(DiscCoverage.MaxRho)) * Vector256.Create((float)DiscCoverage.ProfileRowsPerRho) + Vector256.Create(0.5f)),
        Vector256<int>.One);

    /// <summary><see cref="DiscCoverage.ProfileStepsPerT"/> in lanes.</summary>
    private static Vector256<float> StepsPerT(Vector256<int> k) => Vector256.Create((float)(DiscCoverage.ProfileLength - 1))
        / (Vector256.ConvertToSingle(k) / Vector256.Create((float)DiscCoverage.ProfileRowsPerRho) + Vector256.Create(DiscCoverage.ProfileMargin));

    /// <summary>What the pixels of one dot need, computed once per dot.</summary>
    private struct PreparedDot
    {
        public float Cx, Cy;
        public int X0, X1, Y0, Y1;
        public float Qa, Qb, Qc, Reach2;
        public float Strength, TiltX, TiltY;
        public int Profile, CapProfile;
        public float TScale, CapTScale, CapStrength;
        public bool Capped;
    }

    /// <summary>Applies the dots listed for one band of rows, in field order.</summary>
    private readonly struct BandKernel
    {
        private readonly Photo _photo;
        private readonly PreparedDot[] _dots;
        private readonly int[] _bandStart;
        private readonly int[] _lists;
        private readonly ShadeTable _shade;
        private readonly PixelLoop _loop;

        public BandKernel(Photo photo, PreparedDot[] dots, int[] bandStart, int[] lists, ShadeTable shade, PixelLoop loop)
        {
            _photo = photo;
            _dots = dots;
            _bandStart = bandStart;
            _lists = lists;
            _shade = shade;
            _loop = loop;
        }

        public unsafe void Run(int band)
        {
            int rowTop = band * BandHeight;
            int rowEnd = Math.Min(_photo.Height, rowTop + BandHeight);
            int stride = _photo.Stride;
            int first = _bandStart[band], last = _bandStart[band + 1];
            fixed (byte* pixels = _photo.Pixels)
            fixed (float* profiles = DiscCoverage.ProfileTable, slopes = DiscCoverage.ProfileSlopes)
            fixed (ushort* shade = _shade.Data)
            fixed (int* packs = PackTable)
            {
                // The cap comes from the pigment's fading: either every dot has it or none has.
                bool capped = first < last && _dots[_lists[first]].Capped;
                if (_loop == PixelLoop.Avx2)
                {
                    if (capped)
                    {
                        DrawAvx2<Capped>(_dots, _lists, first, last, pixels, stride, rowTop, rowEnd, profiles, shade, packs);
                    }
                    else
                    {
                        DrawAvx2<Uncapped>(_dots, _lists, first, last, pixels, stride, rowTop, rowEnd, profiles, shade, packs);
                    }
                    return;
                }
                if (_loop == PixelLoop.Avx512)
                {
                    if (capped)
                    {
                        DrawVector<Capped>(_dots, _lists, first, last, pixels, stride, rowTop, rowEnd, profiles, slopes, shade);
                    }
                    else
                    {
                        DrawVector<Uncapped>(_dots, _lists, first, last, pixels, stride, rowTop, rowEnd, profiles, slopes, shade);
                    }
                    return;
                }
                for (int k = first; k < last; k++)
                {
                    if (k + PrefetchDistance < last)
                    {
                        Prefetch(in _dots[_lists[k + PrefetchDistance]], pixels, stride, rowTop, rowEnd);
                    }
                    ref readonly PreparedDot d = ref _dots[_lists[k]];
                    int y0 = Math.Max(rowTop, d.Y0), y1 = Math.Min(rowEnd - 1, d.Y1);
                    DrawScalar(in d, pixels + (long)y0 * stride, stride, y0, y1, profiles, shade);
                }
            }
        }

        /// <summary>
        /// Asks for the cache lines a dot a few places ahead will touch: its rows are a photo stride apart, so the
        /// hardware prefetchers do not see them coming.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe void Prefetch(in PreparedDot d, byte* pixels, int stride, int rowTop, int rowEnd)
        {
            if (!Sse.IsSupported)
            {
                return;
            }
            int y0 = Math.Max(rowTop, d.Y0), y1 = Math.Min(rowEnd - 1, d.Y1);
            for (int y = y0; y <= y1; y++)
            {
                byte* row = pixels + (long)y * stride;
                Sse.Prefetch0(row + d.X0 * 4);
                Sse.Prefetch0(row + d.X1 * 4);
            }
        }

        /// <summary>Pixels a dot lists before they are changed: a few hundred times a healed dot's footprint.</summary>
        private const int PendingCapacity = 4096;

        /// <summary>
        /// One dot's box, two rows of eight pixels at a time: distance, profile read (the dot's 32-sample profile held
        /// in two registers and read by a two-table permute, no memory gather), coverage and the mask of pixels to
        /// change, all in sixteen lanes; the pixels to change are packed (offset and shade-table row) by a compress, and
        /// then each listed pixel's three channels go through the shade table in one tight loop. The same operations in the
        /// same order as <see cref="DrawScalar"/>, so both give identical bytes.
        /// </summary>
        private static unsafe void DrawVector<TCapped>(PreparedDot[] dots, int[] lists, int first, int end, byte* pixels, int stride,
            int rowTop, int rowEnd, float* profiles, float* slopes, ushort* shade)
            where TCapped : struct
        {
            int* offsets = stackalloc int[PendingCapacity], rows = stackalloc int[PendingCapacity];
            byte* origin = pixels + (long)rowTop * stride;
            Vector512<int> lanes = Vector512.Create(0, 1, 2, 3, 4, 5, 6, 7, 0, 1, 2, 3, 4, 5, 6, 7);
            Vector512<float> secondRow = Vector512.Create(0f, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1);
            Vector512<float> laneX = Vector512.ConvertToSingle(lanes);
            Vector512<int> rowOffset = Vector512.Create(0, 0, 0, 0, 0, 0, 0, 0, stride, stride, stride, stride, stride, stride, stride, stride)
                + lanes * 4;
            Vector512<int> rowIndex = Vector512.Create(0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1);
            Vector512<uint> laneColumn = lanes.AsUInt32(), laneRow = rowIndex.AsUInt32();
            Vector512<float> half = Vector512.Create(0.5f), last = Vector512.Create((float)(DiscCoverage.ProfileLength - 1));
            Vector512<float> below = Vector512.Create(BelowLast);
            Vector512<float> minCoverage = Vector512.Create(MinCoverage), levels = Vector512.Create((float)ShadeTable.Levels);
            int count = 0;
            for (int k = first; k < end; k++)
            {
                if (k + PrefetchDistance < end)
                {
                    Prefetch(in dots[lists[k + PrefetchDistance]], pixels, stride, rowTop, rowEnd);
                }
                ref readonly PreparedDot d = ref dots[lists[k]];
                int y0 = Math.Max(rowTop, d.Y0), y1 = Math.Min(rowEnd - 1, d.Y1);
                Vector512<float> cx = Vector512.Create(d.Cx), cy = Vector512.Create(d.Cy), qa = Vector512.Create(d.Qa);
                Vector512<float> qb = Vector512.Create(d.Qb), qc = Vector512.Create(d.Qc), tiltY = Vector512.Create(d.TiltY);
                Vector512<float> reach2 = Vector512.Create(d.Reach2), tScale = Vector512.Create(d.TScale), strength = Vector512.Create(d.Strength);
                Vector512<float> tiltX = Vector512.Create(d.TiltX);
                Vector512<float> lo = Vector512.Load(profiles + d.Profile), hi = Vector512.Load(profiles + d.Profile + 16);
                Vector512<float> slopeLo = Vector512.Load(slopes + d.Profile), slopeHi = Vector512.Load(slopes + d.Profile + 16);
                Vector512<float> capLo = default, capHi = default, capSlopeLo = default, capSlopeHi = default, capTScale = default, capStrength = default;
                if (typeof(TCapped) == typeof(Capped))
                {
                    capLo = Vector512.Load(profiles + d.CapProfile);
                    capHi = Vector512.Load(profiles + d.CapProfile + 16);
                    capSlopeLo = Vector512.Load(slopes + d.CapProfile);
                    capSlopeHi = Vector512.Load(slopes + d.CapProfile + 16);
                    capTScale = Vector512.Create(d.CapTScale);
                    capStrength = Vector512.Create(d.CapStrength);
                }
                int x0 = d.X0, x1 = d.X1;
                uint seed = Dither.Seed(in d);
                // Column chunks outside, row pairs inside: a dot's box is rarely wider than eight pixels, so what depends on
                // the column alone is computed once per dot. Each pixel is listed once per dot either way.
                for (int x = x0; x <= x1; x += 8)
                {
                    // (x + lane) + 0.5 is exact in floats, so this is the scalar loop's x + 0.5 − cx.
                    Vector512<float> dx = laneX + Vector512.Create(x + 0.5f) - cx;
                    Vector512<float> qaDx = qa * dx, tiltDx = tiltX * dx;
                    Vector512<int> columns = Vector512.LessThan(lanes, Vector512.Create(x1 - x + 1));
                    Vector512<uint> columnHash = Vector512.Create(seed) ^ ((laneColumn + Vector512.Create((uint)x)) * Vector512.Create(Dither.ColumnFactor));
                    for (int y = y0; y <= y1; y += 2)
                    {
                        if (count > PendingCapacity - 16)
                        {
                            Shade(origin, shade, offsets, rows, count);
                            count = 0;
                        }
                        Vector512<float> dy = Vector512.Create((float)y) + secondRow + half - cy;
                        Vector512<float> d2 = (qaDx + qb * dy) * dx + qc * dy * dy;
                        Vector512<float> root = Vector512.Sqrt(Vector512.MaxNative(d2, Vector512<float>.Zero));
                        Vector512<float> shape = Vector512<float>.One + tiltY * dy + tiltDx;
                        Vector512<float> t = root * tScale;
                        Vector512<float> cov = strength * Profile(lo, hi, slopeLo, slopeHi, Vector512.MinNative(t, below)) * shape;
                        Vector512<float> draw = (columns & Vector512.LessThanOrEqual(rowIndex, Vector512.Create(y1 - y))).AsSingle()
                            & Vector512.LessThan(d2, reach2) & Vector512.LessThan(t, last);
                        if (typeof(TCapped) == typeof(Capped))
                        {
                            Vector512<float> ct = root * capTScale;
                            Vector512<float> capCov = capStrength * Profile(capLo, capHi, capSlopeLo, capSlopeHi, Vector512.MinNative(ct, below)) * shape;
                            cov = Vector512.MinNative(cov, Vector512.ConditionalSelect(Vector512.LessThan(ct, last), capCov, Vector512<float>.Zero));
                        }
                        Vector512<uint> hash = Dither.Mix(columnHash ^ ((laneRow + Vector512.Create((uint)y)) * Vector512.Create(Dither.RowFactor)));
                        Vector512<float> levelDither = Vector512.ConvertToSingle((hash & Vector512.Create(0xFFu)).AsInt32())
                            * Vector512.Create(Dither.Step) + Vector512.Create(Dither.HalfStep);
                        Vector512<int> level = Vector512.ConvertToInt32Native(Vector512.MinNative(cov, Vector512<float>.One) * levels + levelDither);
                        // Level 0 is the identity: such pixels need not be listed.
                        Vector512<int> keep = (draw & Vector512.GreaterThanOrEqual(cov, minCoverage)).AsInt32() & ~Vector512.Equals(level, Vector512<int>.Zero);
                        Vector512<int> at = rowOffset + Vector512.Create((y - rowTop) * stride + x * 4);
                        Vector512<int> row = level | ((hash >> 8) & Vector512.Create(0xFFu)).AsInt32() << Dither.RowShift;
                        Avx512F.Compress(Vector512<int>.Zero, keep, at).Store(offsets + count);
                        Avx512F.Compress(Vector512<int>.Zero, keep, row).Store(rows + count);
                        count += BitOperations.PopCount(keep.ExtractMostSignificantBits());
                    }
                }
            }
            Shade(origin, shade, offsets, rows, count);
        }

        /// <summary>
        /// <see cref="DrawVector{TCapped}"/> in 256-bit lanes, for processors with AVX2 and without AVX-512: one row of eight
        /// pixels at a time, the dot's profile held in four registers and read by permutes, the pixels to change packed by a
        /// permute from <see cref="PackTable"/> (no branch on the coverage, so the rows of a dot overlap in the processor) and
        /// shaded in one loop. The same operations in the same order as <see cref="DrawScalar"/>: the same bytes.
        /// </summary>
        /// <remarks>
        /// Gathers (for the profile, and for the shade table in place of the list) measured slower on AMD Zen 4, as did
        /// shading a dot's pixels as soon as their row was computed (a branch on each row's coverage).
        /// </remarks>
        private static unsafe void DrawAvx2<TCapped>(PreparedDot[] dots, int[] lists, int first, int end, byte* pixels, int stride,
            int rowTop, int rowEnd, float* profiles, ushort* shade, int* packs)
            where TCapped : struct
        {
            Vector256<int> lanes = Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
            Vector256<float> laneX = Vector256.ConvertToSingle(lanes);
            Vector256<float> half = Vector256.Create(0.5f), last = Vector256.Create((float)(DiscCoverage.ProfileLength - 1));
            Vector256<float> below = Vector256.Create(BelowLast);
            Vector256<float> minCoverage = Vector256.Create(MinCoverage), levels = Vector256.Create((float)ShadeTable.Levels);
            int* offsets = stackalloc int[PendingCapacity], rows = stackalloc int[PendingCapacity];
            byte* origin = pixels + (long)rowTop * stride;
            Vector256<int> laneOffset = lanes * 4;
            int count = 0;
            for (int k = first; k < end; k++)
            {
                if (k + PrefetchDistance < end)
                {
                    Prefetch(in dots[lists[k + PrefetchDistance]], pixels, stride, rowTop, rowEnd);
                }
                ref readonly PreparedDot d = ref dots[lists[k]];
                int y0 = Math.Max(rowTop, d.Y0), y1 = Math.Min(rowEnd - 1, d.Y1);
                float cyS = d.Cy, qbS = d.Qb, qcS = d.Qc, tiltYS = d.TiltY;
                Vector256<float> cx = Vector256.Create(d.Cx), qa = Vector256.Create(d.Qa);
                Vector256<float> reach2 = Vector256.Create(d.Reach2), tScale = Vector256.Create(d.TScale), strength = Vector256.Create(d.Strength);
                Vector256<float> tiltX = Vector256.Create(d.TiltX);
                float* profile = profiles + d.Profile, capProfile = profiles + d.CapProfile;
                Vector256<float> p0 = Vector256.Load(profile), p1 = Vector256.Load(profile + 8), p2 = Vector256.Load(profile + 16), p3 = Vector256.Load(profile + 24);
                Vector256<float> c0 = default, c1 = default, c2 = default, c3 = default;
                Vector256<float> capTScale = default, capStrength = default;
                if (typeof(TCapped) == typeof(Capped))
                {
                    c0 = Vector256.Load(capProfile);
                    c1 = Vector256.Load(capProfile + 8);
                    c2 = Vector256.Load(capProfile + 16);
                    c3 = Vector256.Load(capProfile + 24);
                    capTScale = Vector256.Create(d.CapTScale);
                    capStrength = Vector256.Create(d.CapStrength);
                }
                int x0 = d.X0, x1 = d.X1;
                uint seed = Dither.Seed(in d);
                for (int x = x0; x <= x1; x += 8)
                {
                    // (x + lane) + 0.5 is exact in floats, so this is the scalar loop's x + 0.5 − cx.
                    Vector256<float> dx = laneX + Vector256.Create(x + 0.5f) - cx;
                    Vector256<float> qaDx = qa * dx, tiltDx = tiltX * dx;
                    Vector256<float> columns = Vector256.LessThan(lanes, Vector256.Create(x1 - x + 1)).AsSingle();
                    Vector256<uint> columnHash = Vector256.Create(seed) ^ ((lanes.AsUInt32() + Vector256.Create((uint)x)) * Vector256.Create(Dither.ColumnFactor));
                    for (int y = y0; y <= y1; y++)
                    {
                        if (count > PendingCapacity - 8)
                        {
                            Shade(origin, shade, offsets, rows, count);
                            count = 0;
                        }
                        float dyS = y + 0.5f - cyS;
                        Vector256<float> d2 = (qaDx + Vector256.Create(qbS * dyS)) * dx + Vector256.Create(qcS * dyS * dyS);
                        Vector256<float> root = Vector256.Sqrt(Vector256.MaxNative(d2, Vector256<float>.Zero));
                        Vector256<float> shape = Vector256.Create(1 + tiltYS * dyS) + tiltDx;
                        Vector256<float> t = root * tScale;
                        Vector256<float> cov = strength * Profile(p0, p1, p2, p3, Vector256.MinNative(t, below)) * shape;
                        Vector256<float> draw = columns & Vector256.LessThan(d2, reach2) & Vector256.LessThan(t, last);
                        if (typeof(TCapped) == typeof(Capped))
                        {
                            Vector256<float> ct = root * capTScale;
                            Vector256<float> capCov = capStrength * Profile(c0, c1, c2, c3, Vector256.MinNative(ct, below)) * shape;
                            cov = Vector256.MinNative(cov, Vector256.ConditionalSelect(Vector256.LessThan(ct, last), capCov, Vector256<float>.Zero));
                        }
                        Vector256<uint> hash = Dither.Mix(columnHash ^ Vector256.Create((uint)y * Dither.RowFactor));
                        Vector256<float> levelDither = Vector256.ConvertToSingle((hash & Vector256.Create(0xFFu)).AsInt32())
                            * Vector256.Create(Dither.Step) + Vector256.Create(Dither.HalfStep);
                        Vector256<int> level = Vector256.ConvertToInt32Native(Vector256.MinNative(cov, Vector256<float>.One) * levels + levelDither);
                        // Level 0 is the identity: such pixels need not be listed.
                        uint keep = ((draw & Vector256.GreaterThanOrEqual(cov, minCoverage)).AsInt32() & ~Vector256.Equals(level, Vector256<int>.Zero))
                            .ExtractMostSignificantBits();
                        Vector256<int> pack = Vector256.Load(packs + 8 * keep);
                        Vector256<int> row = level | ((hash >> 8) & Vector256.Create(0xFFu)).AsInt32() << Dither.RowShift;
                        Avx2.PermuteVar8x32(laneOffset + Vector256.Create((y - rowTop) * stride + x * 4), pack).Store(offsets + count);
                        Avx2.PermuteVar8x32(row, pack).Store(rows + count);
                        count += BitOperations.PopCount(keep);
                    }
                }
            }
            Shade(origin, shade, offsets, rows, count);
        }

        /// <summary>For each 8-bit mask, the lanes whose bit is set, in order, then zeros: a compress by one permute.</summary>
        private static readonly int[] PackTable = BuildPackTable();

        private static int[] BuildPackTable()
        {
            var table = new int[256 * 8];
            for (int mask = 0; mask < 256; mask++)
            {
                int n = 0;
                for (int lane = 0; lane < 8; lane++)
                {
                    if ((mask & (1 << lane)) != 0)
                    {
                        table[8 * mask + n++] = lane;
                    }
                }
            }
            return table;
        }

        /// <summary>
        /// A profile held in four registers read linearly at fractional sample positions in [0, 31): each sample picked by
        /// four permutes and three blends on bits 3 and 4 of its index.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> Profile(Vector256<float> p0, Vector256<float> p1, Vector256<float> p2, Vector256<float> p3,
            Vector256<float> position)
        {
            Vector256<int> j = Vector256.ConvertToInt32Native(position);
            Vector256<float> w = position - Vector256.ConvertToSingle(j);
            Vector256<float> a = Pick(p0, p1, p2, p3, j);
            Vector256<float> b = Pick(p0, p1, p2, p3, j + Vector256<int>.One);
            return a + (b - a) * w;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector256<float> Pick(Vector256<float> p0, Vector256<float> p1, Vector256<float> p2, Vector256<float> p3, Vector256<int> j)
        {
            Vector256<float> bit3 = Vector256.ShiftLeft(j, 28).AsSingle(), bit4 = Vector256.ShiftLeft(j, 27).AsSingle();
            Vector256<float> low = Avx.BlendVariable(Avx2.PermuteVar8x32(p0, j), Avx2.PermuteVar8x32(p1, j), bit3);
            Vector256<float> high = Avx.BlendVariable(Avx2.PermuteVar8x32(p2, j), Avx2.PermuteVar8x32(p3, j), bit3);
            return Avx.BlendVariable(low, high, bit4);
        }

        /// <summary>Type arguments that compile <see cref="DrawVector{TCapped}"/> with or without the faded dot's cap.</summary>
        private struct Capped;

        private struct Uncapped;

        /// <summary>Each listed pixel's three channels through its shade-table row, rounded by its dither.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe void Shade(byte* origin, ushort* shade, int* offsets, int* rows, int count)
        {
            int i = 0;
            for (; i + 4 <= count; i += 4)
            {
                uint* p0 = (uint*)(origin + offsets[i]), p1 = (uint*)(origin + offsets[i + 1]);
                uint* p2 = (uint*)(origin + offsets[i + 2]), p3 = (uint*)(origin + offsets[i + 3]);
                int r0 = rows[i], r1 = rows[i + 1], r2 = rows[i + 2], r3 = rows[i + 3];
                *p0 = ShadeOne(*p0, shade, r0);
                *p1 = ShadeOne(*p1, shade, r1);
                *p2 = ShadeOne(*p2, shade, r2);
                *p3 = ShadeOne(*p3, shade, r3);
            }
            for (; i < count; i++)
            {
                uint* p = (uint*)(origin + offsets[i]);
                *p = ShadeOne(*p, shade, rows[i]);
            }
        }

        /// <summary>
        /// A pixel's three channels through the shade table: row (its coverage level, and its dither above
        /// <see cref="Dither.RowShift"/>) picks each channel's entry, a code in 1/256 steps, which the dither rounds down or up.
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe uint ShadeOne(uint v, ushort* shade, int row)
        {
            ushort* lut = shade + (row & Dither.LevelMask);
            uint dither = (uint)row >> Dither.RowShift;
            return (v & 0xFF000000) | ((lut[(v << 9) & ShadeTable.CodeMask] + dither) >> 8)
                | (((lut + ShadeTable.ChannelSize)[(v << 1) & ShadeTable.CodeMask] + dither) >> 8 << 8)
                | (((lut + 2 * ShadeTable.ChannelSize)[(v >> 7) & ShadeTable.CodeMask] + dither) >> 8 << 16);
        }

        /// <summary>The largest float below the last profile sample's position.</summary>
        private static readonly float BelowLast = MathF.BitDecrement(DiscCoverage.ProfileLength - 1);

        /// <summary>
        /// A profile read linearly at fractional sample positions in [0, 31): a sample and its slope to the next by two
        /// permutes, then <c>a + s · w</c> (the same float as <c>a + (b − a) · w</c>).
        /// </summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static Vector512<float> Profile(Vector512<float> lo, Vector512<float> hi, Vector512<float> slopeLo, Vector512<float> slopeHi,
            Vector512<float> position)
        {
            Vector512<int> j = Vector512.ConvertToInt32Native(position);
            Vector512<float> w = position - Vector512.ConvertToSingle(j);
            Vector512<float> a = Avx512F.PermuteVar16x32x2(lo, j, hi);
            Vector512<float> s = Avx512F.PermuteVar16x32x2(slopeLo, j, slopeHi);
            return a + s * w;
        }

        /// <summary>The same as <see cref="DrawVector"/>, one pixel at a time, for small fields and processors without AVX2.</summary>
        private static unsafe void DrawScalar(in PreparedDot d, byte* row, int stride, int y0, int y1, float* profiles, ushort* shade)
        {
            // The dot's constants in locals: the pixel stores could alias them, and would make each one a fresh load.
            float* profile = profiles + d.Profile, capProfile = profiles + d.CapProfile;
            float cx = d.Cx, cy = d.Cy, qa = d.Qa, qb = d.Qb, qc = d.Qc, reach2 = d.Reach2, tScale = d.TScale, strength = d.Strength;
            float tiltX = d.TiltX, tiltY = d.TiltY, capTScale = d.CapTScale, capStrength = d.CapStrength;
            bool capped = d.Capped;
            int x0 = d.X0, x1 = d.X1;
            uint seed = Dither.Seed(in d);
            const float Last = DiscCoverage.ProfileLength - 1;
            for (int y = y0; y <= y1; y++, row += stride)
            {
                uint rowHash = (uint)y * Dither.RowFactor;
                float dy = y + 0.5f - cy;
                float rowConst = qc * dy * dy, rowLin = qb * dy;
                float tiltRow = 1 + tiltY * dy;
                byte* p = row + x0 * 4;
                for (int x = x0; x <= x1; x++, p += 4)
                {
                    float dx = x + 0.5f - cx;
                    float d2 = (qa * dx + rowLin) * dx + rowConst;
                    float root = MathF.Sqrt(d2 > 0f ? d2 : 0f);
                    float t = root * tScale;
                    if (!(d2 < reach2) || !(t < Last))
                    {
                        continue;
                    }
                    float shape = tiltRow + tiltX * dx;
                    float cov = strength * Profile(profile, t) * shape;
                    if (capped)
                    {
                        float ct = root * capTScale;
                        float capCov = ct < Last ? capStrength * Profile(capProfile, ct) * shape : 0f;
                        cov = capCov < cov ? capCov : cov;
                    }
                    if (!(cov >= MinCoverage))
                    {
                        continue;
                    }
                    uint hash = Dither.Mix(seed ^ ((uint)x * Dither.ColumnFactor) ^ rowHash);
                    int level = (int)((cov < 1f ? cov : 1f) * ShadeTable.Levels + ((hash & 0xFF) * Dither.Step + Dither.HalfStep));
                    if (level != 0)
                    {
                        *(uint*)p = ShadeOne(*(uint*)p, shade, level | (int)((hash >> 8) & 0xFF) << Dither.RowShift);
                    }
                }
            }
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static unsafe float Profile(float* profile, float position)
        {
            int j = (int)position;
            float w = position - j;
            return profile[j] + (profile[j + 1] - profile[j]) * w;
        }
    }

    /// <summary>
    /// The rounding of a dot's pixels: a dot changes a pixel by its coverage, quantised to 1/<see cref="ShadeTable.Levels"/>,
    /// and the change is written in 8-bit codes. Both are rounded up or down at random, in proportion to how near each
    /// neighbour is (the coverage in its steps, the colour in linear light between the two codes around it), so that on
    /// average every dot takes exactly its own light away: the faint edges of soft or sub-pixel dots, each under half a
    /// code, would otherwise round away (or up to a whole step) dot after dot. The random numbers are a hash of the pixel
    /// and of the dot's centre: the same for any thread count and pixel loop, and one dot's draws do not line up with the
    /// next one's.
    /// </summary>
    private static class Dither
    {
        public const uint ColumnFactor = 0x9E3779B1u;
        public const uint RowFactor = 0x85EBCA77u;

        /// <summary>A listed pixel's row: its coverage level in the low bits, its colour dither (0..255) from this bit.</summary>
        public const int RowShift = 16;

        public const int LevelMask = (1 << RowShift) - 1;

        /// <summary>The coverage dither of hash byte k is (k + 1/2) / 256: uniform in (0, 1), its mean exactly 1/2.</summary>
        public const float Step = 1f / 256f;

        public const float HalfStep = 0.5f / 256f;

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static uint Seed(in PreparedDot d) =>
            (BitConverter.SingleToUInt32Bits(d.Cx) * 0xC2B2AE3Du) ^ (BitConverter.SingleToUInt32Bits(d.Cy) * 0x27D4EB2Fu);

        /// <summary>A multiply, and its high bits folded onto the low ones: enough mixing for a rounding's coin flips.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static uint Mix(uint h)
        {
            h *= 0x85EBCA6Bu;
            return h ^ (h >> 15);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector512<uint> Mix(Vector512<uint> h)
        {
            h *= Vector512.Create(0x85EBCA6Bu);
            return h ^ (h >> 15);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static Vector256<uint> Mix(Vector256<uint> h)
        {
            h *= Vector256.Create(0x85EBCA6Bu);
            return h ^ (h >> 15);
        }
    }

    /// <summary>
    /// What one dot does to one 8-bit channel value, for coverage quantised to 1/<see cref="Levels"/>: entry (channel, c, q)
    /// holds <c>decode(c) · (1 − absorption · q / Levels)</c> in linear light as a code in 1/256 steps: k + f, where
    /// decode(k) ≤ the value &lt; decode(k + 1) and f is its share of the way between them in linear light (a dither that
    /// rounds up with probability f keeps the linear value on average). Level 0 is exactly c. Built once per pigment
    /// transmittance (0.8 MB with padding, about a millisecond) and kept for the next call.
    /// </summary>
    private sealed class ShadeTable
    {
        public const int Levels = 256;

        /// <summary>Entries per code: the 257 levels padded to 512, so that a code's offset is a shift.</summary>
        public const int CodeShift = 9;

        public const uint CodeMask = 255u << CodeShift;

        /// <summary>Entries per channel.</summary>
        public const int ChannelSize = 256 << CodeShift;

        private static ShadeTable? s_last;

        private ShadeTable(float absR, float absG, float absB)
        {
            AbsR = absR;
            AbsG = absG;
            AbsB = absB;
            Data = new ushort[3 * ChannelSize];
            Fill(Data.AsSpan(0, ChannelSize), absR);
            Fill(Data.AsSpan(ChannelSize, ChannelSize), absG);
            Fill(Data.AsSpan(2 * ChannelSize, ChannelSize), absB);
        }

        private static void Fill(Span<ushort> channel, float absorption)
        {
            ReadOnlySpan<float> decode = Srgb.DecodeLut;
            for (int c = 0; c < 256; c++)
            {
                Span<ushort> entries = channel.Slice(c << CodeShift, Levels + 1);
                entries[0] = (ushort)(c << 8);
                // The values fall as the level rises: the code below each is found walking down from c.
                int k = c;
                for (int q = 1; q <= Levels; q++)
                {
                    float value = decode[c] * (1f - absorption * (q / (float)Levels));
                    while (k > 0 && decode[k] > value)
                    {
                        k--;
                    }
                    float share = k == 255 ? 0f : Math.Clamp((value - decode[k]) / (decode[k + 1] - decode[k]), 0f, 1f);
                    entries[q] = (ushort)Math.Min(c << 8, (k << 8) + (int)MathF.Round(share * 256f));
                }
            }
        }

        public float AbsR { get; }

        public float AbsG { get; }

        public float AbsB { get; }

        /// <summary>[channel][code][level] → code in 1/256 steps: the levels of one code are neighbours, so a patch of skin reads a few cache lines.</summary>
        public ushort[] Data { get; }

        /// <summary>The table for these absorptions: the last one built when it matches, else a new one.</summary>
        public static ShadeTable For(float absR, float absG, float absB)
        {
            ShadeTable? last = Volatile.Read(ref s_last);
            if (last is not null && last.AbsR == absR && last.AbsG == absG && last.AbsB == absB)
            {
                return last;
            }
            var table = new ShadeTable(absR, absG, absB);
            Volatile.Write(ref s_last, table);
            return table;
        }
    }
}
