namespace SmpRender.Sampling;

/// <summary>
/// A field of pigment dots as a struct of arrays. Positions are sub-pixel photo coordinates
/// (pixel centres at integer + 0.5). <see cref="Spacing"/> is the local minimum spacing r(x) in
/// pixels the dot was placed with; <see cref="Session"/> is 1-based; <see cref="Rank"/> orders the
/// dots progressively, so any prefix by rank is itself a well spread field.
/// </summary>
public sealed class DotField
{
    private readonly float[] _x;
    private readonly float[] _y;
    private readonly float[] _spacing;
    private readonly byte[] _session;
    private readonly int[] _rank;

    public DotField(float[] x, float[] y, float[] spacing, byte[] session, int[] rank, int count, double pxPerMm)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentNullException.ThrowIfNull(spacing);
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(rank);
        if (count < 0 || count > x.Length || count > y.Length || count > spacing.Length || count > session.Length || count > rank.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "must be >= 0 and fit in every array");
        }
        Preconditions.Positive(pxPerMm);
        _x = x;
        _y = y;
        _spacing = spacing;
        _session = session;
        _rank = rank;
        Count = count;
        PxPerMm = pxPerMm;
    }

    public static DotField Empty(double pxPerMm) => new([], [], [], [], [], 0, pxPerMm);

    public int Count { get; }

    /// <summary>Physical scale the field was sampled at: pixels per millimetre.</summary>
    public double PxPerMm { get; }

    public ReadOnlySpan<float> X => _x.AsSpan(0, Count);

    public ReadOnlySpan<float> Y => _y.AsSpan(0, Count);

    public ReadOnlySpan<float> Spacing => _spacing.AsSpan(0, Count);

    public ReadOnlySpan<byte> Session => _session.AsSpan(0, Count);

    public ReadOnlySpan<int> Rank => _rank.AsSpan(0, Count);

    /// <summary>The highest session number present, or 0 for an empty field.</summary>
    public int SessionCount
    {
        get
        {
            int max = 0;
            foreach (byte s in Session)
            {
                max = Math.Max(max, s);
            }
            return max;
        }
    }
}
