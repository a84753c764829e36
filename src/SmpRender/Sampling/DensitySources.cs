using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SmpRender.Sampling;

/// <summary>Relative density (0..1) at a sub-pixel position; 0 outside the photo.</summary>
internal interface IDensitySource
{
    double At(double x, double y);

    /// <summary>values[i] = At(x0 + i·step, y) for i &lt; values.Length.</summary>
    void Row(double x0, double step, double y, Span<double> values);

    /// <summary>
    /// True when <see cref="At"/> gives one and the same value at every point of the closed box
    /// [x0, x1] × [y0, y1] (false when that is unknown or costly to tell).
    /// </summary>
    bool TryUniform(double x0, double y0, double x1, double y1, out double value);

    /// <summary>
    /// A value that <see cref="At"/> does not exceed anywhere in the closed box [x0, x1] × [y0, y1]
    /// (+∞ when that is unknown or costly to tell).
    /// </summary>
    double UpperBound(double x0, double y0, double x1, double y1);
}

/// <summary>
/// Bilinear density over the pinned cells of a <see cref="DensityMap"/> (cell (i, j) holds the density at photo
/// position ((i + 0.5)·cellSize, (j + 0.5)·cellSize)), seen through a window: position (x, y) of the window is photo
/// position (x + originX, y + originY), and the density is 0 outside the window. The window's origin is a whole
/// number of cells, so a window moved by whole cells sees the same densities at the same window positions.
/// </summary>
internal readonly unsafe struct MapDensity : IDensitySource
{
    private readonly float* _values;
    private readonly int _width;
    private readonly int _height;
    private readonly double _inverseCell;
    private readonly int _originCellX;
    private readonly int _originCellY;
    private readonly int _windowWidth;
    private readonly int _windowHeight;
    private readonly float* _blockMin;
    private readonly float* _blockMax;
    private readonly int _blocksWide;

    /// <summary>A map of one value per pixel, seen whole.</summary>
    public MapDensity(float* values, int width, int height)
        : this(values, width, height, 1, 0, 0, width, height)
    {
    }

    /// <param name="values">The cells, <paramref name="gridWidth"/> × <paramref name="gridHeight"/>, row-major.</param>
    /// <param name="cellSize">Photo pixels per cell side; a power of two keeps every position's cell coordinate exact.</param>
    /// <param name="originX">Photo x of the window's left edge: a multiple of <paramref name="cellSize"/>.</param>
    /// <param name="originY">Photo y of the window's top edge: a multiple of <paramref name="cellSize"/>.</param>
    /// <param name="windowWidth">Window width in photo pixels.</param>
    /// <param name="windowHeight">Window height in photo pixels.</param>
    /// <param name="blockMin">The map's <see cref="DensityMap.BlockMin"/> (null: every cell of a box is read).</param>
    /// <param name="blockMax">The map's <see cref="DensityMap.BlockMax"/>.</param>
    /// <param name="blocksWide">The map's <see cref="DensityMap.BlocksWide"/>.</param>
    public MapDensity(float* values, int gridWidth, int gridHeight, int cellSize, int originX, int originY, int windowWidth, int windowHeight,
        float* blockMin = null, float* blockMax = null, int blocksWide = 0)
    {
        if (originX % cellSize != 0 || originY % cellSize != 0)
        {
            throw new ArgumentException($"the window's origin ({originX}, {originY}) is not on the cells of {cellSize} px", nameof(originX));
        }
        _values = values;
        _width = gridWidth;
        _height = gridHeight;
        _inverseCell = 1.0 / cellSize;
        _originCellX = originX / cellSize;
        _originCellY = originY / cellSize;
        _windowWidth = windowWidth;
        _windowHeight = windowHeight;
        _blockMin = blockMin;
        _blockMax = blockMax;
        _blocksWide = blocksWide;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double At(double x, double y)
    {
        if (!(x >= 0 && y >= 0 && x < _windowWidth && y < _windowHeight))
        {
            return 0;
        }
        // With cells of one pixel, x·1 is x: the very values of a per-pixel bilinear lookup.
        double fx = x * _inverseCell + (_originCellX - 0.5), fy = y * _inverseCell + (_originCellY - 0.5);
        int x0 = (int)(fx + 1) - 1, y0 = (int)(fy + 1) - 1; // floor for fx, fy >= -1
        double tx = fx - x0, ty = fy - y0;
        int xa = x0 < 0 ? 0 : x0, xb = x0 + 1 >= _width ? _width - 1 : x0 + 1;
        int ya = y0 < 0 ? 0 : y0, yb = y0 + 1 >= _height ? _height - 1 : y0 + 1;
        float* rowA = _values + (long)ya * _width, rowB = _values + (long)yb * _width;
        double a = rowA[xa], b = rowA[xb], c = rowB[xa], d = rowB[xb];
        double top = a + (b - a) * tx, bottom = c + (d - c) * tx;
        return top + (bottom - top) * ty;
    }

    /// <summary><see cref="At"/> along a row: the row's cells and weight are looked up once (same values).</summary>
    public void Row(double x0, double step, double y, Span<double> values)
    {
        if (!(y >= 0 && y < _windowHeight))
        {
            values.Clear();
            return;
        }
        double fy = y * _inverseCell + (_originCellY - 0.5);
        int y0 = (int)(fy + 1) - 1;
        double ty = fy - y0;
        int ya = y0 < 0 ? 0 : y0, yb = y0 + 1 >= _height ? _height - 1 : y0 + 1;
        float* rowA = _values + (long)ya * _width, rowB = _values + (long)yb * _width;
        double shift = _originCellX - 0.5, inverse = _inverseCell;
        int last = _width - 1;
        for (int i = 0; i < values.Length; i++)
        {
            double x = x0 + i * step;
            if (!(x >= 0 && x < _windowWidth))
            {
                values[i] = 0;
                continue;
            }
            double fx = x * inverse + shift;
            int xi = (int)(fx + 1) - 1;
            double tx = fx - xi;
            int xa = xi < 0 ? 0 : xi, xb = xi + 1 >= _width ? last : xi + 1;
            double a = rowA[xa], b = rowA[xb], c = rowB[xa], d = rowB[xb];
            double top = a + (b - a) * tx, bottom = c + (d - c) * tx;
            values[i] = top + (bottom - top) * ty;
        }
    }

    /// <summary>
    /// Uniform when every cell the bilinear lookups of the box reach holds the same value (then the
    /// interpolation returns it exactly), and that value is 0 if part of the box lies outside the window.
    /// </summary>
    public bool TryUniform(double x0, double y0, double x1, double y1, out double value)
    {
        value = 0;
        if (!CellsReached(x0, y0, x1, y1, out int px0, out int py0, out int px1, out int py1))
        {
            return true;
        }
        bool inside = x0 >= 0 && y0 >= 0 && x1 < _windowWidth && y1 < _windowHeight;
        float v = _values[(long)py0 * _width + px0];
        if (!inside && v != 0)
        {
            return false;
        }
        if (!Range(px0, py0, px1, py1, stopWhenMixed: true, out float lowest, out float highest) || lowest != highest)
        {
            return false;
        }
        value = v;
        return true;
    }

    /// <summary>The largest cell the bilinear lookups of the box reach (interpolation stays within its cells).</summary>
    public double UpperBound(double x0, double y0, double x1, double y1)
    {
        if (!CellsReached(x0, y0, x1, y1, out int px0, out int py0, out int px1, out int py1))
        {
            return 0;
        }
        Range(px0, py0, px1, py1, stopWhenMixed: false, out _, out float highest);
        return highest;
    }

    /// <summary>
    /// The smallest and largest value of the cells [px0, px1] × [py0, py1]: the whole blocks inside the box from the
    /// map's block summary, the cells around them one by one. With <paramref name="stopWhenMixed"/>, false as soon as
    /// two values differ.
    /// </summary>
    private bool Range(int px0, int py0, int px1, int py1, bool stopWhenMixed, out float lowest, out float highest)
    {
        float lo = _values[(long)py0 * _width + px0], hi = lo;
        int bx0 = (px0 + DensityMap.BlockSide - 1) >> DensityMap.BlockShift, bx1 = ((px1 + 1) >> DensityMap.BlockShift) - 1;
        int by0 = (py0 + DensityMap.BlockSide - 1) >> DensityMap.BlockShift, by1 = ((py1 + 1) >> DensityMap.BlockShift) - 1;
        // Rows [yb0, yb1] and columns [xb0, xb1] are covered by whole blocks.
        int yb0 = int.MaxValue, yb1 = int.MinValue, xb0 = 0, xb1 = 0;
        if (_blockMin != null && bx0 <= bx1 && by0 <= by1)
        {
            for (int by = by0; by <= by1; by++)
            {
                float* rowMin = _blockMin + (long)by * _blocksWide, rowMax = _blockMax + (long)by * _blocksWide;
                for (int bx = bx0; bx <= bx1; bx++)
                {
                    lo = rowMin[bx] < lo ? rowMin[bx] : lo;
                    hi = rowMax[bx] > hi ? rowMax[bx] : hi;
                }
            }
            yb0 = by0 << DensityMap.BlockShift;
            yb1 = ((by1 + 1) << DensityMap.BlockShift) - 1;
            xb0 = bx0 << DensityMap.BlockShift;
            xb1 = ((bx1 + 1) << DensityMap.BlockShift) - 1;
        }
        // Beside whole blocks a row has under 8 cells left on each side: when the box is at least 8 cells wide, the
        // 8 cells from its left edge and the 8 cells up to its right edge cover them (with cells of the box's
        // whole blocks, already counted), one vector each.
        bool strips = Vector256.IsHardwareAccelerated && px1 - px0 + 1 >= Vector256<float>.Count;
        Vector256<float> stripLo = Vector256.Create(lo), stripHi = Vector256.Create(hi);
        for (int y = py0; y <= py1 && !(stopWhenMixed && (lo != hi || !Vector256.EqualsAll(stripLo, stripHi))); y++)
        {
            float* row = _values + (long)y * _width;
            if (y >= yb0 && y <= yb1)
            {
                if (strips)
                {
                    Vector256<float> left = Vector256.Load(row + px0), right = Vector256.Load(row + px1 + 1 - Vector256<float>.Count);
                    stripLo = Vector256.MinNative(stripLo, Vector256.MinNative(left, right));
                    stripHi = Vector256.MaxNative(stripHi, Vector256.MaxNative(left, right));
                    continue;
                }
                Range(new ReadOnlySpan<float>(row + px0, xb0 - px0), ref lo, ref hi);
                Range(new ReadOnlySpan<float>(row + xb1 + 1, px1 - xb1), ref lo, ref hi);
            }
            else
            {
                Range(new ReadOnlySpan<float>(row + px0, px1 - px0 + 1), ref lo, ref hi);
            }
        }
        for (int k = 0; k < Vector256<float>.Count; k++)
        {
            lo = stripLo[k] < lo ? stripLo[k] : lo;
            hi = stripHi[k] > hi ? stripHi[k] : hi;
        }
        lowest = lo;
        highest = hi;
        return !(stopWhenMixed && lo != hi);
    }

    /// <summary>
    /// The cells [px0, px1] × [py0, py1] that <see cref="At"/> reads over the part of the closed box inside
    /// the window, with one cell more on each side; false when no part of the box is inside the window.
    /// </summary>
    private bool CellsReached(double x0, double y0, double x1, double y1, out int px0, out int py0, out int px1, out int py1)
    {
        double cx0 = Math.Max(0, x0), cy0 = Math.Max(0, y0);
        double cx1 = Math.Min(x1, _windowWidth), cy1 = Math.Min(y1, _windowHeight);
        px0 = Math.Clamp((int)Math.Floor(cx0 * _inverseCell + (_originCellX - 0.5)) - 1, 0, _width - 1);
        px1 = Math.Clamp((int)Math.Floor(cx1 * _inverseCell + (_originCellX - 0.5)) + 2, 0, _width - 1);
        py0 = Math.Clamp((int)Math.Floor(cy0 * _inverseCell + (_originCellY - 0.5)) - 1, 0, _height - 1);
        py1 = Math.Clamp((int)Math.Floor(cy1 * _inverseCell + (_originCellY - 0.5)) + 2, 0, _height - 1);
        return cx0 <= cx1 && cy0 <= cy1;
    }

    private static void Range(ReadOnlySpan<float> values, ref float lowest, ref float highest)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated && values.Length >= Vector<float>.Count)
        {
            var lo = new Vector<float>(lowest);
            var hi = new Vector<float>(highest);
            for (; i + Vector<float>.Count <= values.Length; i += Vector<float>.Count)
            {
                var v = new Vector<float>(values[i..]);
                lo = Vector.MinNative(lo, v);
                hi = Vector.MaxNative(hi, v);
            }
            for (int k = 0; k < Vector<float>.Count; k++)
            {
                lowest = lo[k] < lowest ? lo[k] : lowest;
                highest = hi[k] > highest ? hi[k] : highest;
            }
        }
        // Plain comparisons: the values are never NaN, and which of 0 and -0 is kept does not matter.
        for (; i < values.Length; i++)
        {
            float v = values[i];
            lowest = v < lowest ? v : lowest;
            highest = v > highest ? v : highest;
        }
    }
}

/// <summary>Density from a caller's function of (x, y) in pixels; values outside [0, 1] or NaN are a clear error.</summary>
internal readonly struct FunctionDensity : IDensitySource
{
    private readonly Func<double, double, double> _density;
    private readonly int _width;
    private readonly int _height;

    public FunctionDensity(Func<double, double, double> density, int width, int height)
    {
        _density = density;
        _width = width;
        _height = height;
    }

    public double At(double x, double y)
    {
        if (!(x >= 0 && y >= 0 && x < _width && y < _height))
        {
            return 0;
        }
        double v = _density(x, y);
        if (!(v >= 0 && v <= 1))
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture,
                    $"density function returned {v} at ({x:0.###}, {y:0.###}): every value must be in [0, 1] and not NaN"),
                "density");
        }
        return v;
    }

    public bool TryUniform(double x0, double y0, double x1, double y1, out double value)
    {
        value = 0;
        return false;
    }

    public double UpperBound(double x0, double y0, double x1, double y1) => double.PositiveInfinity;

    public void Row(double x0, double step, double y, Span<double> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = At(x0 + i * step, y);
        }
    }
}
