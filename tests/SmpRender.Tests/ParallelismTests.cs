using System.Collections.Concurrent;

namespace SmpRender.Tests;

public class ParallelismTests
{
    [Fact]
    public void Limit_One_LoopsRunOnTheCallingThreadOnly()
    {
        var threads = new ConcurrentDictionary<int, bool>();
        using (Parallelism.Limit(1))
        {
            Parallel.For(0, 256, Parallelism.Options, _ =>
            {
                threads[Environment.CurrentManagedThreadId] = true;
                Thread.SpinWait(5_000);
            });
        }
        Assert.Equal([Environment.CurrentManagedThreadId], threads.Keys);
    }

    [Fact]
    public async Task Limit_Nested_RestoresTheOuterLimitAndFlowsIntoTasks()
    {
        Assert.Equal(0, Parallelism.MaxDegree);
        Assert.Equal(Environment.ProcessorCount, Parallelism.Threads);
        using (Parallelism.Limit(3))
        {
            Assert.Equal(3, Parallelism.Threads);
            using (Parallelism.Limit(1))
            {
                Assert.Equal(1, await Task.Run(() => Parallelism.MaxDegree));
                Assert.Equal(1, Parallelism.Options.MaxDegreeOfParallelism);
            }
            Assert.Equal(3, Parallelism.MaxDegree);
        }
        Assert.Equal(0, Parallelism.MaxDegree);
        Assert.Equal(-1, Parallelism.Options.MaxDegreeOfParallelism);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Limit_NotPositive_Throws(int threads) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Parallelism.Limit(threads));
}
