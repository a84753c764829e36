using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace SmpRender.Sampling;

/// <summary>A sampled dot in its background-grid cell; R = 0 marks an empty cell.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct DiscSlot
{
    public float X;
    public float Y;
    public float R;
}

/// <summary>
/// One session of variable-radius maximal Poisson-disc sampling, after Ebeida et al. (2011, 2012).
/// A background grid of side r_min/√2 holds at most one dot per cell. Each tile of 64×64 background
/// cells is sampled in its own k×k cells (8 ≤ k ≤ 64): where the density stays low over the whole tile
/// its cells are wider, up to 64/k background cells, yet narrower than r/√2 for every spacing r the
/// tile can hold (fewer cells, darts and density lookups where a dot's disc would cover dozens of
/// background cells). Dots are stored in the background grid whatever cells sampled them, so every
/// conflict and coverage query works across tile seams alike. Phase 1 throws darts uniformly
/// into the free part of the active cells: each cell tracks in an 8×8 bit mask the sub-cells lying
/// entirely inside one disc (marked row by row when a dot is placed), and a cell leaves the pool when
/// all 64 are covered. Phase 2 throws darts into the remaining free sub-cells (coarser boxes of whole
/// sub-cells where the cell's spacing is several times its side, so boxes stay near a tenth of the
/// spacing wide), then splits those still
/// free into quarters, dropping a quarter when one disc covers it or when each of its corners and its
/// centre lies in some disc, and repeats until none is left (at most 12 levels). A dart p with spacing
/// r(p) is accepted when no dot q lies closer than min(r(p), r(q)). Dots with a large spacing are also
/// kept in coarser grids (level l holds spacings in [2^l, 2^(l+1)) r_min), so a query visits a few
/// cells whatever the spacing. Cells where the density is the same at the corners and the centre use
/// that spacing without looking the density up again. The grid is cut into tiles of 64×64 cells
/// sampled in four phase groups of non-adjacent tiles (a dot's reach, at most 32 r_min, is less than a
/// tile); each tile has its own random stream, so the output does not depend on the thread count.
/// </summary>
internal sealed class MaximalDiscKernel<TDensity> where TDensity : struct, IDensitySource
{
    public const int TileShift = 6;
    public const int TileCells = 1 << TileShift;
    public const int MaxLevel = 5;

    /// <summary>Relative to the densest value: below it nothing is placed (spacing would exceed 32 r_min).</summary>
    public const double FloorRatio = 1.0 / 1024;

    private const int RefineLevels = 12;

    /// <summary>Each cell tracks SubSide × SubSide sub-cells covered by a single disc.</summary>
    private const int SubShift = 3;
    private const int SubSide = 1 << SubShift;
    private const int SubCells = SubSide * SubSide;
    private const ulong FullMask = ulong.MaxValue;
    private const double Inv24 = 1.0 / (1 << 24);

    /// <summary>
    /// Dots lie at the centres of a lattice of 1/128 px (odd multiples of 1/256 px): their coordinates
    /// are exact floats up to 65536 px, so a field sampled in a window moves to photo coordinates
    /// (whole pixels) without a rounding; and no coordinate is a tie when printed with up to 7 decimals.
    /// </summary>
    internal const double PositionQuantum = 128;

    /// <summary>Darts per active cell in the first phase, and per active sub-cell in each refinement.</summary>
    /// <remarks>
    /// Constants, not settable fields: the precompiled kernel reads a static field of this generic class through a
    /// runtime helper at every use, which cost a render about a sixth of its sampling time.
    /// </remarks>
    internal const double PhaseOneThrows = 2.5;

    /// <summary>
    /// Darts per active cell in the first phase of a session that fills between earlier sessions' dots. Their discs leave
    /// the free space in slivers, where most darts land on marked sub-cells and cost a retry only, while each dot that
    /// the darts miss is left to the refinement, whose boxes cost far more: more darts here make a three-session field
    /// about a fifth faster (100k dots: sessions 2 and 3 in 86-89 ms instead of 112).
    /// </summary>
    internal const double PhaseOneThrowsFilling = 8.0;
    internal const double RefineThrows = 1.0;

    private readonly TDensity _density;
    private readonly int _width;
    private readonly int _height;
    private readonly double _kpx;
    private readonly double _dFloor;
    private readonly float _rmin;
    private readonly float _rmax;
    private readonly double _c0;
    private readonly double _inv;
    private readonly int _gw;
    private readonly int _gh;
    private readonly ulong _streamSeed;
    private readonly DiscSlot[] _slots;
    private readonly int[][] _levelCells;
    private readonly int[] _levelW;
    private readonly int[] _levelH;
    private readonly int[] _levelUsed;
    private readonly FixedPointGrid? _fixed;
    private readonly bool _hasObstacles;
    private readonly bool _hasPrefill;
    /// <summary>Per tile, the widest spacing of its dots: earlier sessions' from the start, this session's added when the tile is done.</summary>
    private readonly float[] _tileMaxR;
    private readonly DiscSlot[][] _tileDots;
    private readonly ConcurrentBag<Scratch> _scratch = [];

    /// <param name="density">Relative density source.</param>
    /// <param name="maxDensity">Densest value of the source (&gt; 0): sets the grid.</param>
    /// <param name="kpx">Spacing in pixels at relative density 1: r(d) = kpx / √d.</param>
    /// <param name="streamSeed">Seed of this session's random streams.</param>
    /// <param name="prefill">Dots of earlier sessions: x, y, spacing.</param>
    /// <param name="fixedPoints">Caller's fixed points.</param>
    public MaximalDiscKernel(TDensity density, int width, int height, double maxDensity, double kpx, ulong streamSeed,
        ReadOnlySpan<float> prefillX, ReadOnlySpan<float> prefillY, ReadOnlySpan<float> prefillR, IReadOnlyList<FixedPoint> fixedPoints)
    {
        _density = density;
        _width = width;
        _height = height;
        _kpx = kpx;
        _dFloor = maxDensity * FloorRatio;
        _rmin = (float)(kpx / Math.Sqrt(maxDensity));
        _rmax = _rmin * 32f;
        _c0 = _rmin / Math.Sqrt(2) * (1 - 1e-7);
        _inv = 1.0 / _c0;
        _streamSeed = streamSeed;
        long gw = (long)Math.Ceiling(width * _inv), gh = (long)Math.Ceiling(height * _inv);
        if (gw * gh > 1L << 28)
        {
            throw new ArgumentException(
                $"the field would need {gw * gh} grid cells (spacing {_rmin:0.###} px over {width}x{height} px): lower the density or the scale");
        }
        _gw = (int)Math.Max(1, gw);
        _gh = (int)Math.Max(1, gh);
        TilesX = (_gw + TileCells - 1) >> TileShift;
        TilesY = (_gh + TileCells - 1) >> TileShift;
        // Padded: a row of neighbours is read eight slots at a time (RowConflicts); the padding stays empty.
        // Rented (the grid is tens of MB for a large field: reused memory is cleared faster than fresh
        // pages are faulted in); returned by Release.
        _slots = ArrayPool<DiscSlot>.Shared.Rent(_gw * _gh + SlotPadding);
        Array.Clear(_slots, 0, _gw * _gh + SlotPadding);
        _levelCells = new int[MaxLevel + 1][];
        _levelW = new int[MaxLevel + 1];
        _levelH = new int[MaxLevel + 1];
        _levelUsed = new int[MaxLevel + 1];
        for (int l = 1; l <= MaxLevel; l++)
        {
            _levelW[l] = (_gw + (1 << l) - 1) >> l;
            _levelH[l] = (_gh + (1 << l) - 1) >> l;
            _levelCells[l] = ArrayPool<int>.Shared.Rent(_levelW[l] * _levelH[l]);
            Array.Fill(_levelCells[l], -1, 0, _levelW[l] * _levelH[l]);
        }
        _tileDots = new DiscSlot[TilesX * TilesY][];
        TileCounts = new int[TilesX * TilesY];

        _tileMaxR = new float[TilesX * TilesY];
        List<FixedPoint>? overflow = null;
        for (int i = 0; i < prefillX.Length; i++)
        {
            if (!Insert(prefillX[i], prefillY[i], prefillR[i]))
            {
                (overflow ??= []).Add(new FixedPoint(prefillX[i], prefillY[i], prefillR[i]));
                continue;
            }
            int t = ((int)(prefillY[i] * _inv) >> TileShift) * TilesX + ((int)(prefillX[i] * _inv) >> TileShift);
            _tileMaxR[t] = Math.Max(_tileMaxR[t], prefillR[i]);
        }
        if (overflow is not null || fixedPoints.Count > 0)
        {
            var all = new List<FixedPoint>(fixedPoints);
            if (overflow is not null)
            {
                all.AddRange(overflow);
            }
            _fixed = new FixedPointGrid(all, width, height, 2 * _c0);
        }
        _hasObstacles = _fixed is not null || prefillX.Length > 0;
        _hasPrefill = prefillX.Length > 0;
    }

