using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SmpRender.Sampling;

/// <summary>
/// Relative dot density (0 = no dots, 1 = the plan's full density) over a photo, at a known physical scale, held
/// on a grid of square cells of <see cref="CellSize"/> × <see cref="CellSize"/> photo pixels: cell (i, j) holds the
/// density at photo position ((i + 0.5)·CellSize, (j + 0.5)·CellSize), and the density between cell centres is
/// bilinear. Cell size 1 is a map of one value per pixel. Optionally carries a scar layer (0 = healthy scalp,
/// 1 = scar tissue) on the same grid that the pigment stage uses to render dots lighter and softer.
/// </summary>
public sealed class DensityMap
{
    private readonly float[] _values;
    private readonly float[]? _scar;
    private readonly double _inverseCell;

    /// <summary>A map of one value per photo pixel (cell size 1).</summary>
    public DensityMap(int width, int height, double pxPerMm, float[] values, float[]? scar = null)
        : this(width, height, pxPerMm, 1, values, scar)
    {
    }

    /// <summary>
    /// A map of <paramref name="width"/> × <paramref name="height"/> photo pixels held on cells of
    /// <paramref name="cellSize"/> pixels: <paramref name="values"/> (and <paramref name="scar"/>) hold
    /// ⌈width / cellSize⌉ × ⌈height / cellSize⌉ cells, row-major.
    /// </summary>
    public DensityMap(int width, int height, double pxPerMm, int cellSize, float[] values, float[]? scar = null)
    {
        Preconditions.Positive(width);
        Preconditions.Positive(height);
        Preconditions.Positive(pxPerMm);
        Preconditions.Positive(cellSize);
        ArgumentNullException.ThrowIfNull(values);
        int gridWidth = (int)((width + (long)cellSize - 1) / cellSize), gridHeight = (int)((height + (long)cellSize - 1) / cellSize);
        string what = cellSize == 1 ? "width*height" : "gridWidth*gridHeight";
        if (values.Length != (long)gridWidth * gridHeight)
        {
            throw new ArgumentException($"must hold {what} = {(long)gridWidth * gridHeight} values, not {values.Length}", nameof(values));
        }
        if (scar is not null && scar.Length != values.Length)
        {
            throw new ArgumentException($"must hold {what} = {values.Length} values, not {scar.Length}", nameof(scar));
        }
        BlocksWide = (gridWidth + BlockSide - 1) >> BlockShift;
        BlockMin = new float[BlocksWide * ((gridHeight + BlockSide - 1) >> BlockShift)];
        BlockMax = new float[BlockMin.Length];
        (PixelBox cells, MaxValue) = Scan(values, gridWidth, gridHeight, cellSize == 1 ? "pixel" : "cell", BlockMin, BlockMax);
        Width = width;
        Height = height;
        PxPerMm = pxPerMm;
        CellSize = cellSize;
        GridWidth = gridWidth;
        GridHeight = gridHeight;
        NonZeroCells = cells;
        NonZeroBounds = cells.IsEmpty
            ? default
            : new PixelBox(FirstPixel(cells.X0, cellSize, width), FirstPixel(cells.Y0, cellSize, height),
                EndPixel(cells.X1 - 1, cellSize, width), EndPixel(cells.Y1 - 1, cellSize, height));
        _inverseCell = 1.0 / cellSize;
        _values = values;
        _scar = scar;
    }

    /// <summary>Photo width in pixels.</summary>
    public int Width { get; }

    /// <summary>Photo height in pixels.</summary>
    public int Height { get; }

    /// <summary>Physical scale: pixels per millimetre.</summary>
    public double PxPerMm { get; }

    /// <summary>Photo pixels per side of a cell (1: one value per pixel).</summary>
    public int CellSize { get; }

    /// <summary>Cells per row: ⌈<see cref="Width"/> / <see cref="CellSize"/>⌉.</summary>
    public int GridWidth { get; }

    /// <summary>Rows of cells: ⌈<see cref="Height"/> / <see cref="CellSize"/>⌉.</summary>
    public int GridHeight { get; }

    /// <summary>Row-major relative densities in [0, 1], one per cell (<see cref="GridWidth"/> × <see cref="GridHeight"/>).</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>Row-major scar weights in [0, 1] on the same cells, or empty when the plan has no scar.</summary>
    public ReadOnlySpan<float> Scar => _scar;

    public bool HasScar => _scar is not null;

