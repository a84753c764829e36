namespace SmpRender.Zones;

/// <summary>SplitMix64: a small, fast, seedable generator whose output never depends on the runtime version.</summary>
internal struct ZoneRandom
{
    private ulong _state;

    public ZoneRandom(long seed, int stream)
    {
        _state = (ulong)seed * 0x9E3779B97F4A7C15UL ^ ((ulong)(uint)stream << 32 | 0x5851F42DUL);
        NextULong();
    }

    public ulong NextULong()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextULong() >> 11) * (1.0 / (1UL << 53));

    public double Range(double min, double max) => min + (max - min) * NextDouble();

    public static ulong Hash(ulong x)
    {
        x ^= x >> 33;
        x *= 0xFF51AFD7ED558CCDUL;
        x ^= x >> 33;
        x *= 0xC4CEB9FE1A85EC53UL;
        x ^= x >> 33;
        return x;
    }
}

/// <summary>Smooth 2D value noise in [-1, 1] on a lattice in millimetres, deterministic from a seed.</summary>
internal readonly struct ValueNoise
{
    private readonly ulong _seed;
    private readonly double _inverseCellMm;

    public ValueNoise(ulong seed, double cellMm)
    {
        _seed = ZoneRandom.Hash(seed ^ 0xA5A5A5A5DEADBEEFUL);
        _inverseCellMm = 1.0 / cellMm;
    }

    public double At(double xMm, double yMm)
    {
        double fx = xMm * _inverseCellMm, fy = yMm * _inverseCellMm;
        double x0 = Math.Floor(fx), y0 = Math.Floor(fy);
        long ix = (long)x0, iy = (long)y0;
        double tx = fx - x0, ty = fy - y0;
        tx = tx * tx * (3 - 2 * tx);
        ty = ty * ty * (3 - 2 * ty);
        double a = Lattice(ix, iy), b = Lattice(ix + 1, iy), c = Lattice(ix, iy + 1), d = Lattice(ix + 1, iy + 1);
        double top = a + (b - a) * tx, bottom = c + (d - c) * tx;
        return top + (bottom - top) * ty;
    }

    private double Lattice(long ix, long iy)
    {
        ulong h = ZoneRandom.Hash(_seed ^ ((ulong)ix * 0x9E3779B97F4A7C15UL) ^ ((ulong)iy * 0xC2B2AE3D27D4EB4FUL));
        return (h >> 11) * (2.0 / (1UL << 53)) - 1.0;
    }
}
