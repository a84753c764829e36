using System.Runtime.ExceptionServices;

namespace SmpRender.Sampling;

/// <summary>The sampler's loop over tiles: on the calling thread, or on up to a number of threads with one scratch each.</summary>
internal static class TileLoop
{
    /// <summary>
    /// Runs body(i, scratch) for i in [0, count): on the calling thread when <paramref name="threads"/> is 1 or there is
    /// at most one item, else in parallel. Each thread takes its scratch from <paramref name="rent"/> and gives it back
    /// to <paramref name="release"/>. The first exception of the loop is rethrown as itself.
    /// </summary>
    public static void For<TScratch>(int count, int threads, Func<TScratch> rent, Action<int, TScratch> body, Action<TScratch> release)
    {
        if (threads == 1 || count < 2)
        {
            TScratch own = rent();
            for (int i = 0; i < count; i++)
            {
                body(i, own);
            }
            release(own);
            return;
        }
        try
        {
            Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, rent,
                (i, _, scratch) =>
                {
                    body(i, scratch);
                    return scratch;
                },
                release);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(ex.InnerExceptions[0]).Throw();
        }
    }
}