    /// <summary>
    /// The smallest box of photo pixels holding every pixel at whose centre the interpolated density is above 0
    /// (empty for an all-zero map). With cells of one pixel: the box of the non-zero pixels.
    /// </summary>
    public PixelBox NonZeroBounds { get; }

    /// <summary>The box of the cells whose value is above 0, in cells (empty for an all-zero map).</summary>
    public PixelBox NonZeroCells { get; }

    /// <summary>The largest density in the map (0 for an all-zero map).</summary>
    public float MaxValue { get; }

    /// <summary>The cells are summarised in blocks of <see cref="BlockSide"/> × <see cref="BlockSide"/> (2^BlockShift).</summary>
    internal const int BlockShift = 3;
    internal const int BlockSide = 1 << BlockShift;

    /// <summary>Blocks per row: ⌈<see cref="GridWidth"/> / <see cref="BlockSide"/>⌉ (the last ones may be cut by the grid's edge).</summary>
    internal int BlocksWide { get; }

    /// <summary>Smallest value of each block of cells, row-major (what the sampler reads instead of every cell of a large box).</summary>
    internal float[] BlockMin { get; }

    /// <summary>Largest value of each block of cells, row-major.</summary>
    internal float[] BlockMax { get; }

    /// <summary>
    /// The first pixel whose centre lies past the centre of cell <paramref name="first"/> - 1 (where the
    /// interpolation towards a first non-zero cell starts to rise above 0).
    /// </summary>
    private static int FirstPixel(int first, int cellSize, int size) =>
        (int)Math.Clamp(Math.Floor((first - 0.5) * cellSize - 0.5) + 1, 0, size);

    /// <summary>One past the last pixel whose centre lies before the centre of cell <paramref name="last"/> + 1.</summary>
    private static int EndPixel(int last, int cellSize, int size) =>
        (int)Math.Clamp(Math.Ceiling((last + 1.5) * cellSize - 0.5), 0, size);

