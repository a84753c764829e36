namespace SmpRender.Benchmarks.Sampling;

/// <summary>
/// A plain Bridson (2007) sampler, fixed radius, for a same-machine reference: grid of r/√2 cells,
/// k = 30 candidates in the annulus [r, 2r) around a random active point.
/// </summary>
public static class BridsonReference
{
    public static int Sample(int width, int height, double r, ulong seed, int k = 30)
    {
        double cell = r / Math.Sqrt(2);
        int gw = (int)Math.Ceiling(width / cell), gh = (int)Math.Ceiling(height / cell);
        var grid = new int[gw * gh];
        Array.Fill(grid, -1);
        var xs = new List<double>();
        var ys = new List<double>();
        var active = new List<int>();
        ulong s = seed * 0x9E3779B97F4A7C15UL + 1;
        double Next()
        {
            s ^= s << 13;
            s ^= s >> 7;
            s ^= s << 17;
            return (s >> 11) * (1.0 / (1UL << 53));
        }
        void Add(double x, double y)
        {
            grid[(int)(y / cell) * gw + (int)(x / cell)] = xs.Count;
            active.Add(xs.Count);
            xs.Add(x);
            ys.Add(y);
        }
        Add(Next() * width, Next() * height);
        double r2 = r * r;
        while (active.Count > 0)
        {
            int a = (int)(Next() * active.Count);
            int p = active[a];
            bool found = false;
            for (int t = 0; t < k && !found; t++)
            {
                double angle = Next() * 2 * Math.PI, radius = r * Math.Sqrt(1 + 3 * Next());
                double x = xs[p] + radius * Math.Cos(angle), y = ys[p] + radius * Math.Sin(angle);
                if (x < 0 || y < 0 || x >= width || y >= height)
                {
                    continue;
                }
                int cx = (int)(x / cell), cy = (int)(y / cell);
                bool ok = true;
                for (int j = Math.Max(0, cy - 2); j <= Math.Min(gh - 1, cy + 2) && ok; j++)
                {
                    for (int i = Math.Max(0, cx - 2); i <= Math.Min(gw - 1, cx + 2); i++)
                    {
                        int q = grid[j * gw + i];
                        if (q >= 0 && (xs[q] - x) * (xs[q] - x) + (ys[q] - y) * (ys[q] - y) < r2)
                        {
                            ok = false;
                            break;
                        }
                    }
                }
                if (ok)
                {
                    Add(x, y);
                    found = true;
                }
            }
            if (!found)
            {
                active[a] = active[^1];
                active.RemoveAt(active.Count - 1);
            }
        }
        return xs.Count;
    }
}
