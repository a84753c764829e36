using SmpRender.Sampling;

namespace SmpRender.Tests.Sampling;

public sealed partial class PoissonDiscSamplerTests
{
    private static void AssertIdentical(DotField a, DotField b)
    {
        Assert.Equal(a.Count, b.Count);
        Assert.True(a.X.SequenceEqual(b.X));
        Assert.True(a.Y.SequenceEqual(b.Y));
        Assert.True(a.Spacing.SequenceEqual(b.Spacing));
        Assert.True(a.Session.SequenceEqual(b.Session));
        Assert.True(a.Rank.SequenceEqual(b.Rank));
    }

    private static DotField Feathered(int threads, ulong seed = 42)
    {
        var map = new DensityMap(900, 700, 5, Ellipse(900, 700, 120));
        return Sampler.Sample(map, new PoissonDiscOptions(100, seed, SessionShares: [0.5, 0.3, 0.2], MaxDegreeOfParallelism: threads));
    }

    [Fact]
    public void Sample_SameSeed_BitIdentical() => AssertIdentical(Feathered(1), Feathered(1));

    [Fact]
    public void Sample_AnyThreadCount_BitIdentical()
    {
        DotField one = Feathered(1);
        Assert.True(one.Count > 10_000);
        AssertIdentical(one, Feathered(2));
        AssertIdentical(one, Feathered(3));
        AssertIdentical(one, Feathered(0));
    }

    [Fact]
    public void Sample_OtherSeed_OtherDots()
    {
        DotField a = Feathered(0, 1), b = Feathered(0, 2);
        Assert.False(a.X.SequenceEqual(b.X) && a.Count == b.Count);
        Assert.InRange(b.Count / (double)a.Count, 0.98, 1.02);
    }

    [Fact]
    public void Sample_FunctionAndMapOfSameDensity_SameDots()
    {
        var map = DensityMap.Uniform(300, 200, 6, 1f);
        var options = new PoissonDiscOptions(120, 9);
        AssertIdentical(Sampler.Sample(map, options), Sampler.Sample((_, _) => 1.0, 300, 200, 6, options with { }));
    }
}
