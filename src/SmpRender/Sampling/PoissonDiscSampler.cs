using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;

namespace SmpRender.Sampling;

/// <summary>
/// Places pigment dots as a variable-density maximal Poisson-disc field: blue noise that follows a
/// density map, never a grid, deterministic per seed whatever the thread count.
/// </summary>
/// <remarks>
/// The local spacing is r(x) = <see cref="SpacingConstant"/> / √n(x), with n(x) the requested dots per
/// unit area; two dots a and b are never closer than min(r(a), r(b)), and the field is maximal (no
/// point of the zone is farther than its spacing from a dot). Relative densities below 1/1024 of the
/// densest value place nothing. Sessions: session 1 is sampled alone at the spacing of its share;
/// session k fills between the dots of the earlier sessions at the spacing of the cumulative share,
/// so sessions 1..k together form a maximal field of the cumulative density. Rank (within a session,
/// sessions in order): Poisson-disc subsets at 2^(l-1) times the spacing come first, coarsest first,
/// then the other dots by the level of a random grid pyramid and a random priority; any prefix is
/// spread over the whole zone.
/// </remarks>
public sealed class PoissonDiscSampler
{
    /// <summary>
    /// K in r = K / √n linking the spacing r to the density n of the maximal field this sampler
    /// produces. Measured, not assumed: interiors of uniform 60×60 mm fields, 10 seeds at 10, 100 and
    /// 400 dots/cm², come within 0.3% of the request; the packing fraction n·π·r²/4 = π·K²/4 ≈ 0.542,
    /// close to the random sequential adsorption jamming limit (0.547).
    /// </summary>
    public const double SpacingConstant = 0.8306;

    /// <summary>
    /// Density shortfall of a session filling between earlier dots, per unit of the earlier share in
    /// the cumulative one (measured on uniform fields: about 4% when the earlier dots make two thirds).
    /// </summary>
    internal const double SessionFillDeficit = 0.055;

    /// <summary>Largest photo coordinate at which the dots' lattice (1/128 px) is exact in floats.</summary>
    private const int MaxExactPx = 1 << 16;

    /// <summary>Samples dots over a density map.</summary>
    /// <remarks>
    /// Only the window around the non-zero pixels is sampled (the density is 0 elsewhere), so the
    /// dots of a zone do not depend on the photo around it: the same zone moved by whole cells of the
    /// map (whole pixels for a map of one value per pixel) gives the same dots moved by as much, as long
    /// as its window does not touch the photo's edge.
    /// </remarks>
    public DotField Sample(DensityMap map, PoissonDiscOptions options)
    {
        ArgumentNullException.ThrowIfNull(map);
        ArgumentNullException.ThrowIfNull(options);
        if (!TryGetWindow(map, options.FixedPoints, out Window window))
        {
            return DotField.Empty(map.PxPerMm);
        }
        unsafe
        {
            fixed (float* values = map.Values, blockMin = map.BlockMin, blockMax = map.BlockMax)
            {
                var density = new MapDensity(values, map.GridWidth, map.GridHeight, map.CellSize, window.X, window.Y, window.Width, window.Height,
                    blockMin, blockMax, map.BlocksWide);
                return Run(density, window, map.PxPerMm, window.MaxValue, options);
            }
        }
    }

    /// <summary>
    /// The box sampled for a map: the pixels of non-zero density plus one pixel of margin (the reach of
    /// the bilinear density between pixel centres), widened to whole cells of the map, within the map,
    /// and widened to the map's edge on an axis where a fixed point near the box would not move exactly
    /// into its coordinates. The origin is always a whole number of cells. False for an all-zero map.
    /// </summary>
    internal static bool TryGetWindow(DensityMap map, IReadOnlyList<FixedPoint> fixedPoints, out Window window)
    {
        // The map found its non-zero box and largest value when it checked its values; x1, y1 inclusive here.
        float max = map.MaxValue;
        (int x0, int y0, int x1, int y1) = (map.NonZeroBounds.X0, map.NonZeroBounds.Y0, map.NonZeroBounds.X1 - 1, map.NonZeroBounds.Y1 - 1);
        window = default;
        if (max <= 0)
        {
            return false;
        }
        int cell = map.CellSize;
        int ox = Math.Max(0, (x0 - 1) / cell * cell), oy = Math.Max(0, (y0 - 1) / cell * cell);
        int ex = (int)Math.Min(map.Width, ((long)x1 + 1 + cell) / cell * cell);
        int ey = (int)Math.Min(map.Height, ((long)y1 + 1 + cell) / cell * cell);
        // Beyond 65536 px the dots' lattice is no longer exact in floats: no move on that axis.
        ox = ex > MaxExactPx ? 0 : ox;
        oy = ey > MaxExactPx ? 0 : oy;
        // Dot positions are exact in window and photo coordinates alike (TryPlace); a fixed point's
        // must be too, or the spacing rule could be off by a rounding. Only points whose disc reaches
        // the window matter; widening the window to the edge makes their move exact (origin 0).
        bool changed = true;
        while (changed)
        {
            changed = false;
            foreach (FixedPoint p in fixedPoints)
            {
                if (!Reaches(p, ox, oy, ex, ey))
                {
                    continue;
                }
                if (ox != 0 && (float)((double)p.X - ox) != (double)p.X - ox)
                {
                    ox = 0;
                    changed = true;
                }
                if (oy != 0 && (float)((double)p.Y - oy) != (double)p.Y - oy)
                {
                    oy = 0;
                    changed = true;
                }
            }
        }
        window = new Window(ox, oy, ex - ox, ey - oy, max);
        return true;
    }

