using SmpRender.Sampling;

namespace SmpRender.Tests.Sampling;

public sealed partial class PoissonDiscSamplerTests
{
    [Fact]
    public void Sample_ZeroDensityMap_NoDots()
    {
        DotField field = Sampler.Sample(DensityMap.Uniform(400, 300, 10, 0f), new PoissonDiscOptions(100));
        Assert.Equal(0, field.Count);
        Assert.Equal(10, field.PxPerMm);
    }

    [Fact]
    public void Sample_ZeroDensityFunction_NoDots() =>
        Assert.Equal(0, Sampler.Sample((_, _) => 0, 400, 300, 10, new PoissonDiscOptions(100)).Count);

    [Fact]
    public void Sample_ZeroRegion_NoDotsThere()
    {
        var values = new float[400 * 300];
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = i % 400 < 200 ? 1f : 0f;
        }
        DotField field = Sampler.Sample(new DensityMap(400, 300, 10, values), new PoissonDiscOptions(100));
        Assert.True(field.Count > 100);
        // Bilinear density reaches 0 half a pixel past the last non-zero pixel centre.
        Assert.All(field.X.ToArray(), x => Assert.True(x < 200.5f, $"dot at x = {x}"));
    }

    [Fact]
    public void Sample_OneByOneMap_AtMostOneDotInside()
    {
        DotField field = Sampler.Sample(DensityMap.Uniform(1, 1, 10), new PoissonDiscOptions(100));
        Assert.InRange(field.Count, 0, 1);
        for (int i = 0; i < field.Count; i++)
        {
            Assert.InRange(field.X[i], 0f, 1f);
            Assert.InRange(field.Y[i], 0f, 1f);
        }
    }

    [Fact]
    public void Sample_TinyScale_DotsInsideThePhoto()
    {
        DotField field = Sampler.Sample(DensityMap.Uniform(37, 23, 0.5), new PoissonDiscOptions(400));
        Assert.True(field.Count > 0);
        Assert.All(field.X.ToArray(), x => Assert.InRange(x, 0f, 37f));
        Assert.All(field.Y.ToArray(), y => Assert.InRange(y, 0f, 23f));
        Assert.Equal(0, DotFieldMetrics.MinDistanceViolations(field));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(0)]
    public void Sample_FunctionReturnsNaN_ClearError(int threads)
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            Sampler.Sample((x, _) => x > 150 ? double.NaN : 1, 400, 300, 10, new PoissonDiscOptions(100, MaxDegreeOfParallelism: threads)));
        Assert.Equal("density", ex.ParamName);
        Assert.Contains("NaN", ex.Message);
    }

    [Fact]
    public void Sample_FunctionOutOfRange_ClearError()
    {
        var ex = Assert.Throws<ArgumentException>(() => Sampler.Sample((_, _) => 1.5, 50, 50, 10, new PoissonDiscOptions(100)));
        Assert.Contains("1.5", ex.Message);
    }

    [Fact]
    public void Sample_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => Sampler.Sample((DensityMap)null!, new PoissonDiscOptions(100)));
        Assert.Throws<ArgumentNullException>(() => Sampler.Sample(DensityMap.Uniform(2, 2, 1), null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => Sampler.Sample((_, _) => 1, 0, 10, 10, new PoissonDiscOptions(100)));
    }

    [Fact]
    public void Sample_FieldTooLarge_ClearError() =>
        Assert.Throws<ArgumentException>(() => Sampler.Sample((_, _) => 1, 100_000, 100_000, 50, new PoissonDiscOptions(10_000)));
}