    /// <summary>
    /// Checks every value (in [0, 1], not NaN) and finds the smallest and largest value of each block, in one pass over
    /// the rows, eight values (one block's row) at a time; the largest value and the box of the non-zero cells then
    /// come from the blocks (the box's edges are found exactly in its outermost non-zero blocks).
    /// </summary>
    private static (PixelBox Box, float Max) Scan(float[] values, int width, int height, string unit, float[] blockMin, float[] blockMax)
    {
        int blocksWide = (width + BlockSide - 1) >> BlockShift, blocksHigh = (height + BlockSide - 1) >> BlockShift;
        blockMin.AsSpan().Fill(float.PositiveInfinity);
        // The blocks' rows so far, one vector per whole block (each lane a column of the block).
        bool wide = Vector256.IsHardwareAccelerated && Vector256<float>.Count == BlockSide;
        int whole = wide ? width >> BlockShift : 0;
        var lowest = new Vector256<float>[whole];
        var highest = new Vector256<float>[whole];
        lowest.AsSpan().Fill(Vector256.Create(float.PositiveInfinity));
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<float> row = values.AsSpan(y * width, width);
            Span<float> rowMin = blockMin.AsSpan((y >> BlockShift) * blocksWide, blocksWide);
            Span<float> rowMax = blockMax.AsSpan((y >> BlockShift) * blocksWide, blocksWide);
            int i = 0;
            if (wide)
            {
                Vector256<float> valid = Vector256<float>.AllBitsSet;
                ref float first = ref MemoryMarshal.GetReference(row);
                ref Vector256<float> low = ref MemoryMarshal.GetArrayDataReference(lowest);
                ref Vector256<float> high = ref MemoryMarshal.GetArrayDataReference(highest);
                for (int b = 0; b < whole; b++)
                {
                    Vector256<float> v = Vector256.LoadUnsafe(ref first, (nuint)(b << BlockShift));
                    // Ordered comparisons: NaN fails both. The native minimum and maximum (one instruction each) then
                    // never see a NaN that counts.
                    valid &= Vector256.GreaterThanOrEqual(v, Vector256<float>.Zero) & Vector256.LessThanOrEqual(v, Vector256<float>.One);
                    Unsafe.Add(ref low, b) = Vector256.MinNative(Unsafe.Add(ref low, b), v);
                    Unsafe.Add(ref high, b) = Vector256.MaxNative(Unsafe.Add(ref high, b), v);
                }
                // A failed lane: the row is checked again one value at a time below, to name the cell.
                i = Vector256.ExtractMostSignificantBits(valid) == (1u << Vector256<float>.Count) - 1 ? whole << BlockShift : 0;
                if ((y & (BlockSide - 1)) == BlockSide - 1 || y == height - 1)
                {
                    // The last row of a row of blocks: each block's lanes folded into its summary.
                    for (int b = 0; b < whole; b++)
                    {
                        rowMin[b] = MathF.Min(rowMin[b], Lowest(lowest[b]));
                        rowMax[b] = MathF.Max(rowMax[b], Highest(highest[b]));
                    }
                    lowest.AsSpan().Fill(Vector256.Create(float.PositiveInfinity));
                    highest.AsSpan().Clear();
                }
            }
            for (; i < row.Length; i++)
            {
                float v = row[i];
                if (!(v >= 0f && v <= 1f))
                {
                    throw new ArgumentException(
                        $"density at {unit} ({i}, {y}) is {v}: every value must be in [0, 1] and not NaN", nameof(values));
                }
                rowMin[i >> BlockShift] = MathF.Min(rowMin[i >> BlockShift], v);
                rowMax[i >> BlockShift] = MathF.Max(rowMax[i >> BlockShift], v);
            }
        }
        // The non-zero blocks' extent, then the exact edges inside the outermost ones.
        float max = 0f;
        int bx0 = int.MaxValue, bx1 = -1, by0 = -1, by1 = -1;
        for (int by = 0; by < blocksHigh; by++)
        {
            for (int bx = 0; bx < blocksWide; bx++)
            {
                float top = blockMax[by * blocksWide + bx];
                max = MathF.Max(max, top);
                if (top > 0)
                {
                    bx0 = Math.Min(bx0, bx);
                    bx1 = Math.Max(bx1, bx);
                    by0 = by0 < 0 ? by : by0;
                    by1 = by;
                }
            }
        }
        if (by0 < 0)
        {
            return (default, 0f);
        }
        int x0 = int.MaxValue, x1 = 0, y0 = -1, y1 = 0;
        for (int y = by0 << BlockShift; y < Math.Min(height, (by1 + 1) << BlockShift); y++)
        {
            // Only rows in the first and last rows of blocks, and the columns of the first and last columns of blocks,
            // can hold an edge.
            bool edgeRow = y >> BlockShift == by0 || y >> BlockShift == by1;
            ReadOnlySpan<float> row = values.AsSpan(y * width, width);
            int from = bx0 << BlockShift, to = Math.Min(width, (bx1 + 1) << BlockShift);
            if (edgeRow)
            {
                int first = row[from..to].IndexOfAnyExcept(0f);
                if (first >= 0)
                {
                    y0 = y0 < 0 ? y : y0;
                    y1 = y + 1;
                }
            }
            int left = row[from..Math.Min(to, from + BlockSide)].IndexOfAnyExcept(0f);
            if (left >= 0)
            {
                x0 = Math.Min(x0, from + left);
            }
            int lastFrom = Math.Max(from, bx1 << BlockShift);
            int right = row[lastFrom..to].LastIndexOfAnyExcept(0f);
            if (right >= 0)
            {
                x1 = Math.Max(x1, lastFrom + right + 1);
            }
        }
        return (new PixelBox(x0, y0, x1, y1), max);
    }

    /// <summary>The smallest lane, by halving (the values are never NaN).</summary>
    private static float Lowest(Vector256<float> v)
    {
        Vector128<float> m = Vector128.MinNative(v.GetLower(), v.GetUpper());
        m = Vector128.MinNative(m, Vector128.Shuffle(m, Vector128.Create(2, 3, 0, 1)));
        return Vector128.MinNative(m, Vector128.Shuffle(m, Vector128.Create(1, 0, 3, 2))).ToScalar();
    }

    /// <summary>The largest lane, by halving (the values are never NaN).</summary>
    private static float Highest(Vector256<float> v)
    {
        Vector128<float> m = Vector128.MaxNative(v.GetLower(), v.GetUpper());
        m = Vector128.MaxNative(m, Vector128.Shuffle(m, Vector128.Create(2, 3, 0, 1)));
        return Vector128.MaxNative(m, Vector128.Shuffle(m, Vector128.Create(1, 0, 3, 2))).ToScalar();
    }

    /// <summary>A map of one constant density: a single cell covering the whole photo.</summary>
    public static DensityMap Uniform(int width, int height, double pxPerMm, float density = 1f)
    {
        Preconditions.Positive(width);
        Preconditions.Positive(height);
        int cellSize = (int)Math.Min(BitOperations.RoundUpToPowerOf2((uint)Math.Max(width, height)), 1u << 30);
        int cells = (int)(((width + (long)cellSize - 1) / cellSize) * ((height + (long)cellSize - 1) / cellSize));
        var values = new float[cells];
        Array.Fill(values, density);
        return new DensityMap(width, height, pxPerMm, cellSize, values);
    }

    /// <summary>Density at a pixel: the bilinear value at its centre (the cell's value with cells of one pixel); 0 outside the map.</summary>
    public float At(int x, int y)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
        {
            return 0f;
        }
        return CellSize == 1 ? _values[y * Width + x] : AtCentre(_values, x, y);
    }

    /// <summary>Scar weight at a pixel, as <see cref="At"/>; 0 outside the map or when there is no scar layer.</summary>
    public float ScarAt(int x, int y)
    {
        if (_scar is null || (uint)x >= (uint)Width || (uint)y >= (uint)Height)
        {
            return 0f;
        }
        return CellSize == 1 ? _scar[y * Width + x] : AtCentre(_scar, x, y);
    }

    /// <summary>
    /// <see cref="Interpolate"/> at the centre of pixel (x, y) inside the photo: with cells of a power of two, in
    /// whole numbers (the centre is (2x + 1 - cell) / (2·cell) cells from the first cell centre, and its fraction is
    /// exact in a float, so the value is the very one <see cref="Sample"/> gives).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private float AtCentre(float[] cells, int x, int y)
    {
        int cell = CellSize;
        if ((cell & (cell - 1)) != 0)
        {
            return Interpolate(cells, x + 0.5, y + 0.5);
        }
        int shift = BitOperations.Log2((uint)cell) + 1;
        float inverse = 1f / (2 * cell);
        int nx = 2 * x + 1 - cell, ny = 2 * y + 1 - cell;
        int x0 = nx >> shift, y0 = ny >> shift;
        float tx = (nx - (x0 << shift)) * inverse, ty = (ny - (y0 << shift)) * inverse;
        int cx0 = Math.Max(x0, 0), cx1 = Math.Min(x0 + 1, GridWidth - 1);
        int cy0 = Math.Max(y0, 0), cy1 = Math.Min(y0 + 1, GridHeight - 1);
        float a = cells[cy0 * GridWidth + cx0], b = cells[cy0 * GridWidth + cx1];
        float c = cells[cy1 * GridWidth + cx0], d = cells[cy1 * GridWidth + cx1];
        float top = a + (b - a) * tx, bottom = c + (d - c) * tx;
        return top + (bottom - top) * ty;
    }

    /// <summary>Density at a sub-pixel position (photo pixel centres at integer + 0.5), bilinear between cell centres; 0 outside the photo.</summary>
    public float Sample(double x, double y)
    {
        if (!(x >= 0 && y >= 0 && x < Width && y < Height))
        {
            return 0f;
        }
        return Interpolate(_values, x, y);
    }

    /// <summary>Scar weight at a sub-pixel position, as <see cref="Sample"/>; 0 outside the photo or when there is no scar layer.</summary>
    public float SampleScar(double x, double y)
    {
        if (_scar is null || !(x >= 0 && y >= 0 && x < Width && y < Height))
        {
            return 0f;
        }
        return Interpolate(_scar, x, y);
    }

    /// <summary>Bilinear between cell centres, the edge cells held beyond the outermost centres.</summary>
    private float Interpolate(float[] cells, double x, double y)
    {
        double fx = x * _inverseCell - 0.5, fy = y * _inverseCell - 0.5;
        int x0 = (int)Math.Floor(fx), y0 = (int)Math.Floor(fy);
        float tx = (float)(fx - x0), ty = (float)(fy - y0);
        int cx0 = Math.Clamp(x0, 0, GridWidth - 1), cx1 = Math.Clamp(x0 + 1, 0, GridWidth - 1);
        int cy0 = Math.Clamp(y0, 0, GridHeight - 1), cy1 = Math.Clamp(y0 + 1, 0, GridHeight - 1);
        float a = cells[cy0 * GridWidth + cx0], b = cells[cy0 * GridWidth + cx1];
        float c = cells[cy1 * GridWidth + cx0], d = cells[cy1 * GridWidth + cx1];
        float top = a + (b - a) * tx, bottom = c + (d - c) * tx;
        return top + (bottom - top) * ty;
    }
}