    /// <summary>True when the fixed point's disc reaches the box [x0, x1) × [y0, y1) (no dot farther than its spacing can conflict with it).</summary>
    private static bool Reaches(FixedPoint p, int x0, int y0, int x1, int y1) =>
        (double)p.X > x0 - (double)p.Spacing && (double)p.X < x1 + (double)p.Spacing
        && (double)p.Y > y0 - (double)p.Spacing && (double)p.Y < y1 + (double)p.Spacing;

    /// <summary>The fixed points reaching the window, in window coordinates (exact, see <see cref="TryGetWindow"/>).</summary>
    private static IReadOnlyList<FixedPoint> ToWindow(IReadOnlyList<FixedPoint> fixedPoints, Window window)
    {
        if (fixedPoints.Count == 0 || (window.X == 0 && window.Y == 0 && fixedPoints.All(p => Reaches(p, 0, 0, window.Width, window.Height))))
        {
            return fixedPoints;
        }
        var local = new List<FixedPoint>();
        foreach (FixedPoint p in fixedPoints)
        {
            if (Reaches(p, window.X, window.Y, window.X + window.Width, window.Y + window.Height))
            {
                local.Add(new FixedPoint((float)((double)p.X - window.X), (float)((double)p.Y - window.Y), p.Spacing));
            }
        }
        return local;
    }

    /// <summary>A dot competing for the coarse Poisson-disc subsets of the ranking.</summary>
    private readonly record struct Candidate(float X, float Y, float R, int Level);

    /// <summary>The ranking's last grid, kept for the next field; every cell empty (see <see cref="Collect"/>).</summary>
    private static Candidate[]? s_emptyGrid;

    /// <summary>Candidates ahead whose grid rows are fetched while one is tested.</summary>
    private const int PrefetchAhead = 16;

    /// <summary>Box sampled in a map (pixels) and the map's largest value.</summary>
    internal readonly record struct Window(int X, int Y, int Width, int Height, float MaxValue);

    /// <summary>
    /// Samples dots over a relative density given as a function of the pixel position (x, y), 0..1.
    /// The function is called from several threads; a NaN or a value outside [0, 1] throws an
    /// <see cref="ArgumentException"/> naming the position.
    /// </summary>
    public DotField Sample(Func<double, double, double> density, int width, int height, double pxPerMm, PoissonDiscOptions options)
    {
        ArgumentNullException.ThrowIfNull(density);
        Preconditions.Positive(width);
        Preconditions.Positive(height);
        Preconditions.Positive(pxPerMm);
        ArgumentNullException.ThrowIfNull(options);
        return Run(new FunctionDensity(density, width, height), new Window(0, 0, width, height, 1f), pxPerMm, 1.0, options);
    }

    /// <summary>Spacing r in pixels for a density in dots per cm² at a scale in pixels per mm.</summary>
    public static double SpacingPx(double dotsPerCm2, double pxPerMm)
    {
        Preconditions.Positive(dotsPerCm2);
        Preconditions.Positive(pxPerMm);
        double dotsPerPx2 = dotsPerCm2 / 100.0 / (pxPerMm * pxPerMm);
        return SpacingConstant / Math.Sqrt(dotsPerPx2);
    }

