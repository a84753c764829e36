using System.Numerics;
using System.Runtime.CompilerServices;

namespace SmpRender.Sampling;

/// <summary>
/// xoshiro256** (Blackman and Vigna 2018): a small, fast generator with 256 bits of state, seeded
/// through SplitMix64 so that nearby seeds give unrelated streams. A value type: copy it and you
/// copy the stream.
/// </summary>
internal struct Xoshiro256
{
    private const double Inv53 = 1.0 / (1UL << 53);

    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public Xoshiro256(ulong seed)
    {
        ulong sm = seed;
        _s0 = SplitMix64(ref sm);
        _s1 = SplitMix64(ref sm);
        _s2 = SplitMix64(ref sm);
        _s3 = SplitMix64(ref sm);
    }

    /// <summary>A stream key for a (seed, a, b) triple, e.g. (seed, session, tile).</summary>
    public static ulong StreamKey(ulong seed, ulong a, ulong b)
    {
        ulong x = seed;
        x = Mix(x ^ (a * 0x9E3779B97F4A7C15UL));
        x = Mix(x ^ (b * 0xC2B2AE3D27D4EB4FUL));
        return x;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ulong Next()
    {
        ulong result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1) with 53 random bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double NextDouble() => (Next() >> 11) * Inv53;

    /// <summary>Uniform integer in [0, n) for n &gt; 0 (Lemire's multiply-shift, bias below 2^-32·n).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int NextBelow(int n) => (int)(((Next() >> 32) * (ulong)(uint)n) >> 32);

    private static ulong SplitMix64(ref ulong state)
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
