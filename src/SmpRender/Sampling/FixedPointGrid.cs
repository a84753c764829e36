using System.Runtime.CompilerServices;

namespace SmpRender.Sampling;

/// <summary>
/// Fixed points (follicles, dots of an earlier visit) in a bucket grid (compressed rows), for the
/// sampler's distance queries. Unlike sampled dots they may lie arbitrarily close together.
/// </summary>
internal sealed class FixedPointGrid
{
    private readonly float[] _x;
    private readonly float[] _y;
    private readonly float[] _r;
    private readonly int[] _start;
    private readonly int _gw;
    private readonly int _gh;
    private readonly double _inv;

    public FixedPointGrid(IReadOnlyList<FixedPoint> points, int width, int height, double cellSize)
    {
        Count = points.Count;
        _inv = 1.0 / cellSize;
        _gw = Math.Max(1, (int)Math.Ceiling(width * _inv));
        _gh = Math.Max(1, (int)Math.Ceiling(height * _inv));
        _start = new int[_gw * _gh + 1];
        _x = new float[Count];
        _y = new float[Count];
        _r = new float[Count];
        var cellOf = new int[Count];
        for (int i = 0; i < Count; i++)
        {
            FixedPoint p = points[i];
            int cx = Math.Clamp((int)Math.Floor(p.X * _inv), 0, _gw - 1);
            int cy = Math.Clamp((int)Math.Floor(p.Y * _inv), 0, _gh - 1);
            cellOf[i] = cy * _gw + cx;
            _start[cellOf[i] + 1]++;
        }
        for (int c = 0; c < _gw * _gh; c++)
        {
            _start[c + 1] += _start[c];
        }
        var cursor = new int[_gw * _gh];
        for (int i = 0; i < Count; i++)
        {
            int c = cellOf[i];
            int k = _start[c] + cursor[c]++;
            _x[k] = points[i].X;
            _y[k] = points[i].Y;
            _r[k] = points[i].Spacing;
            MaxSpacing = Math.Max(MaxSpacing, points[i].Spacing);
        }
    }

    public int Count { get; }

    /// <summary>Largest spacing of a fixed point.</summary>
    public double MaxSpacing { get; }

    /// <summary>Marks in the kernel's tile masks the sub-cells covered by the fixed points whose disc reaches the box.</summary>
    public void ForEachNear<TDensity>(double x0, double y0, double x1, double y1, MaximalDiscKernel<TDensity> kernel,
        MaximalDiscKernel<TDensity>.Scratch scratch)
        where TDensity : struct, IDensitySource
    {
        GetRange(x0 - MaxSpacing, x1 + MaxSpacing, _gw, out int cx0, out int cx1);
        GetRange(y0 - MaxSpacing, y1 + MaxSpacing, _gh, out int cy0, out int cy1);
        for (int cy = cy0; cy <= cy1; cy++)
        {
            int from = _start[cy * _gw + cx0], to = _start[cy * _gw + cx1 + 1];
            for (int k = from; k < to; k++)
            {
                kernel.ApplyDot(scratch, _x[k], _y[k], _r[k]);
            }
        }
    }

    /// <summary>Adds the fixed points inside the box to the kernel's gathered list.</summary>
    public int Gather<TDensity>(MaximalDiscKernel<TDensity>.Scratch s, int n, double x0, double y0, double x1, double y1)
        where TDensity : struct, IDensitySource
    {
        GetRange(x0, x1, _gw, out int cx0, out int cx1);
        GetRange(y0, y1, _gh, out int cy0, out int cy1);
        for (int cy = cy0; cy <= cy1; cy++)
        {
            int from = _start[cy * _gw + cx0], to = _start[cy * _gw + cx1 + 1];
            for (int k = from; k < to; k++)
            {
                n = s.AddGathered(n, _x[k], _y[k], _r[k]);
            }
        }
        return n;
    }

    /// <summary>True when a point p with spacing r would come closer than min(r, r_f) to a fixed point f.</summary>
    public bool Conflicts(double x, double y, double r) => Covers(x, y, x, y, r);

    /// <summary>True when one fixed point f covers the whole box: every corner within min(rlo, r_f).</summary>
    public bool Covers(double x0, double y0, double x1, double y1, double rlo)
    {
        GetRange(x1 - rlo, x0 + rlo, _gw, out int cx0, out int cx1);
        GetRange(y1 - rlo, y0 + rlo, _gh, out int cy0, out int cy1);
        for (int cy = cy0; cy <= cy1; cy++)
        {
            int from = _start[cy * _gw + cx0], to = _start[cy * _gw + cx1 + 1];
            for (int k = from; k < to; k++)
            {
                double fx = Math.Max(_x[k] - x0, x1 - _x[k]), fy = Math.Max(_y[k] - y0, y1 - _y[k]);
                double m = Math.Min(rlo, _r[k]);
                if (fx * fx + fy * fy < m * m)
                {
                    return true;
                }
            }
        }
        return false;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void GetRange(double lo, double hi, int n, out int c0, out int c1)
    {
        c0 = Math.Clamp((int)Math.Floor(lo * _inv), 0, n - 1);
        c1 = Math.Clamp((int)Math.Floor(hi * _inv), 0, n - 1);
        if (hi < lo)
        {
            c1 = c0 - 1;
        }
    }
}
