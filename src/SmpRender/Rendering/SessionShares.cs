namespace SmpRender.Rendering;

/// <summary>
/// How the dots of a treatment are split between sessions. Session 1 lays the base at the widest
/// spacing with the lightest shade, session 2 fills the gaps and darkens, session 3 adds detail and
/// blends, an optional session 4 finishes (bip.vn, smpaus.com.au).
/// </summary>
public static class SessionShares
{
    public static IReadOnlyList<double> For(int sessions) => sessions switch
    {
        1 => [1.0],
        2 => [0.6, 0.4],
        3 => [0.5, 0.3, 0.2],
        4 => [0.45, 0.25, 0.2, 0.1],
        _ => throw new ArgumentOutOfRangeException(nameof(sessions), sessions, "must be 1 to 4"),
    };
}