    public int TilesX { get; }

    /// <summary>Side of a background grid cell in pixels (r_min/√2).</summary>
    public double CellSize => _c0;

    /// <summary>1 / <see cref="CellSize"/>: a dot at (x, y) lies in background cell ((int)(x·this), (int)(y·this)).</summary>
    public double InverseCellSize => _inv;

    /// <summary>Background cells per row and per column.</summary>
    public int GridWidth => _gw;

    public int GridHeight => _gh;

    public int Width => _width;

    public int Height => _height;

    public int TilesY { get; }

    /// <summary>Dots accepted per tile (row-major tiles).</summary>
    public int[] TileCounts { get; }

    /// <summary>The i-th dot accepted in a tile, in acceptance order.</summary>
    public ref readonly DiscSlot Accepted(int tile, int i) => ref _tileDots[tile][i];

    public void Run(int maxDegreeOfParallelism)
    {
        var group = new List<int>(TilesX * TilesY / 4 + 1);
        for (int color = 0; color < 4; color++)
        {
            group.Clear();
            for (int ty = color >> 1; ty < TilesY; ty += 2)
            {
                for (int tx = color & 1; tx < TilesX; tx += 2)
                {
                    group.Add(ty * TilesX + tx);
                }
            }
            TileLoop.For(group.Count, maxDegreeOfParallelism, RentScratch, (i, s) => SampleTile(group[i], s), _scratch.Add);
        }
    }

    /// <summary>Returns the grids to the shared pool: the kernel is not used afterwards (its tiles' dots stay readable).</summary>
    public void Release()
    {
        ArrayPool<DiscSlot>.Shared.Return(_slots);
        for (int l = 1; l <= MaxLevel; l++)
        {
            ArrayPool<int>.Shared.Return(_levelCells[l]);
        }
    }

    private Scratch RentScratch() => _scratch.TryTake(out Scratch? s) ? s : new Scratch();

    /// <summary>Puts an earlier dot in the grids; false when its cell is taken (it then goes with the fixed points).</summary>
    private bool Insert(float x, float y, float r)
    {
        int cx = (int)(x * _inv), cy = (int)(y * _inv);
        if (!(x >= 0 && y >= 0) || cx >= _gw || cy >= _gh || _slots[cy * _gw + cx].R > 0)
        {
            return false;
        }
        int level = Level(r);
        if (level > 0)
        {
            int[] cells = _levelCells[level];
            int lc = (cy >> level) * _levelW[level] + (cx >> level);
            if (cells[lc] >= 0)
            {
                return false;
            }
            cells[lc] = cy * _gw + cx;
            _levelUsed[level] = 1;
        }
        _slots[cy * _gw + cx] = new DiscSlot { X = x, Y = y, R = r };
        return true;
    }

    /// <summary>
    /// The smaller of two numbers that are never NaN, in one instruction (Math.Min also orders -0 and +0
    /// and propagates NaN, at several instructions' cost); every caller squares or compares the result.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double FMin(double a, double b) =>
        Sse2.IsSupported ? Sse2.MinScalar(Vector128.CreateScalarUnsafe(a), Vector128.CreateScalarUnsafe(b)).ToScalar() : Math.Min(a, b);

