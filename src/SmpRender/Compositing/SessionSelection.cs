namespace SmpRender.Compositing;

/// <summary>Which sessions' dots to render: a contiguous range of session numbers (1-based, inclusive).</summary>
public readonly record struct SessionSelection
{
    private SessionSelection(int from, int to)
    {
        From = from;
        To = to;
    }

    public int From { get; }

    public int To { get; }

    /// <summary>Every session: the finished result.</summary>
    public static SessionSelection All { get; } = new(1, byte.MaxValue);

    /// <summary>The cumulative result after session <paramref name="session"/> (sessions 1..n).</summary>
    public static SessionSelection UpTo(int session) => new(1, Check(session));

    /// <summary>The dots of one session alone.</summary>
    public static SessionSelection Only(int session) => new(Check(session), Check(session));

    public bool Contains(int session) => session >= From && session <= To;

    private static int Check(int session) =>
        session is >= 1 and <= byte.MaxValue ? session : throw new ArgumentOutOfRangeException(nameof(session), session, "must be 1..255");
}