    /// <summary>Samples the sessions in window coordinates and moves the dots to the photo's.</summary>
    private static DotField Run<TDensity>(TDensity density, Window window, double pxPerMm, double maxDensity, PoissonDiscOptions options)
        where TDensity : struct, IDensitySource
    {
        IReadOnlyList<FixedPoint> fixedPoints = ToWindow(options.FixedPoints, window);
        int threads = options.MaxDegreeOfParallelism == 0 ? Environment.ProcessorCount : options.MaxDegreeOfParallelism;
        float[] x = [], y = [], r = [];
        byte[] session = [];
        int[] rank = [];
        int count = 0;
        double cumulative = 0;
        for (int s = 0; s < options.SessionCount; s++)
        {
            double previous = cumulative;
            cumulative = s == options.SessionCount - 1 ? 1.0 : cumulative + options.SessionShares[s];
            // Filling between sparser earlier dots packs less tightly than a fresh field: ask for a
            // little more so that sessions 1..k together reach their cumulative density (measured).
            double fill = 1 / (1 - SessionFillDeficit * previous / cumulative);
            double kpx = SpacingPx(options.DotsPerCm2 * cumulative * fill, pxPerMm);
            var kernel = new MaximalDiscKernel<TDensity>(density, window.Width, window.Height, maxDensity, kpx,
                Xoshiro256.StreamKey(options.Seed, (ulong)s + 1, 0x5AD),
                x.AsSpan(0, count), y.AsSpan(0, count), r.AsSpan(0, count), fixedPoints);
            kernel.Run(threads);

            int added = 0;
            foreach (int c in kernel.TileCounts)
            {
                added += c;
            }
            int total = count + added;
            Array.Resize(ref x, total);
            Array.Resize(ref y, total);
            Array.Resize(ref r, total);
            Array.Resize(ref session, total);
            Array.Resize(ref rank, total);
            Collect(kernel, (byte)(s + 1), x, y, r, session, rank, count, Xoshiro256.StreamKey(options.Seed, (ulong)s + 1, 0x4A4B), threads);
            kernel.Release();
            count = total;
        }
        if (count == 0)
        {
            return DotField.Empty(pxPerMm);
        }
        if (window.X != 0 || window.Y != 0)
        {
            // Exact: positions lie on the kernel's lattice (see MaximalDiscKernel.PositionQuantum).
            for (int i = 0; i < count; i++)
            {
                x[i] = (float)((double)x[i] + window.X);
                y[i] = (float)((double)y[i] + window.Y);
            }
        }
        return new DotField(x, y, r, session, rank, count, pxPerMm);
    }

    private const int TileShift = MaximalDiscKernel<MapDensity>.TileShift;
    private const int TileCells = 1 << TileShift;

    /// <summary>
    /// The levels of a tile's dots up to the tile's own. A dot's level is the coarsest cell of the pyramid over the
    /// background grid (level l: cells of 2^l × 2^l grid cells) in which it has the smallest priority, competing at
    /// level l with the winners of level l - 1 (0 when it wins no cell of level 1). A tile is one cell of level
    /// TileShift, so the cells up to that level nest in it and are found in small tables.
    /// </summary>
    private sealed class TileLevels
    {
        private readonly int[] _members = new int[TileCells * TileCells];
        private readonly int[] _local = new int[TileCells * TileCells];
        private readonly uint[] _lowest = new uint[(TileCells / 2) * (TileCells / 2)];

        /// <summary>Sets the levels of the tile's dots (at least one); returns the one left at the tile's level (its index in the tile).</summary>
        /// <param name="gx0">The tile's first background column.</param>
        /// <param name="gy0">The tile's first background row.</param>
        /// <param name="inv">1 / the background cell size.</param>
        public int Run(int gx0, int gy0, double inv, ReadOnlySpan<float> x, ReadOnlySpan<float> y, ReadOnlySpan<uint> priority, Span<byte> level)
        {
            int[] members = _members, local = _local;
            uint[] lowest = _lowest;
            int m = x.Length;
            for (int j = 0; j < m; j++)
            {
                members[j] = j;
                // The dot's background cell, as the kernel placed it (in the tile).
                local[j] = ((int)(y[j] * inv) - gy0) << TileShift | ((int)(x[j] * inv) - gx0);
            }
            for (int lv = 1; lv <= TileShift && m > 1; lv++)
            {
                int shift = TileShift - lv, mask = (TileCells >> lv) - 1;
                Array.Fill(lowest, uint.MaxValue, 0, 1 << (2 * shift));
                for (int j = 0; j < m; j++)
                {
                    int c = (local[j] >> (TileShift + lv)) << shift | ((local[j] >> lv) & mask);
                    lowest[c] = Math.Min(lowest[c], priority[members[j]]);
                }
                int kept = 0;
                for (int j = 0; j < m; j++)
                {
                    int c = (local[j] >> (TileShift + lv)) << shift | ((local[j] >> lv) & mask);
                    if (priority[members[j]] == lowest[c])
                    {
                        level[members[j]] = (byte)lv;
                        members[kept] = members[j];
                        local[kept++] = local[j];
                    }
                }
                m = kept;
            }
            // The last one left in the tile wins every cell up to the tile.
            level[members[0]] = TileShift;
            return members[0];
        }
    }

