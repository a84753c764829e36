using System.Runtime.CompilerServices;

namespace SmpRender.Imaging.Synthetic;

/// <summary>
/// Small deterministic random helpers: a SplitMix64 stream and stateless integer hashes, so that
/// values depend only on the seed and an index, never on evaluation order or thread scheduling.
/// </summary>
internal struct SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    public ulong NextUInt64()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        return Mix(z);
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Standard normal (Box-Muller).</summary>
    public double NextGaussian()
    {
        double u1 = 1.0 - NextDouble(), u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>Uniform in [0, 1) from a hash of (seed, a, b).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Hash01(ulong seed, int a, int b)
    {
        ulong h = Mix(seed ^ ((ulong)(uint)a * 0x9E3779B97F4A7C15UL) ^ ((ulong)(uint)b * 0xC2B2AE3D27D4EB4FUL));
        return (h >> 40) * (1f / (1 << 24));
    }
}

/// <summary>Seeded value noise (smooth lattice noise) and its fractal sum, stateless and thread-safe.</summary>
internal readonly struct ValueNoise
{
    private readonly ulong _seed;

    public ValueNoise(ulong seed) => _seed = SplitMix64.Mix(seed + 0x632BE59BD9B4E019UL);

    /// <summary>Noise in [0, 1) at a point, lattice spacing 1.</summary>
    public float At(float x, float y, int octave = 0)
    {
        float fx = MathF.Floor(x), fy = MathF.Floor(y);
        int ix = (int)fx, iy = (int)fy;
        float tx = x - fx, ty = y - fy;
        tx = tx * tx * (3 - 2 * tx);
        ty = ty * ty * (3 - 2 * ty);
        ulong s = _seed + (ulong)octave * 0xD6E8FEB86659FD93UL;
        float a = SplitMix64.Hash01(s, ix, iy), b = SplitMix64.Hash01(s, ix + 1, iy);
        float c = SplitMix64.Hash01(s, ix, iy + 1), d = SplitMix64.Hash01(s, ix + 1, iy + 1);
        float top = a + (b - a) * tx, bottom = c + (d - c) * tx;
        return top + (bottom - top) * ty;
    }

    /// <summary>Fractal sum of <paramref name="octaves"/> octaves, centred on 0, roughly in [-0.5, 0.5].</summary>
    public float Fbm(float x, float y, int octaves)
    {
        float sum = 0, amp = 0.5f, norm = 0, f = 1;
        for (int o = 0; o < octaves; o++)
        {
            sum += amp * (At(x * f, y * f, o) - 0.5f);
            norm += amp;
            amp *= 0.5f;
            f *= 2.03f;
        }
        return sum / norm;
    }
}