    /// <summary>The larger of two numbers that are never NaN (see <see cref="FMin"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double FMax(double a, double b) =>
        Sse2.IsSupported ? Sse2.MaxScalar(Vector128.CreateScalarUnsafe(a), Vector128.CreateScalarUnsafe(b)).ToScalar() : Math.Max(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Level(float r)
    {
        uint ratio = (uint)(r / _rmin);
        return ratio < 2 ? 0 : Math.Min(MaxLevel, BitOperations.Log2(ratio));
    }

    /// <summary>A tile has at least this many cells along a side.</summary>
    internal static int MinTileCells = 8;

    /// <summary>
    /// The fewest cells k along a tile's side (MinTileCells ≤ k ≤ 64) for a tile where the density never
    /// exceeds <paramref name="top"/>: a cell's side 64·c0/k stays below r/√2 for the spacing r there.
    /// </summary>
    private int CellsPerTile(double top)
    {
        if (!(top < double.PositiveInfinity) || top < _dFloor)
        {
            return TileCells;
        }
        double ratio = RadiusFor(top) / (double)_rmin * (1 - 1e-6);
        return ratio <= 1 ? TileCells : Math.Clamp((int)Math.Ceiling(TileCells / ratio), MinTileCells, TileCells);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float RadiusFor(double d)
    {
        double r = _kpx / Math.Sqrt(d);
        return r <= _rmin ? _rmin : r >= _rmax ? _rmax : (float)r;
    }

    private void SampleTile(int tile, Scratch s)
    {
        int tx = tile % TilesX, ty = tile / TilesX;
        int gx0 = tx << TileShift, gy0 = ty << TileShift;
        int tw = Math.Min(TileCells, _gw - gx0), th = Math.Min(TileCells, _gh - gy0);
        // The tile is cut into k × k cells (k ≤ 64): where the density stays low over the whole tile, fewer
        // and wider ones, still narrower than r/√2 for every spacing r the tile can hold (a cell holds at
        // most one dot).
        double tileX0 = gx0 * _c0, tileY0 = gy0 * _c0, tileX1 = (gx0 + tw) * _c0, tileY1 = (gy0 + th) * _c0;
        bool flatTile = _density.TryUniform(tileX0, tileY0, tileX1, tileY1, out double flat);
        int kc = CellsPerTile(flatTile ? flat : _density.UpperBound(tileX0, tileY0, tileX1, tileY1));
        double c = TileCells * _c0 / kc;
        int cw = kc == TileCells ? tw : Math.Min(kc, (int)Math.Ceiling(tw * _c0 / c));
        int ch = kc == TileCells ? th : Math.Min(kc, (int)Math.Ceiling(th * _c0 / c));
        s.Ox = tileX0;
        s.Oy = tileY0;
        s.Gx0 = gx0;
        s.Gy0 = gy0;
        s.Gw = tw;
        s.Gh = th;
        s.Tw = cw;
        s.Th = ch;
        s.C = c;
        s.Inv = 1 / c;
        s.FlatSpacing = 0;
        s.Stream = new Xoshiro256(Xoshiro256.StreamKey(_streamSeed, (ulong)tile, 0));
        s.DrawIndex = Scratch.DrawBatch;
        int[] acceptedCells = s.Accepted;
        int accepted = 0;
        int[] pool = s.Pool, pos = s.Pos;
        float[] rlo = s.Rlo;
        bool[] partial = s.Partial;
        ulong[] masks = s.Masks;
        double[] corners = s.Corners;
        bool[] taken = s.Taken;

        int n = 0;
        if (flatTile)
        {
            // One density over the whole tile: every cell has it at its corners and centre.
            float rFlat = flat < _dFloor ? 0 : RadiusFor(flat);
            s.FlatSpacing = rFlat;
            for (int j = 0; j < ch; j++)
            {
                int row = j << TileShift;
                if (rFlat == 0)
                {
                    pos.AsSpan(row, cw).Fill(-1);
                    continue;
                }
                rlo.AsSpan(row, cw).Fill(rFlat);
                partial.AsSpan(row, cw).Clear();
                masks.AsSpan(row, cw).Clear();
                taken.AsSpan(row, cw).Clear();
                for (int i = 0; i < cw; i++)
                {
                    pos[row + i] = n;
                    pool[n++] = row + i;
                }
            }
        }
        else
        {
            // Densest value of each cell, from its corners (and centre): cells with nothing to place drop out.
            int kw = cw + 1;
            for (int j = 0; j <= ch; j++)
            {
                _density.Row(tileX0, c, tileY0 + j * c, corners.AsSpan(j * kw, kw));
            }
            double[] centres = s.Centres;
            for (int j = 0; j < ch; j++)
            {
                _density.Row(tileX0 + 0.5 * c, c, tileY0 + (j + 0.5) * c, centres.AsSpan(0, cw));
                for (int i = 0; i < cw; i++)
                {
                    int l = (j << TileShift) + i;
                    pos[l] = -1;
                    int e = j * kw + i;
                    double m = FMax(FMax(corners[e], corners[e + 1]), FMax(corners[e + kw], corners[e + kw + 1]));
                    double centre = 1;
                    if (m < 1)
                    {
                        centre = centres[i];
                        m = FMax(m, centre);
                    }
                    if (m < _dFloor)
                    {
                        continue;
                    }
                    rlo[l] = RadiusFor(m);
                    // A cell whose density varies (corners and centre differ) is sampled point by point: at
                    // darts, and in its sub-cells during the refinement.
                    partial[l] = FMin(FMin(corners[e], corners[e + 1]), FMin(corners[e + kw], corners[e + kw + 1])) < m
                        || (m < 1 && centre != m);
                    masks[l] = 0;
                    taken[l] = false;
                    pos[l] = n;
                    pool[n++] = l;
                }
            }
        }
        s.N = n;

        // Sub-cells (8×8 per cell) already covered by dots around the tile (earlier sessions, fixed
        // points, finished neighbour tiles) are marked in each cell's mask.
        {
            // The neighbour tiles are finished (earlier phase group) or not started: their widest
            // spacing (of earlier sessions' dots, and of this session's once finished) bounds how far their
            // dots reach into this tile. A dot's disc counts at most to this session's widest spacing, 32 r_min, less than a tile
            // (an earlier session's wider disc is cut to the spacing at the point), so only the neighbours matter.
            float reach = 0;
            long listed = 0;
            int ny0 = Math.Max(0, ty - 1), ny1 = Math.Min(TilesY - 1, ty + 1), nx0 = Math.Max(0, tx - 1), nx1 = Math.Min(TilesX - 1, tx + 1);
            for (int ny = ny0; ny <= ny1; ny++)
            {
                for (int nx = nx0; nx <= nx1; nx++)
                {
                    reach = Math.Max(reach, _tileMaxR[ny * TilesX + nx]);
                    listed += TileCounts[ny * TilesX + nx];
                }
            }
            int margin = (int)Math.Min(TileCells, Math.Ceiling(reach * _inv) + 1);
            double bx0 = gx0 * _c0, by0 = gy0 * _c0, bx1 = (gx0 + tw) * _c0, by1 = (gy0 + th) * _c0;
            int i0 = Math.Max(0, gx0 - margin), i1 = Math.Min(_gw - 1, gx0 + tw - 1 + margin);
            int j0 = Math.Max(0, gy0 - margin), j1 = Math.Min(_gh - 1, gy0 + th - 1 + margin);
            if (!_hasPrefill && listed < (long)(i1 - i0 + 1) * (j1 - j0 + 1))
            {
                // Fewer dots in the finished neighbour tiles than background cells to scan around the tile
                // (their spacing is wide): the dots are read from their lists.
                for (int ny = ny0; ny <= ny1; ny++)
                {
                    for (int nx = nx0; nx <= nx1 && s.N > 0; nx++)
                    {
                        int nt = ny * TilesX + nx;
                        DiscSlot[]? list = _tileDots[nt];
                        for (int e = 0; e < TileCounts[nt] && list is not null; e++)
                        {
                            ref DiscSlot q = ref list[e];
                            double dx = FMax(0, FMax(bx0 - q.X, q.X - bx1)), dy = FMax(0, FMax(by0 - q.Y, q.Y - by1));
                            if (dx * dx + dy * dy < (double)q.R * q.R)
                            {
                                ApplyDot(s, q.X, q.Y, q.R);
                            }
                        }
                    }
                }
                reach = 0;
            }
            for (int j = j0; j <= j1 && s.N > 0 && reach > 0; j++)
            {
                // The tile's own cells hold no dot yet, unless earlier sessions' dots were put in the grid.
                int skipFrom = int.MaxValue, skipTo = 0;
                if (!_hasPrefill && j >= gy0 && j < gy0 + th)
                {
                    (skipFrom, skipTo) = (gx0, gx0 + tw);
                }
                for (int i = i0; i <= i1; i++)
                {
                    if (i == skipFrom)
                    {
                        i = skipTo - 1;
                        continue;
                    }
                    ref DiscSlot q = ref _slots[j * _gw + i];
                    if (q.R > 0)
                    {
                        double dx = FMax(0, FMax(bx0 - q.X, q.X - bx1)), dy = FMax(0, FMax(by0 - q.Y, q.Y - by1));
                        if (dx * dx + dy * dy < (double)q.R * q.R)
                        {
                            ApplyDot(s, q.X, q.Y, q.R);
                        }
                    }
                }
            }
            if (_fixed is not null && s.N > 0)
            {
                _fixed.ForEachNear(gx0 * _c0, gy0 * _c0, (gx0 + tw) * _c0, (gy0 + th) * _c0, this, s);
            }
        }

        // Phase 1: darts into random free sub-cells of random active cells; a placed dot marks the
        // sub-cells its disc covers, and a cell leaves the pool when all 64 are covered.
        accepted = ThrowDarts(s, accepted);

        // Phase 2: darts into the free sub-cells left; split those still free into quarters, drop the
        // covered ones, throw again; repeat until none is left.
        // Each cell starts at sub-cells about a tenth of its smallest spacing wide: 8×8 where the cell is as
        // narrow as that spacing allows, down to the whole cell where the spacing is eight times wider (a
        // sparse cell in a tile sized for a denser part: sub-cells of c/8 would line every disc's edge by
        // the hundred). Cells join the refinement at their start level.
        Span<int> starting = stackalloc int[SubShift + 1];
        starting.Clear();
        for (int k = 0; k < s.N; k++)
        {
            starting[StartLevel(s, pool[k])]++;
        }
        int firstLevel = 0;
        while (firstLevel < SubShift && starting[firstLevel] == 0)
        {
            firstLevel++;
        }
        s.EnsureCurrent(starting[firstLevel] << (2 * firstLevel));
        int[] cur = s.Cell, curSub = s.Sub;
        int cn = StartBoxes(s, firstLevel, cur, curSub, 0);
        for (int level = firstLevel; ; level++)
        {
            double sz = c / (1 << level);
            long budget = (long)(RefineThrows * cn);
            int di = s.DrawIndex;
            for (long t = 0; t < budget && cn > 0; t++)
            {
                ulong a = s.Draw(ref di);
                int k = (int)(((a >> 32) * (ulong)(uint)cn) >> 32);
                int l = cur[k];
                if (!taken[l])
                {
                    int cx = l & (TileCells - 1), cy = l >> TileShift;
                    ulong b = s.Draw(ref di);
                    int sx = curSub[k] & 0xFFFF, sy = curSub[k] >> 16;
                    double px = tileX0 + cx * c + (sx + (b >> 40) * Inv24) * sz;
                    double py = tileY0 + cy * c + (sy + ((b >> 16) & 0xFFFFFF) * Inv24) * sz;
                    if (!TryPlace(s, px, py, cx, cy, partial[l] ? -1 : rlo[l], out _, out _, out _, out int slot))
                    {
                        continue;
                    }
                    acceptedCells[accepted++] = slot;
                    taken[l] = true;
                }
                cn--;
                cur[k] = cur[cn];
                curSub[k] = curSub[cn];
            }
            s.DrawIndex = di;
            if (level == RefineLevels || (cn == 0 && level >= SubShift))
            {
                break;
            }

            double half = sz * 0.5;
            s.EnsureNext(4 * cn + (level < SubShift ? starting[level + 1] << (2 * level + 2) : 0));
            int[] next = s.NextCell, nextSub = s.NextSub;
            int nn = 0;
            for (int e = 0; e < cn; e++)
            {
                int l = cur[e];
                if (taken[l])
                {
                    continue;
                }
                int cx = l & (TileCells - 1), cy = l >> TileShift;
                int sx = curSub[e] & 0xFFFF, sy = curSub[e] >> 16;
                double cellX = tileX0 + cx * c, cellY = tileY0 + cy * c;
                if (!partial[l])
                {
                    // Inside the zone: the cell's own lower bound on the spacing holds for its sub-cells.
                    int gathered = Gather(s, cellX + sx * sz, cellY + sy * sz, cellX + (sx + 1) * sz, cellY + (sy + 1) * sz, rlo[l]);
                    for (int q = 0; q < 4; q++)
                    {
                        int csx = 2 * sx + (q & 1), csy = 2 * sy + (q >> 1);
                        double x0 = cellX + csx * half, y0 = cellY + csy * half;
                        if (!CoveredByGathered(s, gathered, x0, y0, x0 + half, y0 + half, rlo[l]))
                        {
                            next[nn] = l;
                            nextSub[nn++] = csx | (csy << 16);
                        }
                    }
                    continue;
                }
                // The density varies. A quarter covered with the cell's smallest spacing is covered with each
                // point's own: that is tested first, against the dots within that spacing.
                double pad = 1e-6 * sz;
                double bx0 = cellX + sx * sz - pad, by0 = cellY + sy * sz - pad, bx1 = cellX + (sx + 1) * sz + pad, by1 = cellY + (sy + 1) * sz + pad;
                int near = Gather(s, bx0, by0, bx1, by1, rlo[l]);
                int open = 0;
                for (int q = 0; q < 4; q++)
                {
                    double x0 = cellX + (2 * sx + (q & 1)) * half, y0 = cellY + (2 * sy + (q >> 1)) * half;
                    if (!CoveredByGathered(s, near, x0, y0, x0 + half, y0 + half, rlo[l]))
                    {
                        open |= 1 << q;
                    }
                }
                if (open == 0)
                {
                    continue;
                }
                // The others: each of their corners and centre is tested with its own spacing, against the
                // dots gathered once for the widest of them.
                double[] qd = s.QuarterDensity;
                double reachMax = 0;
                // The quarters' shared corners are looked up once when their coordinates agree exactly.
                double xa = cellX + 2 * sx * half, xb = cellX + (2 * sx + 1) * half;
                double ya = cellY + 2 * sy * half, yb = cellY + (2 * sy + 1) * half;
                bool shared = xa + half == xb && ya + half == yb;
                if (shared)
                {
                    double xc = xb + half, yc = yb + half;
                    double d00 = _density.At(xa, ya), d10 = _density.At(xb, ya), d20 = _density.At(xc, ya);
                    double d01 = _density.At(xa, yb), d11 = _density.At(xb, yb), d21 = _density.At(xc, yb);
                    double d02 = _density.At(xa, yc), d12 = _density.At(xb, yc), d22 = _density.At(xc, yc);
                    (qd[0], qd[1], qd[2], qd[3]) = (d00, d10, d01, d11);
                    (qd[5], qd[6], qd[7], qd[8]) = (d10, d20, d11, d21);
                    (qd[10], qd[11], qd[12], qd[13]) = (d01, d11, d02, d12);
                    (qd[15], qd[16], qd[17], qd[18]) = (d11, d21, d12, d22);
                }
                for (int q = 0; q < 4; q++)
                {
                    int csx = 2 * sx + (q & 1), csy = 2 * sy + (q >> 1);
                    double x0 = cellX + csx * half, y0 = cellY + csy * half, x1 = x0 + half, y1 = y0 + half;
                    if (!shared)
                    {
                        qd[5 * q] = _density.At(x0, y0);
                        qd[5 * q + 1] = _density.At(x1, y0);
                        qd[5 * q + 2] = _density.At(x0, y1);
                        qd[5 * q + 3] = _density.At(x1, y1);
                    }
                    qd[5 * q + 4] = _density.At(x0 + 0.5 * half, y0 + 0.5 * half);
                    for (int k = 5 * q; k < 5 * q + 5; k++)
                    {
                        if (qd[k] >= _dFloor)
                        {
                            reachMax = FMax(reachMax, RadiusFor(qd[k]));
                        }
                    }
                }
                if (reachMax == 0)
                {
                    continue;
                }
                if (reachMax > rlo[l])
                {
                    near = Gather(s, bx0, by0, bx1, by1, reachMax);
                }
                for (int q = 0; q < 4; q++)
                {
                    int csx = 2 * sx + (q & 1), csy = 2 * sy + (q >> 1);
                    double x0 = cellX + csx * half, y0 = cellY + csy * half;
                    if ((open >> q & 1) != 0
                        && !CoveredPointsByGathered(s, near, x0, y0, x0 + half, y0 + half, qd.AsSpan(5 * q, 5)))
                    {
                        next[nn] = l;
                        nextSub[nn++] = csx | (csy << 16);
                    }
                }
            }
            if (level < SubShift && starting[level + 1] > 0)
            {
                nn = StartBoxes(s, level + 1, next, nextSub, nn);
            }
            s.SwapNext();
            cur = s.Cell;
            curSub = s.Sub;
            cn = nn;
        }
        // The tile's dots in acceptance order, copied while their slots are in cache.
        var dots = new DiscSlot[accepted];
        float maxR = 0;
        for (int k = 0; k < accepted; k++)
        {
            dots[k] = _slots[acceptedCells[k]];
            maxR = dots[k].R > maxR ? dots[k].R : maxR;
        }
        _tileDots[tile] = dots;
        _tileMaxR[tile] = Math.Max(_tileMaxR[tile], maxR);
        TileCounts[tile] = accepted;
    }

    /// <summary>
    /// Phase 1 of <see cref="SampleTile"/>: darts into random free sub-cells of random active cells; a placed dot
    /// marks the sub-cells its disc covers, and a cell leaves the pool when all 64 are covered.
    /// </summary>
    private int ThrowDarts(Scratch s, int accepted)
    {
        int di = s.DrawIndex;
        double tileX0 = s.Ox, tileY0 = s.Oy, c = s.C;
        int[] acceptedCells = s.Accepted, pool = s.Pool, pos = s.Pos;
        float[] rlo = s.Rlo;
        bool[] partial = s.Partial;
        ulong[] masks = s.Masks;
        long budget = (long)((_hasPrefill ? PhaseOneThrowsFilling : PhaseOneThrows) * s.N);
        for (long t = 0; t < budget && s.N > 0; t++)
        {
            ulong a = s.Draw(ref di);
            int l = pool[(int)(((a >> 32) * (ulong)(uint)s.N) >> 32)];
            // A uniform sub-cell of a uniform cell, rejected when covered: darts stay uniform over the
            // free area (unbiased, as in Ebeida et al.) at the price of a cheap retry.
            int bit = (int)(a & (SubCells - 1));
            if (((masks[l] >> bit) & 1) != 0)
            {
                continue;
            }
            int cx = l & (TileCells - 1), cy = l >> TileShift;
            ulong b = s.Draw(ref di);
            double px = tileX0 + (cx + ((bit & (SubSide - 1)) + (b >> 40) * Inv24) * (1.0 / SubSide)) * c;
            double py = tileY0 + (cy + ((bit >> SubShift) + ((b >> 16) & 0xFFFFFF) * Inv24) * (1.0 / SubSide)) * c;
            if (TryPlace(s, px, py, cx, cy, partial[l] ? -1 : rlo[l], out float fx, out float fy, out float r, out int slot))
            {
                acceptedCells[accepted++] = slot;
                ApplyDot(s, fx, fy, r);
                if (pos[l] >= 0)
                {
                    Remove(s, l);
                }
            }
        }
        s.DrawIndex = di;
        return accepted;
    }

    /// <summary>Cells whose smallest spacing is at least this many times their side start the refinement in whole cells.</summary>
    internal const double CoarseStartRatio = 11.313708498984761; // 8√2

    /// <summary>
    /// The refinement level at which an active cell's free part is first listed: 3 (8×8 sub-cells) where its
    /// smallest spacing is under 2√2 cell sides, one level coarser each time that spacing doubles, down to 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int StartLevel(Scratch s, int l)
    {
        double ratio = s.Rlo[l] * s.Inv * (SubSide / CoarseStartRatio);
        return ratio < 2 ? SubShift : SubShift - Math.Min(SubShift, BitOperations.Log2((uint)Math.Min(ratio, 1 << 16)));
    }

    /// <summary>
    /// Appends, for the active cells starting at <paramref name="level"/>, the boxes of side c/2^level that
    /// are not entirely covered according to the cell's mask (a box holds 8/2^level × 8/2^level sub-cells).
    /// </summary>
    private static int StartBoxes(Scratch s, int level, int[] cells, int[] subs, int n)
    {
        int side = 1 << level, span = SubSide >> level;
        ulong row = (1UL << span) - 1, block = 0;
        for (int k = 0; k < span; k++)
        {
            block |= row << (SubSide * k);
        }
        for (int k = 0; k < s.N; k++)
        {
            int l = s.Pool[k];
            if (StartLevel(s, l) != level)
            {
                continue;
            }
            ulong mask = s.Masks[l];
            if (level == SubShift)
            {
                // One box per free sub-cell.
                ulong free = ~mask;
                while (free != 0)
                {
                    int bit = BitOperations.TrailingZeroCount(free);
                    free &= free - 1;
                    cells[n] = l;
                    subs[n++] = (bit & (SubSide - 1)) | ((bit >> SubShift) << 16);
                }
                continue;
            }
            for (int by = 0; by < side; by++)
            {
                for (int bx = 0; bx < side; bx++)
                {
                    ulong box = block << (span * bx + SubSide * span * by);
                    if ((mask & box) != box)
                    {
                        cells[n] = l;
                        subs[n++] = bx | (by << 16);
                    }
                }
            }
        }
        return n;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Remove(Scratch s, int l)
    {
        int p = s.Pos[l];
        int last = s.Pool[--s.N];
        s.Pool[p] = last;
        s.Pos[last] = p;
        s.Pos[l] = -1;
    }

    /// <summary>
    /// Marks, in the active cells of the tile, the 8×8 sub-cells lying entirely within min(rlo, r) of a
    /// dot, row by row; a cell whose 64 sub-cells are covered leaves the pool.
    /// </summary>
    [SkipLocalsInit] // its row buffers are written before they are read
    internal void ApplyDot(Scratch s, double xd, double yd, double rd)
    {
        // In the tile's own frame: cell (i, j) spans [i·c, (i + 1)·c) × [j·c, (j + 1)·c).
        const int gx0 = 0, gy0 = 0;
        double c = s.C, inv = s.Inv;
        xd -= s.Ox;
        yd -= s.Oy;
        int i0 = Math.Max(gx0, (int)Math.Floor((xd - rd) * inv)), i1 = Math.Min(gx0 + s.Tw - 1, (int)Math.Floor((xd + rd) * inv));
        int j0 = Math.Max(gy0, (int)Math.Floor((yd - rd) * inv)), j1 = Math.Min(gy0 + s.Th - 1, (int)Math.Floor((yd + rd) * inv));
        double h = c / SubSide, invH = SubSide * inv;
        int[] pos = s.Pos;
        float[] rlo = s.Rlo;
        ulong[] masks = s.Masks;
        Span<int> loRow = stackalloc int[SubSide];
        Span<int> hiRow = stackalloc int[SubSide];
        Span<ulong> rowBits = stackalloc ulong[SubSide];
        Span<ulong> cellBits = stackalloc ulong[SubSide];
        bool narrow = i1 - i0 < 8;
        int base0 = i0 * SubSide;
        for (int j = j0; j <= j1; j++)
        {
            // One chord radius for the row: the smallest bound min(rlo, r) of its active cells
            // (marking less than could be marked is safe; marking more is not). In a tile of one spacing, that
            // spacing's bound (a row without active cells then marks nothing below).
            double mRow = double.MaxValue;
            if (s.FlatSpacing > 0)
            {
                mRow = FMin(s.FlatSpacing, rd);
            }
            else
            {
                int rowStart = (j - gy0) << TileShift;
                for (int i = i0; i <= i1; i++)
                {
                    int l = rowStart + i - gx0;
                    if (pos[l] >= 0)
                    {
                        mRow = FMin(mRow, FMin(rlo[l], rd));
                    }
                }
                if (mRow == double.MaxValue)
                {
                    continue;
                }
            }
            double m2Row = mRow * mRow;
            double cellY = j * c;
            double fyc = FMax(yd - cellY, cellY + c - yd);
            // Sub-columns (counted from x = 0) inside the chord of each sub-row, for cells whose own
            // spacing bound is at least the dot's.
            if (narrow && KernelIsa.Rows)
            {
                StoreChordBitsByCell(cellY, h, xd, yd, m2Row, invH, base0, ref MemoryMarshal.GetReference(cellBits));
            }
            else
            {
                for (int k = 0; k < SubSide; k++)
                {
                    double y0 = cellY + k * h;
                    double fy = FMax(yd - y0, y0 + h - yd);
                    double w2 = m2Row - fy * fy;
                    if (w2 > 0)
                    {
                        double w = Math.Sqrt(w2);
                        loRow[k] = (int)Math.Floor((xd - w) * invH) + 1;
                        hiRow[k] = (int)Math.Ceiling((xd + w) * invH) - 2;
                    }
                    else
                    {
                        loRow[k] = int.MaxValue / 2;
                        hiRow[k] = int.MinValue / 2;
                    }
                    if (narrow)
                    {
                        // The chord as a bit string over the sub-columns of cells i0..i0+7.
                        int lo = Math.Max(0, loRow[k] - base0), hi = Math.Min(63, hiRow[k] - base0);
                        rowBits[k] = lo <= hi ? (ulong.MaxValue >> (63 - hi + lo)) << lo : 0;
                    }
                }
            }
            for (int i = i0; i <= i1; i++)
            {
                int l = ((j - gy0) << TileShift) + (i - gx0);
                if (pos[l] < 0)
                {
                    continue;
                }
                double cellX = i * c;
                double mm = FMin(rlo[l], rd);
                double fxc = FMax(xd - cellX, cellX + c - xd);
                if (fxc * fxc + fyc * fyc < mm * mm)
                {
                    // The whole cell lies in the disc.
                    masks[l] = FullMask;
                    Remove(s, l);
                    continue;
                }
                ulong mask = masks[l];
                if (narrow && KernelIsa.Rows)
                {
                    mask |= cellBits[i - i0];
                }
                else if (narrow)
                {
                    int shift = (i - i0) * SubSide;
                    for (int k = 0; k < SubSide; k++)
                    {
                        mask |= ((rowBits[k] >> shift) & 0xFF) << (SubSide * k);
                    }
                }
                else
                {
                    int first = i * SubSide;
                    for (int k = 0; k < SubSide; k++)
                    {
                        int lo = Math.Max(0, loRow[k] - first), hi = Math.Min(SubSide - 1, hiRow[k] - first);
                        if (lo <= hi)
                        {
                            mask |= ((1UL << (hi - lo + 1)) - 1) << (lo + SubSide * k);
                        }
                    }
                }
                masks[l] = mask;
                if (mask == FullMask)
                {
                    Remove(s, l);
                }
            }
        }
    }

    // The kernel's vector constants are properties of constant values, not static fields: the compiler then takes each
    // one from the code's data whatever the state of the class when a method is compiled (a static field read before the
    // class is set up costs a check and a possible call inside the loop, and the loop's vectors are kept in memory
    // around that call).

    /// <summary>The 8×8 byte transpose: byte c·8 + k of the result is byte k·8 + c of the source.</summary>
    private static Vector512<byte> TransposeBytes
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(
            (byte)0, (byte)8, (byte)16, (byte)24, (byte)32, (byte)40, (byte)48, (byte)56,
            (byte)1, (byte)9, (byte)17, (byte)25, (byte)33, (byte)41, (byte)49, (byte)57,
            (byte)2, (byte)10, (byte)18, (byte)26, (byte)34, (byte)42, (byte)50, (byte)58,
            (byte)3, (byte)11, (byte)19, (byte)27, (byte)35, (byte)43, (byte)51, (byte)59,
            (byte)4, (byte)12, (byte)20, (byte)28, (byte)36, (byte)44, (byte)52, (byte)60,
            (byte)5, (byte)13, (byte)21, (byte)29, (byte)37, (byte)45, (byte)53, (byte)61,
            (byte)6, (byte)14, (byte)22, (byte)30, (byte)38, (byte)46, (byte)54, (byte)62,
            (byte)7, (byte)15, (byte)23, (byte)31, (byte)39, (byte)47, (byte)55, (byte)63);
    }

    private static Vector512<double> SubRowIndex
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(0.0, 1, 2, 3, 4, 5, 6, 7);
    }

    /// <summary>
    /// <see cref="ChordBitsByCell"/> stored at <paramref name="destination"/> (eight masks). A method of its own, so that
    /// <see cref="ApplyDot"/> holds no 512-bit vector and is precompiled (ReadyToRun); this one is compiled fully
    /// optimised on first use (a short call left at the first tier would run its vector code as calls).
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static void StoreChordBitsByCell(double cellY, double h, double xd, double yd, double m2, double invH, int base0, ref ulong destination) =>
        ChordBitsByCell(cellY, h, xd, yd, m2, invH, base0).StoreUnsafe(ref destination);

    /// <summary>
    /// For the sub-rows k = 0..7 of the cell row at cellY, the sub-columns of cells i0..i0+7 (counted
    /// from base0 = 8·i0) lying inside the chord of radius √m2 around (xd, yd); lane c holds cell i0 + c
    /// as an 8×8 mask (bit 8k + column).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> ChordBitsByCell(double cellY, double h, double xd, double yd, double m2, double invH, int base0)
    {
        Vector512<double> hv = Vector512.Create(h), ydv = Vector512.Create(yd), xdv = Vector512.Create(xd), invHv = Vector512.Create(invH);
        Vector512<double> y0 = Vector512.Create(cellY) + SubRowIndex * hv;
        Vector512<double> fy = Avx512F.Max(ydv - y0, y0 + hv - ydv);
        Vector512<double> w2 = Vector512.Create(m2) - fy * fy;
        Vector512<double> w = Vector512.Sqrt(w2);
        Vector512<long> lo = Vector512.ConvertToInt64(Vector512.Floor((xdv - w) * invHv)) + Vector512.Create(1L - base0);
        Vector512<long> hi = Vector512.ConvertToInt64(Vector512.Ceiling((xdv + w) * invHv)) - Vector512.Create(2L + base0);
        lo = Vector512.Max(lo, Vector512<long>.Zero);
        hi = Vector512.Min(hi, Vector512.Create(63L));
        // A shift by 64 or more gives 0: empty chords (lo > hi) and sub-rows outside the disc.
        Vector512<long> count = Vector512.ConditionalSelect(Vector512.GreaterThan(w2, Vector512<double>.Zero).AsInt64(),
            Vector512.Create(63L) - hi + lo, Vector512.Create(64L));
        Vector512<ulong> bits = Avx512F.ShiftLeftLogicalVariable(
            Avx512F.ShiftRightLogicalVariable(Vector512<ulong>.AllBitsSet, count.AsUInt64()), lo.AsUInt64());
        return Avx512Vbmi.PermuteVar64x8(bits.AsByte(), TransposeBytes).AsUInt64();
    }

    /// <summary>Places a dart when the density allows a dot there and no dot is too close.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private bool TryPlace(Scratch s, double px, double py, int cx, int cy, float flatSpacing, out float fx, out float fy, out float r, out int slot)
    {
        fx = (float)((Math.Floor(px * PositionQuantum) + 0.5) * (1 / PositionQuantum));
        fy = (float)((Math.Floor(py * PositionQuantum) + 0.5) * (1 / PositionQuantum));
        r = 0;
        slot = 0;
        if (!(fx < _width && fy < _height))
        {
            return false;
        }
        // The dot must lie in the tile's cell (cx, cy) and in a background cell of the tile.
        double lx = (fx - s.Ox) * s.Inv, ly = (fy - s.Oy) * s.Inv;
        int gx = (int)(fx * _inv), gy = (int)(fy * _inv);
        if (!(lx >= 0 && ly >= 0) || (int)lx != cx || (int)ly != cy
            || (uint)(gx - s.Gx0) >= (uint)s.Gw || (uint)(gy - s.Gy0) >= (uint)s.Gh)
        {
            return false;
        }
        if (flatSpacing > 0)
        {
            // The density is the same at the cell's corners and centre: its spacing holds at the dart.
            r = flatSpacing;
        }
        else
        {
            double d = _density.At(fx, fy);
            if (d < _dFloor)
            {
                return false;
            }
            r = RadiusFor(d);
        }
        if (Conflicts(fx, fy, r))
        {
            return false;
        }
        int level = Level(r);
        if (level > 0)
        {
            int[] cells = _levelCells[level];
            int lc = (gy >> level) * _levelW[level] + (gx >> level);
            if (cells[lc] >= 0)
            {
                return false;
            }
            cells[lc] = gy * _gw + gx;
            if (_levelUsed[level] == 0)
            {
                Volatile.Write(ref _levelUsed[level], 1);
            }
        }
        slot = gy * _gw + gx;
        _slots[slot] = new DiscSlot { X = fx, Y = fy, R = r };
        return true;
    }

    /// <summary>Slots past the grid: <see cref="RowConflicts"/> reads 32 floats (10⅔ slots) from any slot of the grid.</summary>
    private const int SlotPadding = 11;

    /// <summary>
    /// <see cref="RowConflicts"/> over the rows cy0..cy1 of <paramref name="lanes"/> slots from <paramref name="first"/>
    /// (column cx0 of row 0). A method of its own, so that <see cref="Conflicts"/> holds no 512-bit vector.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.AggressiveOptimization)]
    private static bool RowsConflict(ref DiscSlot first, int stride, int lanes, int cy0, int cy1, double xd, double yd, double rd)
    {
        Vector512<double> xv = Vector512.Create(xd), yv = Vector512.Create(yd), rv = Vector512.Create(rd);
        Vector512<long> laneCount = Vector512.Create((long)lanes);
        for (int cy = cy0; cy <= cy1; cy++)
        {
            if (RowConflicts(ref Unsafe.Add(ref first, cy * stride), xv, yv, rv, laneCount))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>The floats of eight slots' X (Y, R) among two vectors of 16 floats read from a slot.</summary>
    private static Vector512<int> SlotX
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(0, 3, 6, 9, 12, 15, 18, 21, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private static Vector512<int> SlotY
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(1, 4, 7, 10, 13, 16, 19, 22, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private static Vector512<int> SlotR
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(2, 5, 8, 11, 14, 17, 20, 23, 0, 0, 0, 0, 0, 0, 0, 0);
    }

    private static Vector512<long> LaneIndex
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector512.Create(0L, 1, 2, 3, 4, 5, 6, 7);
    }

    /// <summary>
    /// The test of <see cref="Conflicts"/> on the first <paramref name="lanes"/> (up to 8) slots from
    /// <paramref name="first"/>, in doubles as the scalar test: some q with |q - p|² &lt; min(r, r_q)².
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool RowConflicts(ref DiscSlot first, Vector512<double> x, Vector512<double> y, Vector512<double> r, Vector512<long> lanes)
    {
        ref float f = ref Unsafe.As<DiscSlot, float>(ref first);
        Vector512<float> a = Vector512.LoadUnsafe(ref f), b = Vector512.LoadUnsafe(ref f, 16);
        Vector512<double> qx = Avx512F.ConvertToVector512Double(Avx512F.PermuteVar16x32x2(a, SlotX, b).GetLower());
        Vector512<double> qy = Avx512F.ConvertToVector512Double(Avx512F.PermuteVar16x32x2(a, SlotY, b).GetLower());
        Vector512<double> qr = Avx512F.ConvertToVector512Double(Avx512F.PermuteVar16x32x2(a, SlotR, b).GetLower());
        Vector512<double> dx = qx - x, dy = qy - y, m = Avx512F.Min(r, qr);
        Vector512<double> hit = Vector512.LessThan(dx * dx + dy * dy, m * m);
        return (hit.AsInt64() & Vector512.LessThan(LaneIndex, lanes)) != Vector512<long>.Zero;
    }

    /// <summary>True when a dot at (x, y) with spacing r comes closer than min(r, r_q) to a dot q.</summary>
    private bool Conflicts(float x, float y, float r)
    {
        double xd = x, yd = y, rd = r;
        double twoRmin = 2.0 * _rmin;
        double reach = FMin(rd, twoRmin);
        int cx0 = Math.Max(0, (int)Math.Floor((xd - reach) * _inv)), cx1 = Math.Min(_gw - 1, (int)((xd + reach) * _inv));
        int cy0 = Math.Max(0, (int)Math.Floor((yd - reach) * _inv)), cy1 = Math.Min(_gh - 1, (int)((yd + reach) * _inv));
        ref DiscSlot slots = ref MemoryMarshal.GetArrayDataReference(_slots);
        if (KernelIsa.Conflicts && cx1 - cx0 < 8)
        {
            if (RowsConflict(ref Unsafe.Add(ref slots, cx0), _gw, cx1 - cx0 + 1, cy0, cy1, xd, yd, rd))
            {
                return true;
            }
        }
        else
        {
            for (int cy = cy0; cy <= cy1; cy++)
            {
                ref DiscSlot row = ref Unsafe.Add(ref slots, cy * _gw);
                for (int cx = cx0; cx <= cx1; cx++)
                {
                    ref DiscSlot q = ref Unsafe.Add(ref row, cx);
                    double dx = q.X - xd, dy = q.Y - yd, m = FMin(rd, q.R);
                    if (dx * dx + dy * dy < m * m)
                    {
                        return true;
                    }
                }
            }
        }
        if (rd > twoRmin)
        {
            for (int level = 1; level <= MaxLevel; level++)
            {
                if (Volatile.Read(ref _levelUsed[level]) != 0 && ConflictsAtLevel(level, xd, yd, rd))
                {
                    return true;
                }
            }
        }
        return _fixed is not null && _fixed.Conflicts(xd, yd, rd);
    }

    /// <summary>A point is a box of no size: it conflicts with q exactly when q "covers" it.</summary>
    private bool ConflictsAtLevel(int level, double xd, double yd, double rd) => CoveredAtLevel(level, xd, yd, xd, yd, rd);

    private bool CoveredAtLevel(int level, double x0, double y0, double x1, double y1, double rl)
    {
        double reach = FMin(rl, (2 << level) * (double)_rmin);
        double inv = _inv / (1 << level);
        int w = _levelW[level], h = _levelH[level];
        int[] cells = _levelCells[level];
        int cx0 = Math.Max(0, (int)Math.Floor((x1 - reach) * inv)), cx1 = Math.Min(w - 1, (int)((x0 + reach) * inv));
        int cy0 = Math.Max(0, (int)Math.Floor((y1 - reach) * inv)), cy1 = Math.Min(h - 1, (int)((y0 + reach) * inv));
        for (int cy = cy0; cy <= cy1; cy++)
        {
            for (int cx = cx0; cx <= cx1; cx++)
            {
                int idx = cells[cy * w + cx];
                if (idx >= 0)
                {
                    ref DiscSlot q = ref _slots[idx];
                    double fx = FMax(q.X - x0, x1 - q.X), fy = FMax(q.Y - y0, y1 - q.Y), m = FMin(rl, q.R);
                    if (fx * fx + fy * fy < m * m)
                    {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /// <summary>
    /// Coverage of a box over which the density varies or ends, against gathered dots: each of its
    /// corners and its centre (densities d00, d10, d01, d11, centre) where the density allows a dot must
    /// conflict with some dot (closer than min(r(point), r_q)), with the spacing of the point itself, as a
    /// dart there would be tested.
    /// </summary>
    [SkipLocalsInit]
    private bool CoveredPointsByGathered(Scratch s, int n, double x0, double y0, double x1, double y1, ReadOnlySpan<double> d)
    {
        Span<double> px = stackalloc double[5];
        Span<double> py = stackalloc double[5];
        Span<double> pr = stackalloc double[5];
        int m = 0;
        for (int k = 0; k < 5; k++)
        {
            if (d[k] >= _dFloor)
            {
                px[m] = k == 4 ? 0.5 * (x0 + x1) : (k & 1) == 0 ? x0 : x1;
                py[m] = k == 4 ? 0.5 * (y0 + y1) : (k & 2) == 0 ? y0 : y1;
                pr[m] = RadiusFor(d[k]);
                m++;
            }
        }
        if (m == 0)
        {
            return true;
        }
        int covered = 0, all = (1 << m) - 1;
        float[] gx = s.GX, gy = s.GY, gr = s.GR;
        if (KernelIsa.Conflicts)
        {
            for (int k = 0; k < m; k++)
            {
                if (AnyWithin(s, n, px[k], py[k], pr[k]))
                {
                    covered |= 1 << k;
                }
            }
            return covered == all;
        }
        for (int j = 0; j < n; j++)
        {
            double qx = gx[j], qy = gy[j], qr = gr[j];
            for (int k = 0; k < m; k++)
            {
                double dx = qx - px[k], dy = qy - py[k], mm = FMin(pr[k], qr);
                if (dx * dx + dy * dy < mm * mm)
                {
                    covered |= 1 << k;
                }
            }
            if (covered == all)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Collects the dots that may cover some point of the box (x, y, spacing) into the scratch lists.</summary>
    private int Gather(Scratch s, double x0, double y0, double x1, double y1, double rl)
    {
        int n = 0;
        double reach = FMin(rl, 2.0 * _rmin);
        int cx0 = Math.Max(0, (int)Math.Floor((x0 - reach) * _inv)), cx1 = Math.Min(_gw - 1, (int)((x1 + reach) * _inv));
        int cy0 = Math.Max(0, (int)Math.Floor((y0 - reach) * _inv)), cy1 = Math.Min(_gh - 1, (int)((y1 + reach) * _inv));
        if (KernelIsa.Gather && cx1 - cx0 < 8 && cy0 <= cy1)
        {
            n = GatherRows(s, cx0, cx1, cy0, cy1);
        }
        else
        {
            for (int cy = cy0; cy <= cy1; cy++)
            {
                for (int cx = cx0; cx <= cx1; cx++)
                {
                    ref DiscSlot q = ref _slots[cy * _gw + cx];
                    if (q.R > 0)
                    {
                        n = s.AddGathered(n, q.X, q.Y, q.R);
                    }
                }
            }
        }
        if (rl > 2.0 * _rmin)
        {
            for (int level = 1; level <= MaxLevel; level++)
            {
                if (Volatile.Read(ref _levelUsed[level]) == 0)
                {
                    continue;
                }
                double lr = FMin(rl, (2 << level) * (double)_rmin);
                double inv = _inv / (1 << level);
                int w = _levelW[level], h = _levelH[level];
                int[] cells = _levelCells[level];
                int lx0 = Math.Max(0, (int)Math.Floor((x0 - lr) * inv)), lx1 = Math.Min(w - 1, (int)((x1 + lr) * inv));
                int ly0 = Math.Max(0, (int)Math.Floor((y0 - lr) * inv)), ly1 = Math.Min(h - 1, (int)((y1 + lr) * inv));
                for (int cy = ly0; cy <= ly1; cy++)
                {
                    for (int cx = lx0; cx <= lx1; cx++)
                    {
                        int idx = cells[cy * w + cx];
                        if (idx >= 0)
                        {
                            ref DiscSlot q = ref _slots[idx];
                            n = s.AddGathered(n, q.X, q.Y, q.R);
                        }
                    }
                }
            }
        }
        if (_fixed is not null)
        {
            n = _fixed.Gather(s, n, x0 - rl, y0 - rl, x1 + rl, y1 + rl);
        }
        return n;
    }


    private static Vector256<int> LaneIndex32
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Vector256.Create(0, 1, 2, 3, 4, 5, 6, 7);
    }

    /// <summary>
    /// The base-grid part of <see cref="Gather"/> for rows of at most eight slots: each row's occupied slots
    /// are packed into the lists eight at a time (the lists keep room past their end; the order of the
    /// gathered dots does not matter to any test).
    /// </summary>
    private int GatherRows(Scratch s, int cx0, int cx1, int cy0, int cy1)
    {
        int n = 0;
        ref DiscSlot slots = ref MemoryMarshal.GetArrayDataReference(_slots);
        Vector256<float> inRow = Vector256.LessThan(LaneIndex32, Vector256.Create(cx1 - cx0 + 1)).AsSingle();
        for (int cy = cy0; cy <= cy1; cy++)
        {
            ref float f = ref Unsafe.As<DiscSlot, float>(ref Unsafe.Add(ref slots, cy * _gw + cx0));
            Vector512<float> a = Vector512.LoadUnsafe(ref f), b = Vector512.LoadUnsafe(ref f, 16);
            Vector256<float> qr = Avx512F.PermuteVar16x32x2(a, SlotR, b).GetLower();
            Vector256<float> used = Vector256.GreaterThan(qr, Vector256<float>.Zero) & inRow;
            uint bits = used.ExtractMostSignificantBits();
            if (bits == 0)
            {
                continue;
            }
            if (n + 2 * GatherLanes >= s.GX.Length)
            {
                s.Grow();
            }
            Vector256<float> qx = Avx512F.PermuteVar16x32x2(a, SlotX, b).GetLower();
            Vector256<float> qy = Avx512F.PermuteVar16x32x2(a, SlotY, b).GetLower();
            Avx512F.VL.Compress(Vector256<float>.Zero, used, qx).StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(s.GX), (nuint)n);
            Avx512F.VL.Compress(Vector256<float>.Zero, used, qy).StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(s.GY), (nuint)n);
            Avx512F.VL.Compress(Vector256<float>.Zero, used, qr).StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(s.GR), (nuint)n);
            n += BitOperations.PopCount(bits);
        }
        return n;
    }

    /// <summary>
    /// A sub-cell is done when one gathered disc covers it entirely, or when each of its corners and its
    /// centre lies in some disc (what could remain is a sliver far thinner than a dot's spacing).
    /// </summary>
    private static bool CoveredByGathered(Scratch s, int n, double x0, double y0, double x1, double y1, double rl)
    {
        if (KernelIsa.Conflicts)
        {
            return CoveredByGatheredWide(s, n, x0, y0, x1, y1, rl);
        }
        double xc = 0.5 * (x0 + x1), yc = 0.5 * (y0 + y1);
        int union = 0;
        float[] gx = s.GX, gy = s.GY, gr = s.GR;
        for (int k = 0; k < n; k++)
        {
            double qx = gx[k], qy = gy[k], m = FMin(rl, gr[k]), m2 = m * m;
            double ax = qx - x0, bx = qx - x1, ay = qy - y0, by = qy - y1, cxd = qx - xc, cyd = qy - yc;
            double ax2 = ax * ax, bx2 = bx * bx, ay2 = ay * ay, by2 = by * by;
            int flags = (ax2 + ay2 < m2 ? 1 : 0) | (bx2 + ay2 < m2 ? 2 : 0) | (ax2 + by2 < m2 ? 4 : 0) | (bx2 + by2 < m2 ? 8 : 0)
                | (cxd * cxd + cyd * cyd < m2 ? 16 : 0);
            if ((flags & 15) == 15)
            {
                return true;
            }
            union |= flags;
        }
        return union == 31;
    }

    /// <summary>Gathered dots are read eight at a time: the lists keep this many slots past their end.</summary>
    private const int GatherLanes = 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Wide(float[] a, int k) =>
        Avx512F.ConvertToVector512Double(Vector256.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)k));

    /// <summary>True when some gathered q lies closer than min(r, r_q) to (x, y) (same arithmetic as the scalar tests).</summary>
    private static bool AnyWithin(Scratch s, int n, double x, double y, double r)
    {
        Vector512<double> xv = Vector512.Create(x), yv = Vector512.Create(y), rv = Vector512.Create(r);
        for (int k = 0; k < n; k += GatherLanes)
        {
            Vector512<double> dx = Wide(s.GX, k) - xv, dy = Wide(s.GY, k) - yv, m = Avx512F.Min(rv, Wide(s.GR, k));
            ulong hit = Vector512.LessThan(dx * dx + dy * dy, m * m).ExtractMostSignificantBits();
            if ((hit & LaneMask(n - k)) != 0)
            {
                return true;
            }
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong LaneMask(int remaining) => remaining >= GatherLanes ? 0xFF : (1UL << remaining) - 1;

    /// <summary><see cref="CoveredByGathered"/> eight gathered dots at a time (same arithmetic, same answer).</summary>
    private static bool CoveredByGatheredWide(Scratch s, int n, double x0, double y0, double x1, double y1, double rl)
    {
        double xc = 0.5 * (x0 + x1), yc = 0.5 * (y0 + y1);
        Vector512<double> x0v = Vector512.Create(x0), x1v = Vector512.Create(x1), y0v = Vector512.Create(y0), y1v = Vector512.Create(y1);
        Vector512<double> xcv = Vector512.Create(xc), ycv = Vector512.Create(yc), rlv = Vector512.Create(rl);
        ulong u00 = 0, u10 = 0, u01 = 0, u11 = 0, uc = 0;
        for (int k = 0; k < n; k += GatherLanes)
        {
            Vector512<double> qx = Wide(s.GX, k), qy = Wide(s.GY, k), m = Avx512F.Min(rlv, Wide(s.GR, k)), m2 = m * m;
            Vector512<double> ax = qx - x0v, bx = qx - x1v, ay = qy - y0v, by = qy - y1v, cxd = qx - xcv, cyd = qy - ycv;
            Vector512<double> ax2 = ax * ax, bx2 = bx * bx, ay2 = ay * ay, by2 = by * by;
            ulong lanes = LaneMask(n - k);
            ulong c00 = Vector512.LessThan(ax2 + ay2, m2).ExtractMostSignificantBits() & lanes;
            ulong c10 = Vector512.LessThan(bx2 + ay2, m2).ExtractMostSignificantBits() & lanes;
            ulong c01 = Vector512.LessThan(ax2 + by2, m2).ExtractMostSignificantBits() & lanes;
            ulong c11 = Vector512.LessThan(bx2 + by2, m2).ExtractMostSignificantBits() & lanes;
            if ((c00 & c10 & c01 & c11) != 0)
            {
                return true;
            }
            u00 |= c00;
            u10 |= c10;
            u01 |= c01;
            u11 |= c11;
            uc |= Vector512.LessThan(cxd * cxd + cyd * cyd, m2).ExtractMostSignificantBits() & lanes;
        }
        return u00 != 0 && u10 != 0 && u01 != 0 && u11 != 0 && uc != 0;
    }

    /// <summary>Per-thread working memory, reused from tile to tile (no allocation per dot).</summary>
    internal sealed class Scratch
    {
        public int Gx0;
        public int Gy0;
        public int Tw;
        public int Th;
        public int N;
        /// <summary>Side of the tile's cells in pixels, and its inverse.</summary>
        public double C;
        public double Inv;
        /// <summary>The one spacing of every active cell in a tile of one density (0 otherwise).</summary>
        public float FlatSpacing;
        /// <summary>The tile's corner in pixels, and its background cells.</summary>
        public double Ox;
        public double Oy;
        public int Gw;
        public int Gh;
        public readonly bool[] Taken = new bool[TileCells * TileCells];

        /// <summary>Draws of the tile's random stream are made this many at a time, in a loop of their own.</summary>
        public const int DrawBatch = 64;

        /// <summary>The tile's random stream: <see cref="Draws"/> from <see cref="DrawIndex"/> on come first, then the stream.</summary>
        public Xoshiro256 Stream;
        public readonly ulong[] Draws = new ulong[DrawBatch];
        public int DrawIndex;

        /// <summary>The stream's next draw; <paramref name="index"/> is the caller's copy of <see cref="DrawIndex"/>.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public ulong Draw(ref int index)
        {
            if (index == DrawBatch)
            {
                Refill();
                index = 0;
            }
            return Draws[index++];
        }

        /// <summary>The next <see cref="DrawBatch"/> draws of the stream (the hot loops then keep no generator state).</summary>
        [MethodImpl(MethodImplOptions.NoInlining)]
        private void Refill()
        {
            Xoshiro256 rng = Stream;
            ulong[] draws = Draws;
            for (int k = 0; k < draws.Length; k++)
            {
                draws[k] = rng.Next();
            }
            Stream = rng;
        }
        public readonly ulong[] Masks = new ulong[TileCells * TileCells];
        public float[] GX = new float[256];
        public float[] GY = new float[256];
        public float[] GR = new float[256];

        public int AddGathered(int n, float x, float y, float r)
        {
            if (n + GatherLanes >= GX.Length)
            {
                Grow();
            }
            GX[n] = x;
            GY[n] = y;
            GR[n] = r;
            return n + 1;
        }

        public void Grow()
        {
            Array.Resize(ref GX, 2 * GX.Length);
            Array.Resize(ref GY, 2 * GY.Length);
            Array.Resize(ref GR, 2 * GR.Length);
        }
        public readonly int[] Pool = new int[TileCells * TileCells];
        public readonly int[] Accepted = new int[TileCells * TileCells];
        public readonly int[] Pos = new int[TileCells * TileCells];
        public readonly float[] Rlo = new float[TileCells * TileCells];
        public readonly bool[] Partial = new bool[TileCells * TileCells];
        public readonly double[] Corners = new double[(TileCells + 1) * (TileCells + 1)];
        public readonly double[] Centres = new double[TileCells];
        public readonly double[] QuarterDensity = new double[20];
        public int[] Cell = new int[TileCells * TileCells];
        public int[] Sub = new int[TileCells * TileCells];
        public int[] NextCell = new int[TileCells * TileCells];
        public int[] NextSub = new int[TileCells * TileCells];

        public void EnsureNext(int size)
        {
            if (NextCell.Length < size)
            {
                int n = Math.Max(size, 2 * NextCell.Length);
                NextCell = new int[n];
                NextSub = new int[n];
            }
        }

        public void EnsureCurrent(int size)
        {
            if (Cell.Length < size)
            {
                Cell = new int[size];
                Sub = new int[size];
            }
        }

        public void SwapNext()
        {
            (Cell, NextCell) = (NextCell, Cell);
            (Sub, NextSub) = (NextSub, Sub);
        }
    }
}

/// <summary>
/// Which AVX-512 paths the sampler kernel takes, read once. The kernel's main methods test these fields instead of
/// the instruction sets themselves and keep their 512-bit code in methods of its own: a method that asks for an
/// instruction set outside the x86-64-v3 baseline the tool is precompiled for would be compiled at every start.
/// </summary>
internal static class KernelIsa
{
    /// <summary>Eight sub-rows of a dot's chord at once.</summary>
    public static readonly bool Rows = Avx512DQ.IsSupported && Avx512Vbmi.IsSupported;

    /// <summary>Conflict and coverage tests eight slots or gathered dots at once.</summary>
    public static readonly bool Conflicts = Avx512F.IsSupported;

    /// <summary>Grid rows packed into the gathered lists eight slots at once.</summary>
    public static readonly bool Gather = Avx512F.VL.IsSupported;
}
