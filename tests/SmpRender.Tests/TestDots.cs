using SmpRender.Sampling;

namespace SmpRender.Tests;

/// <summary>A simple deterministic dot placement for tests: a jittered grid thinned by the density map.</summary>
internal static class TestDots
{
    public static DotField JitteredGrid(DensityMap map, double spacingMm, ulong seed, int sessions = 1)
    {
        double cell = spacingMm * map.PxPerMm;
        var xs = new List<float>();
        var ys = new List<float>();
        var ss = new List<byte>();
        ulong state = seed;
        double Next()
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return ((z ^ (z >> 31)) >> 11) * (1.0 / (1UL << 53));
        }
        for (double gy = 0; gy < map.Height; gy += cell)
        {
            for (double gx = 0; gx < map.Width; gx += cell)
            {
                double x = gx + Next() * cell, y = gy + Next() * cell, keep = Next(), session = Next();
                if (keep < map.Sample(x, y))
                {
                    xs.Add((float)x);
                    ys.Add((float)y);
                    ss.Add((byte)(1 + (int)(session * sessions)));
                }
            }
        }
        int n = xs.Count;
        var spacing = new float[n];
        Array.Fill(spacing, (float)cell);
        return new DotField(xs.ToArray(), ys.ToArray(), spacing, ss.ToArray(), Enumerable.Range(0, n).ToArray(), n, map.PxPerMm);
    }

    /// <summary>One dot at each given position, all in one session, ranks 0..n-1.</summary>
    public static DotField At(double pxPerMm, int session, params (float X, float Y)[] points)
    {
        int n = points.Length;
        var sessions = new byte[n];
        Array.Fill(sessions, (byte)session);
        return new DotField(points.Select(p => p.X).ToArray(), points.Select(p => p.Y).ToArray(), new float[n], sessions,
            Enumerable.Range(0, n).ToArray(), n, pxPerMm);
    }
}
