namespace SmpRender.Sampling;

/// <summary>
/// An existing point new dots must keep their distance from: a follicle, or a dot of an earlier
/// session. Position in photo pixels (pixel centres at integer + 0.5); <see cref="Spacing"/> in pixels
/// is the point's own spacing r: a new dot p keeps at least min(r(p), Spacing) away from it.
/// </summary>
public readonly record struct FixedPoint(float X, float Y, float Spacing)
{
    /// <summary>Every dot of a field as a fixed point with the spacing it was placed with.</summary>
    public static FixedPoint[] FromDotField(DotField field)
    {
        ArgumentNullException.ThrowIfNull(field);
        var points = new FixedPoint[field.Count];
        ReadOnlySpan<float> x = field.X, y = field.Y, s = field.Spacing;
        for (int i = 0; i < points.Length; i++)
        {
            points[i] = new FixedPoint(x[i], y[i], s[i]);
        }
        return points;
    }
}

/// <summary>
/// What the Poisson-disc sampler is asked for. Validated on construction.
/// </summary>
/// <param name="DotsPerCm2">Dots per cm² where the relative density is 1 (all sessions together), 0.01..10000.</param>
/// <param name="Seed">Random seed: the same inputs and seed give bit-identical dots.</param>
/// <param name="SessionShares">
/// Relative share of the dots each session places, in session order (1..8 sessions, each share &gt; 0;
/// normalised to sum 1). Session 1 is sampled alone at the wider spacing of its share; session k fills
/// between the dots of sessions 1..k-1 so that sessions 1..k together reach their cumulative share.
/// Null means one session.
/// </param>
/// <param name="FixedPoints">Existing points (follicles, dots of an earlier visit) new dots keep away from; not part of the output.</param>
/// <param name="MaxDegreeOfParallelism">Threads to use; 0 means all cores. The output does not depend on it.</param>
public sealed record PoissonDiscOptions(
    double DotsPerCm2,
    ulong Seed = 0,
    IReadOnlyList<double>? SessionShares = null,
    IReadOnlyList<FixedPoint>? FixedPoints = null,
    int MaxDegreeOfParallelism = 0)
{
    /// <summary>Most sessions a field can have.</summary>
    public const int MaxSessions = 8;

    public double DotsPerCm2 { get; } = Preconditions.InRange(DotsPerCm2, 0.01, 10_000);

    public ulong Seed { get; } = Seed;

    /// <summary>Normalised session shares (sum 1), at least one.</summary>
    public IReadOnlyList<double> SessionShares { get; } = ValidateShares(SessionShares);

    public IReadOnlyList<FixedPoint> FixedPoints { get; } = ValidateFixedPoints(FixedPoints);

    public int MaxDegreeOfParallelism { get; } = MaxDegreeOfParallelism >= 0
        ? MaxDegreeOfParallelism
        : throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism, "must be >= 0 (0 = all cores)");

    public int SessionCount => SessionShares.Count;

    private static double[] ValidateShares(IReadOnlyList<double>? shares)
    {
        if (shares is null)
        {
            return [1.0];
        }
        if (shares.Count is < 1 or > MaxSessions)
        {
            throw new ArgumentOutOfRangeException(nameof(SessionShares), shares.Count, $"must hold 1 to {MaxSessions} shares");
        }
        double sum = 0;
        for (int i = 0; i < shares.Count; i++)
        {
            double s = shares[i];
            if (!(s > 0) || !double.IsFinite(s))
            {
                throw new ArgumentOutOfRangeException(nameof(SessionShares), s, $"share of session {i + 1} must be > 0 and finite");
            }
            sum += s;
        }
        var normalised = new double[shares.Count];
        for (int i = 0; i < normalised.Length; i++)
        {
            normalised[i] = shares[i] / sum;
        }
        return normalised;
    }

    private static FixedPoint[] ValidateFixedPoints(IReadOnlyList<FixedPoint>? points)
    {
        if (points is null)
        {
            return [];
        }
        var copy = new FixedPoint[points.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            FixedPoint p = points[i];
            if (!float.IsFinite(p.X) || !float.IsFinite(p.Y) || !(p.Spacing > 0) || !float.IsFinite(p.Spacing))
            {
                throw new ArgumentException($"fixed point {i} is {p}: coordinates must be finite and spacing > 0", nameof(FixedPoints));
            }
            copy[i] = p;
        }
        return copy;
    }
}