    /// <summary>
    /// The levels above the tiles': the tiles' winners (<paramref name="tileWinner"/>, -1 for an empty tile) compete in
    /// cells four times larger at each level until one is left. Returns the largest level.
    /// </summary>
    private static int WholeGridLevels<TDensity>(MaximalDiscKernel<TDensity> kernel, ReadOnlySpan<float> x, ReadOnlySpan<float> y,
        uint[] priority, byte[] level, int[] tileWinner)
        where TDensity : struct, IDensitySource
    {
        double inv = kernel.InverseCellSize;
        int[] current = [.. tileWinner.Where(i => i >= 0)];
        int candidates = current.Length, maxLevel = TileShift;
        uint[] min = [];
        for (int lv = TileShift + 1; lv < 31 && candidates > 1; lv++)
        {
            int w = (kernel.GridWidth + (1 << lv) - 1) >> lv, h = (kernel.GridHeight + (1 << lv) - 1) >> lv;
            if (min.Length < w * h)
            {
                min = new uint[w * h];
            }
            Array.Fill(min, uint.MaxValue, 0, w * h);
            for (int j = 0; j < candidates; j++)
            {
                int i = current[j];
                int c = ((int)(y[i] * inv) >> lv) * w + ((int)(x[i] * inv) >> lv);
                min[c] = Math.Min(min[c], priority[i]);
            }
            int kept = 0;
            for (int j = 0; j < candidates; j++)
            {
                int i = current[j];
                int c = ((int)(y[i] * inv) >> lv) * w + ((int)(x[i] * inv) >> lv);
                if (priority[i] == min[c])
                {
                    level[i] = (byte)lv;
                    maxLevel = lv;
                    current[kept++] = i;
                }
            }
            candidates = kept;
            if (w * h == 1)
            {
                break;
            }
        }
        return maxLevel;
    }

