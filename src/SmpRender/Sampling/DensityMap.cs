using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace SmpRender.Sampling;

/// <summary>
/// Relative dot density (0 = no dots, 1 = the plan's full density) for every pixel of a photo,
/// at a known physical scale. Optionally carries a scar layer (0 = healthy scalp, 1 = scar tissue)
/// that the pigment stage uses to render dots lighter and softer.
/// </summary>
public sealed class DensityMap
{
    private readonly float[] _values;
    private readonly float[]? _scar;

    public DensityMap(int width, int height, double pxPerMm, float[] values, float[]? scar = null)
    {
        Preconditions.Positive(width);
        Preconditions.Positive(height);
        Preconditions.Positive(pxPerMm);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != (long)width * height)
        {
            throw new ArgumentException($"must hold width*height = {(long)width * height} values, not {values.Length}", nameof(values));
        }
        if (scar is not null && scar.Length != values.Length)
        {
            throw new ArgumentException($"must hold width*height = {values.Length} values, not {scar.Length}", nameof(scar));
        }
        (NonZeroBounds, MaxValue) = Scan(values, width, height);
        Width = width;
        Height = height;
        PxPerMm = pxPerMm;
        _values = values;
        _scar = scar;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Physical scale: pixels per millimetre.</summary>
    public double PxPerMm { get; }

    /// <summary>Row-major relative densities in [0, 1].</summary>
    public ReadOnlySpan<float> Values => _values;

    /// <summary>Row-major scar weights in [0, 1], or empty when the plan has no scar.</summary>
    public ReadOnlySpan<float> Scar => _scar;

    public bool HasScar => _scar is not null;

    /// <summary>The smallest box holding every pixel whose density is above 0 (empty for an all-zero map).</summary>
    public PixelBox NonZeroBounds { get; }

    /// <summary>The largest density in the map (0 for an all-zero map).</summary>
    public float MaxValue { get; }

    /// <summary>
    /// Checks every value (in [0, 1], not NaN) and finds the box of the non-zero pixels and the largest value,
    /// in one pass over the rows, eight values at a time.
    /// </summary>
    private static (PixelBox Box, float Max) Scan(float[] values, int width, int height)
    {
        int x0 = int.MaxValue, y0 = -1, x1 = 0, y1 = 0;
        float max = 0f;
        Vector256<float> vmax = Vector256<float>.Zero;
        for (int y = 0; y < height; y++)
        {
            ReadOnlySpan<float> row = values.AsSpan(y * width, width);
            int i = 0;
            if (Vector256.IsHardwareAccelerated)
            {
                Vector256<float> valid = Vector256<float>.AllBitsSet;
                for (; i <= row.Length - Vector256<float>.Count; i += Vector256<float>.Count)
                {
                    Vector256<float> v = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(row), (nuint)i);
                    // Ordered comparisons: NaN fails both.
                    valid &= Vector256.GreaterThanOrEqual(v, Vector256<float>.Zero) & Vector256.LessThanOrEqual(v, Vector256<float>.One);
                    vmax = Vector256.Max(vmax, v);
                }
                // A failed lane: rescan the row one value at a time to name the pixel.
                if (Vector256.ExtractMostSignificantBits(valid) != (1u << Vector256<float>.Count) - 1)
                {
                    i = 0;
                }
            }
            for (; i < row.Length; i++)
            {
                float v = row[i];
                if (!(v >= 0f && v <= 1f))
                {
                    throw new ArgumentException(
                        $"density at pixel ({i}, {y}) is {v}: every value must be in [0, 1] and not NaN", nameof(values));
                }
                max = MathF.Max(max, v);
            }
            int first = row.IndexOfAnyExcept(0f);
            if (first >= 0)
            {
                x0 = Math.Min(x0, first);
                x1 = Math.Max(x1, row.LastIndexOfAnyExcept(0f) + 1);
                y0 = y0 < 0 ? y : y0;
                y1 = y + 1;
            }
        }
        for (int lane = 0; lane < Vector256<float>.Count; lane++)
        {
            max = MathF.Max(max, vmax[lane]);
        }
        return (y0 < 0 ? default : new PixelBox(x0, y0, x1, y1), max);
    }

    /// <summary>A map of one constant density.</summary>
    public static DensityMap Uniform(int width, int height, double pxPerMm, float density = 1f)
    {
        var values = new float[checked(width * height)];
        Array.Fill(values, density);
        return new DensityMap(width, height, pxPerMm, values);
    }

    /// <summary>Density at a pixel; 0 outside the map.</summary>
    public float At(int x, int y) =>
        (uint)x < (uint)Width && (uint)y < (uint)Height ? _values[y * Width + x] : 0f;

    /// <summary>Scar weight at a pixel; 0 outside the map or when there is no scar layer.</summary>
    public float ScarAt(int x, int y) =>
        _scar is not null && (uint)x < (uint)Width && (uint)y < (uint)Height ? _scar[y * Width + x] : 0f;

    /// <summary>Density at a sub-pixel position (pixel centres at integer + 0.5), bilinear.</summary>
    public float Sample(double x, double y)
    {
        double fx = x - 0.5, fy = y - 0.5;
        int x0 = (int)Math.Floor(fx), y0 = (int)Math.Floor(fy);
        float tx = (float)(fx - x0), ty = (float)(fy - y0);
        int cx0 = Math.Clamp(x0, 0, Width - 1), cx1 = Math.Clamp(x0 + 1, 0, Width - 1);
        int cy0 = Math.Clamp(y0, 0, Height - 1), cy1 = Math.Clamp(y0 + 1, 0, Height - 1);
        if (x < 0 || y < 0 || x >= Width || y >= Height)
        {
            return 0f;
        }
        float a = _values[cy0 * Width + cx0], b = _values[cy0 * Width + cx1];
        float c = _values[cy1 * Width + cx0], d = _values[cy1 * Width + cx1];
        float top = a + (b - a) * tx, bottom = c + (d - c) * tx;
        return top + (bottom - top) * ty;
    }
}
