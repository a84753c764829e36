namespace SmpRender.Sampling;

/// <summary>
/// Measures of a dot field's quality, for tests, benchmarks and reports. Regions are boxes in photo
/// pixels [x0, x1) × [y0, y1).
/// </summary>
public static class DotFieldMetrics
{
    /// <summary>Pairs of dots a, b closer than min(r(a), r(b)) (0 for a valid field).</summary>
    public static int MinDistanceViolations(DotField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Count < 2)
        {
            return 0;
        }
        ReadOnlySpan<float> x = field.X, y = field.Y, r = field.Spacing;
        var grid = new BucketGrid(x, y, MinPositive(r));
        int violations = 0;
        for (int a = 0; a < field.Count; a++)
        {
            double ra = r[a];
            grid.Range(x[a] - ra, x[a] + ra, y[a] - ra, y[a] + ra, out int cx0, out int cx1, out int cy0, out int cy1);
            for (int cy = cy0; cy <= cy1; cy++)
            {
                for (int k = grid.RowStart(cy, cx0); k < grid.RowEnd(cy, cx1); k++)
                {
                    int b = grid.Index[k];
                    if (b <= a)
                    {
                        continue;
                    }
                    double dx = x[b] - (double)x[a], dy = y[b] - (double)y[a], m = Math.Min(ra, r[b]);
                    if (dx * dx + dy * dy < m * m)
                    {
                        violations++;
                    }
                }
            }
        }
        return violations;
    }

    /// <summary>Dots per cm² inside the box.</summary>
    public static double DensityPerCm2(DotField field, double x0, double y0, double x1, double y1)
    {
        ArgumentNullException.ThrowIfNull(field);
        int n = CountIn(field, x0, y0, x1, y1, null);
        double areaCm2 = (x1 - x0) * (y1 - y0) / (field.PxPerMm * field.PxPerMm) / 100.0;
        return n / areaCm2;
    }

    /// <summary>Dots inside the box, optionally only of one session.</summary>
    public static int CountIn(DotField field, double x0, double y0, double x1, double y1, int? session = null)
    {
        ArgumentNullException.ThrowIfNull(field);
        ReadOnlySpan<float> x = field.X, y = field.Y;
        ReadOnlySpan<byte> s = field.Session;
        int n = 0;
        for (int i = 0; i < field.Count; i++)
        {
            if (x[i] >= x0 && x[i] < x1 && y[i] >= y0 && y[i] < y1 && (session is null || s[i] == session))
            {
                n++;
            }
        }
        return n;
    }

    /// <summary>
    /// Relative radius ρ = d_min / d_max of the dots inside the box (optionally only those matching a
    /// filter on the dot index), with d_max = √(2A / (√3·N)) the spacing of the densest packing of N dots
    /// in the box's area A (Lagae and Dutré 2008). NaN for fewer than two dots.
    /// </summary>
    public static double RelativeRadius(DotField field, double x0, double y0, double x1, double y1, Func<int, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(field);
        var xs = new List<float>();
        var ys = new List<float>();
        ReadOnlySpan<float> x = field.X, y = field.Y;
        for (int i = 0; i < field.Count; i++)
        {
            if (x[i] >= x0 && x[i] < x1 && y[i] >= y0 && y[i] < y1 && (include is null || include(i)))
            {
                xs.Add(x[i]);
                ys.Add(y[i]);
            }
        }
        int n = xs.Count;
        if (n < 2)
        {
            return double.NaN;
        }
        double area = (x1 - x0) * (y1 - y0);
        double dMax = Math.Sqrt(2 * area / (Math.Sqrt(3) * n));
        return MinDistance(xs.ToArray(), ys.ToArray(), dMax) / dMax;
    }

    /// <summary>
    /// Fraction of the box within reach of a dot: probes on a regular lattice of the given step, a probe
    /// counting as covered when some dot q lies closer than its spacing r(q) times <paramref name="reachFactor"/>.
    /// A maximal field has coverage 1 at factor 1.
    /// </summary>
    public static double Coverage(DotField field, double x0, double y0, double x1, double y1, double step, double reachFactor = 1.0)
    {
        ArgumentNullException.ThrowIfNull(field);
        Preconditions.Positive(step);
        Preconditions.Positive(reachFactor);
        ReadOnlySpan<float> x = field.X, y = field.Y, r = field.Spacing;
        if (field.Count == 0)
        {
            return 0;
        }
        var grid = new BucketGrid(x, y, MinPositive(r));
        double maxR = 0;
        foreach (float v in r)
        {
            maxR = Math.Max(maxR, v);
        }
        maxR *= reachFactor;
        long probes = 0, covered = 0;
        for (double py = y0 + step / 2; py < y1; py += step)
        {
            for (double px = x0 + step / 2; px < x1; px += step)
            {
                probes++;
                grid.Range(px - maxR, px + maxR, py - maxR, py + maxR, out int cx0, out int cx1, out int cy0, out int cy1);
                bool hit = false;
                for (int cy = cy0; cy <= cy1 && !hit; cy++)
                {
                    for (int k = grid.RowStart(cy, cx0); k < grid.RowEnd(cy, cx1); k++)
                    {
                        int b = grid.Index[k];
                        double dx = x[b] - px, dy = y[b] - py, m = r[b] * reachFactor;
                        if (dx * dx + dy * dy < m * m)
                        {
                            hit = true;
                            break;
                        }
                    }
                }
                if (hit)
                {
                    covered++;
                }
            }
        }
        return probes == 0 ? 0 : (double)covered / probes;
    }

    /// <summary>
    /// Radius of the largest empty circle centred inside the box (probed on a lattice of the given step):
    /// the biggest hole. Points of the selected dots only when a filter is given.
    /// </summary>
    public static double LargestGap(DotField field, double x0, double y0, double x1, double y1, double step, Func<int, bool>? include = null)
    {
        ArgumentNullException.ThrowIfNull(field);
        Preconditions.Positive(step);
        var xs = new List<float>();
        var ys = new List<float>();
        ReadOnlySpan<float> x = field.X, y = field.Y;
        for (int i = 0; i < field.Count; i++)
        {
            if (include is null || include(i))
            {
                xs.Add(x[i]);
                ys.Add(y[i]);
            }
        }
        if (xs.Count == 0)
        {
            return double.PositiveInfinity;
        }
        float[] ax = xs.ToArray(), ay = ys.ToArray();
        double cell = Math.Sqrt((x1 - x0) * (y1 - y0) / Math.Max(1, xs.Count)) + 1e-9;
        var grid = new BucketGrid(ax, ay, cell);
        double worst = 0;
        for (double py = y0 + step / 2; py < y1; py += step)
        {
            for (double px = x0 + step / 2; px < x1; px += step)
            {
                double best = double.PositiveInfinity;
                for (double reach = cell; double.IsPositiveInfinity(best) || reach < Math.Sqrt(best) + cell; reach *= 2)
                {
                    grid.Range(px - reach, px + reach, py - reach, py + reach, out int cx0, out int cx1, out int cy0, out int cy1);
                    for (int cy = cy0; cy <= cy1; cy++)
                    {
                        for (int k = grid.RowStart(cy, cx0); k < grid.RowEnd(cy, cx1); k++)
                        {
                            int b = grid.Index[k];
                            double dx = ax[b] - px, dy = ay[b] - py;
                            best = Math.Min(best, dx * dx + dy * dy);
                        }
                    }
                    if (reach > 1e7)
                    {
                        break;
                    }
                }
                worst = Math.Max(worst, Math.Sqrt(best));
            }
        }
        return worst;
    }

    private static double MinDistance(float[] x, float[] y, double cellHint)
    {
        var grid = new BucketGrid(x, y, cellHint);
        double best = double.PositiveInfinity;
        for (int a = 0; a < x.Length; a++)
        {
            double reach = 2 * cellHint;
            grid.Range(x[a] - reach, x[a] + reach, y[a] - reach, y[a] + reach, out int cx0, out int cx1, out int cy0, out int cy1);
            for (int cy = cy0; cy <= cy1; cy++)
            {
                for (int k = grid.RowStart(cy, cx0); k < grid.RowEnd(cy, cx1); k++)
                {
                    int b = grid.Index[k];
                    if (b == a)
                    {
                        continue;
                    }
                    double dx = x[b] - (double)x[a], dy = y[b] - (double)y[a];
                    best = Math.Min(best, dx * dx + dy * dy);
                }
            }
        }
        return Math.Sqrt(best);
    }

    private static double MinPositive(ReadOnlySpan<float> values)
    {
        double min = double.PositiveInfinity;
        foreach (float v in values)
        {
            if (v > 0)
            {
                min = Math.Min(min, v);
            }
        }
        return double.IsPositiveInfinity(min) ? 1 : min;
    }

    /// <summary>Points bucketed by cell (compressed rows) over their bounding box.</summary>
    private sealed class BucketGrid
    {
        private readonly int[] _start;
        private readonly double _ox;
        private readonly double _oy;
        private readonly double _inv;
        private readonly int _w;
        private readonly int _h;

        public BucketGrid(ReadOnlySpan<float> x, ReadOnlySpan<float> y, double cell)
        {
            double minX = double.PositiveInfinity, minY = double.PositiveInfinity, maxX = double.NegativeInfinity, maxY = double.NegativeInfinity;
            for (int i = 0; i < x.Length; i++)
            {
                minX = Math.Min(minX, x[i]);
                maxX = Math.Max(maxX, x[i]);
                minY = Math.Min(minY, y[i]);
                maxY = Math.Max(maxY, y[i]);
            }
            if (x.Length == 0)
            {
                minX = minY = maxX = maxY = 0;
            }
            double extent = Math.Max(maxX - minX, maxY - minY);
            cell = Math.Max(cell, extent / 4096 + 1e-9);
            _inv = 1 / cell;
            _ox = minX;
            _oy = minY;
            _w = (int)((maxX - minX) * _inv) + 1;
            _h = (int)((maxY - minY) * _inv) + 1;
            _start = new int[_w * _h + 1];
            Index = new int[x.Length];
            var cellOf = new int[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                int cx = Math.Min(_w - 1, (int)((x[i] - _ox) * _inv)), cy = Math.Min(_h - 1, (int)((y[i] - _oy) * _inv));
                cellOf[i] = cy * _w + cx;
                _start[cellOf[i] + 1]++;
            }
            for (int c = 0; c < _w * _h; c++)
            {
                _start[c + 1] += _start[c];
            }
            var cursor = (int[])_start.Clone();
            for (int i = 0; i < x.Length; i++)
            {
                Index[cursor[cellOf[i]]++] = i;
            }
        }

        public int[] Index { get; }

        public void Range(double xLo, double xHi, double yLo, double yHi, out int cx0, out int cx1, out int cy0, out int cy1)
        {
            cx0 = (int)Math.Clamp(Math.Floor((xLo - _ox) * _inv), 0, _w - 1);
            cx1 = (int)Math.Clamp(Math.Floor((xHi - _ox) * _inv), -1, _w - 1);
            cy0 = (int)Math.Clamp(Math.Floor((yLo - _oy) * _inv), 0, _h - 1);
            cy1 = (int)Math.Clamp(Math.Floor((yHi - _oy) * _inv), -1, _h - 1);
            if (xHi < _ox || (xLo - _ox) * _inv >= _w)
            {
                cx1 = cx0 - 1;
            }
        }

        public int RowStart(int cy, int cx0) => _start[cy * _w + cx0];

        public int RowEnd(int cy, int cx1) => cx1 < 0 ? 0 : _start[cy * _w + cx1 + 1];
    }
}