    /// <summary>
    /// Appends a session's dots tile by tile and ranks them progressively: every dot draws a random
    /// priority; its level is the coarsest cell of a grid pyramid (cells of 2^k grid cells) in which it
    /// has the smallest priority. Ranks go by level, coarsest first, then by priority, so a prefix holds
    /// one dot in each non-empty cell of some level plus a random part of the next: no large holes.
    /// </summary>
    private static void Collect<TDensity>(MaximalDiscKernel<TDensity> kernel, byte session, float[] x, float[] y, float[] r,
        byte[] sessions, int[] rank, int offset, ulong seed, int threads)
        where TDensity : struct, IDensitySource
    {
        int[] counts = kernel.TileCounts;
        var first = new int[counts.Length + 1];
        for (int t = 0; t < counts.Length; t++)
        {
            first[t + 1] = first[t] + counts[t];
        }
        int n = first[^1];
        if (n == 0)
        {
            return;
        }
        var priority = new uint[n];
        var level = new byte[n];
        // Tile by tile, on every core (each tile's work reads and writes its own dots only): the dots appended, their
        // priorities drawn, and their levels up to the tile's own.
        var tileWinner = new int[counts.Length];
        TileLoop.For(counts.Length, threads, () => new TileLevels(), (t, scratch) =>
        {
            int i0 = first[t], m = counts[t];
            for (int j = 0; j < m; j++)
            {
                ref readonly DiscSlot dot = ref kernel.Accepted(t, j);
                int k = offset + i0 + j;
                x[k] = dot.X;
                y[k] = dot.Y;
                r[k] = dot.R;
                sessions[k] = session;
                priority[i0 + j] = (uint)(Xoshiro256.StreamKey(seed, (ulong)(i0 + j), 0x7A4C) >> 32);
            }
            tileWinner[t] = m == 0 ? -1
                : scratch.Run(t % kernel.TilesX << TileShift, t / kernel.TilesX << TileShift, kernel.InverseCellSize,
                    x.AsSpan(offset + i0, m), y.AsSpan(offset + i0, m), priority.AsSpan(i0, m), level.AsSpan(i0, m)) + i0;
        }, static _ => { });
        double cell = kernel.CellSize;
        int maxLevel = WholeGridLevels(kernel, x.AsSpan(offset, n), y.AsSpan(offset, n), priority, level, tileWinner);
        // Priority order: by the top bits of the priority, then by index (a stable counting sort).
        int bits = Math.Min(16, 1 + BitOperations.Log2((uint)n));
        int shift = 32 - bits;
        // From the coarsest level down to level 2: in priority order, the level's candidates keep a
        // spacing of 2^(level-1) times their own (a Poisson-disc subset of the field) and take the next ranks.
        var taken = new bool[n];
        int next = offset;
        // The candidates (level 2 and up) in priority order: by the top bits of the priority, then by index (a stable
        // counting sort); then, in that order, grouped by level.
        var bucketStart = new int[(1 << bits) + 1];
        var perLevel = new int[maxLevel + 2];
        int nc = 0;
        for (int i = 0; i < n; i++)
        {
            if (level[i] >= 2)
            {
                bucketStart[(int)(priority[i] >> shift) + 1]++;
                perLevel[level[i] + 1]++;
                nc++;
            }
        }
        if (nc == 0)
        {
            RankRest(n, offset, next, maxLevel, bits, shift, taken, level, priority, rank);
            return;
        }
        for (int b = 0; b < 1 << bits; b++)
        {
            bucketStart[b + 1] += bucketStart[b];
        }
        // The candidates' index, and their position and spacing side by side (a neighbour is one read), in priority
        // order; written in index order (reads in order, writes scattered).
        var cand = new int[nc];
        var cd = new Candidate[nc];
        for (int i = 0; i < n; i++)
        {
            if (level[i] >= 2)
            {
                int c = bucketStart[(int)(priority[i] >> shift)]++;
                cand[c] = i;
                cd[c] = new Candidate(x[offset + i], y[offset + i], r[offset + i], level[i]);
            }
        }
        for (int lv = 0; lv <= maxLevel; lv++)
        {
            perLevel[lv + 1] += perLevel[lv];
        }
        // byLevel[perLevel[l] ..] lists the positions in cand of the candidates of level l, in priority order.
        var byLevel = new int[nc];
        var fill = perLevel.AsSpan(0, maxLevel + 1).ToArray();
        for (int c = 0; c < nc; c++)
        {
            byLevel[fill[cd[c].Level]++] = c;
        }
        // One grid for every level, sized for the finest (level 2, cells of twice the grid cell); it holds the taken
        // dots themselves (R = 0: empty), so that a test reads no other array. Empty when taken: after each level, the
        // cells it filled are cleared (cheaper than clearing the whole grid, tens of MB for a large field).
        int gridSize = (int)Math.Ceiling(kernel.Width / (cell * 2)) * (int)Math.Ceiling(kernel.Height / (cell * 2));
        Candidate[]? grid = Interlocked.Exchange(ref s_emptyGrid, null);
        if (grid is null || grid.Length < gridSize)
        {
            grid = new Candidate[gridSize];
        }
        // The level's contenders (positions in cand, in priority order): the earlier levels' not taken, and its own.
        var active = new int[nc];
        var merged = new int[nc];
        var takenList = new int[nc];
        int nActive = 0, nTaken = 0;
        for (int lv = maxLevel; lv >= 2; lv--)
        {
            // Merge the contenders left with the level's own, both in priority order.
            int a = 0, b = perLevel[lv], bEnd = perLevel[lv + 1], m = 0;
            while (a < nActive || b < bEnd)
            {
                merged[m++] = b == bEnd || (a < nActive && active[a] < byLevel[b]) ? active[a++] : byLevel[b++];
            }
            (active, merged) = (merged, active);
            nActive = m;
            double factor = 1L << (lv - 1);
            double g = cell * (1L << lv) / 2;
            int w = (int)Math.Ceiling(kernel.Width / g), h = (int)Math.Ceiling(kernel.Height / g);
            double inv = 1 / g;
            for (int t = 0; t < nTaken; t++)
            {
                ref readonly Candidate p = ref cd[takenList[t]];
                grid[CellOf(p, inv, w, h)] = p;
            }
            int kept = 0;
            for (int j = 0; j < nActive; j++)
            {
                if (j + PrefetchAhead < nActive)
                {
                    // Contenders come in priority order, scattered over the field: the grid rows a later one will
                    // read are fetched ahead.
                    Prefetch(grid, cd[active[j + PrefetchAhead]], factor, inv, w, h);
                }
                int c = active[j];
                ref readonly Candidate cc = ref cd[c];
                double xi = cc.X, yi = cc.Y, ri = cc.R * factor;
                int gx0 = Math.Max(0, (int)((xi - ri) * inv)), gx1 = Math.Min(w - 1, (int)((xi + ri) * inv));
                int gy0 = Math.Max(0, (int)((yi - ri) * inv)), gy1 = Math.Min(h - 1, (int)((yi + ri) * inv));
                bool free = true;
                for (int gy = gy0; gy <= gy1 && free; gy++)
                {
                    for (int gx = gx0; gx <= gx1; gx++)
                    {
                        ref readonly Candidate q = ref grid[gy * w + gx];
                        if (q.R > 0)
                        {
                            double qr = q.R * factor, dx = q.X - xi, dy = q.Y - yi, md = qr < ri ? qr : ri;
                            if (dx * dx + dy * dy < md * md)
                            {
                                free = false;
                                break;
                            }
                        }
                    }
                }
                ref Candidate at = ref grid[CellOf(cc, inv, w, h)];
                if (free && at.R == 0)
                {
                    at = cc;
                    taken[cand[c]] = true;
                    takenList[nTaken++] = c;
                    rank[offset + cand[c]] = next++;
                }
                else
                {
                    active[kept++] = c;
                }
            }
            nActive = kept;
            for (int t = 0; t < nTaken; t++)
            {
                grid[CellOf(cd[takenList[t]], inv, w, h)] = default;
            }
        }
        s_emptyGrid = grid;
        RankRest(n, offset, next, maxLevel, bits, shift, taken, level, priority, rank);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int CellOf(in Candidate p, double inv, int w, int h) =>
        Math.Min(h - 1, (int)(p.Y * inv)) * w + Math.Min(w - 1, (int)(p.X * inv));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void Prefetch(Candidate[] grid, in Candidate p, double factor, double inv, int w, int h)
    {
        if (!Sse.IsSupported)
        {
            return;
        }
        double xi = p.X, yi = p.Y, ri = p.R * factor;
        int gx0 = Math.Max(0, (int)((xi - ri) * inv)), gx1 = Math.Min(w - 1, (int)((xi + ri) * inv));
        int gy0 = Math.Max(0, (int)((yi - ri) * inv)), gy1 = Math.Min(h - 1, (int)((yi + ri) * inv));
        fixed (Candidate* cells = grid)
        {
            for (int gy = gy0; gy <= gy1; gy++)
            {
                Sse.Prefetch0(cells + gy * w + gx0);
                Sse.Prefetch0(cells + gy * w + gx1);
            }
        }
    }

    /// <summary>
    /// The dots not taken by the Poisson-disc levels, after those: by level, coarsest first, then in priority order
    /// (by the top bits of the priority, then by index): a stable counting sort on those bits, then a stable one on
    /// the level (two small tables instead of one per level and bucket).
    /// </summary>
    private static void RankRest(int n, int offset, int next, int maxLevel, int bits, int shift, bool[] taken, byte[] level,
        uint[] priority, int[] rank)
    {
        var bucketStart = new int[(1 << bits) + 1];
        int m = 0;
        for (int i = 0; i < n; i++)
        {
            if (!taken[i])
            {
                bucketStart[(int)(priority[i] >> shift) + 1]++;
                m++;
            }
        }
        for (int b = 0; b < 1 << bits; b++)
        {
            bucketStart[b + 1] += bucketStart[b];
        }
        var byBucket = new int[m];
        var levelStart = new int[maxLevel + 2];
        for (int i = 0; i < n; i++)
        {
            if (!taken[i])
            {
                byBucket[bucketStart[(int)(priority[i] >> shift)]++] = i;
                levelStart[maxLevel - level[i] + 1]++;
            }
        }
        levelStart[0] = next;
        for (int l = 0; l <= maxLevel; l++)
        {
            levelStart[l + 1] += levelStart[l];
        }
        foreach (int i in byBucket)
        {
            rank[offset + i] = levelStart[maxLevel - level[i]]++;
        }
    }
}
