namespace SmpRender;

/// <summary>
/// How many threads the engine's parallel loops may use on the current flow of execution. By default every
/// core; a caller running several renders side by side (a batch) gives each its share with <see cref="Limit"/>.
/// Results never depend on it.
/// </summary>
public static class Parallelism
{
    private static readonly AsyncLocal<int> Current = new();

    /// <summary>Threads the loops may use here; 0 means every core.</summary>
    public static int MaxDegree => Current.Value;

    /// <summary>How many threads the loops may actually use here: the limit, or every core when there is none.</summary>
    public static int Threads => Current.Value > 0 ? Current.Value : Environment.ProcessorCount;

    /// <summary>Limits the loops run by this flow of execution (and the tasks it starts) until the scope is disposed.</summary>
    public static Scope Limit(int threads)
    {
        Preconditions.Positive(threads);
        int previous = Current.Value;
        Current.Value = threads;
        return new Scope(previous);
    }

    /// <summary>Options for a parallel loop that honours the limit.</summary>
    public static ParallelOptions Options => new() { MaxDegreeOfParallelism = Current.Value > 0 ? Current.Value : -1 };

    /// <summary>Restores the limit in force before <see cref="Limit"/>.</summary>
    public readonly struct Scope : IDisposable
    {
        private readonly int _previous;

        internal Scope(int previous) => _previous = previous;

        public void Dispose() => Current.Value = _previous;
    }
}
