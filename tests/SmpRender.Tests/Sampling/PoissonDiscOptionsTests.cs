using SmpRender.Sampling;

namespace SmpRender.Tests.Sampling;

public sealed class PoissonDiscOptionsTests
{
    [Theory]
    [InlineData(0.0)]
    [InlineData(-5.0)]
    [InlineData(double.NaN)]
    [InlineData(20_000.0)]
    public void Constructor_DensityOutOfRange_ThrowsNamingIt(double density)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new PoissonDiscOptions(density));
        Assert.Equal("DotsPerCm2", ex.ParamName);
    }

    [Fact]
    public void Constructor_NoShares_OneSession()
    {
        var options = new PoissonDiscOptions(100);
        Assert.Equal(1, options.SessionCount);
        Assert.Equal(1.0, options.SessionShares[0]);
    }

    [Fact]
    public void Constructor_Shares_Normalised()
    {
        var options = new PoissonDiscOptions(100, SessionShares: [2, 1, 1]);
        Assert.Equal([0.5, 0.25, 0.25], options.SessionShares);
    }

    [Theory]
    [InlineData(new double[0])]
    [InlineData(new[] { 0.5, 0.0 })]
    [InlineData(new[] { 0.5, -0.1 })]
    [InlineData(new[] { 0.5, double.NaN })]
    [InlineData(new[] { 1.0, 1, 1, 1, 1, 1, 1, 1, 1 })]
    public void Constructor_BadShares_ThrowsNamingThem(double[] shares)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new PoissonDiscOptions(100, SessionShares: shares));
        Assert.Equal("SessionShares", ex.ParamName);
    }

    [Fact]
    public void Constructor_FixedPointNaN_ThrowsNamingIndex()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            new PoissonDiscOptions(100, FixedPoints: [new FixedPoint(1, 1, 3), new FixedPoint(float.NaN, 2, 3)]));
        Assert.Equal("FixedPoints", ex.ParamName);
        Assert.Contains("fixed point 1", ex.Message);
    }

    [Fact]
    public void Constructor_FixedPointZeroSpacing_Throws() =>
        Assert.Throws<ArgumentException>(() => new PoissonDiscOptions(100, FixedPoints: [new FixedPoint(1, 1, 0)]));

    [Fact]
    public void Constructor_FixedPoints_Copied()
    {
        var points = new List<FixedPoint> { new(1, 2, 3) };
        var options = new PoissonDiscOptions(100, FixedPoints: points);
        points.Add(new FixedPoint(4, 5, 6));
        Assert.Single(options.FixedPoints);
    }

    [Fact]
    public void Constructor_NegativeParallelism_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PoissonDiscOptions(100, MaxDegreeOfParallelism: -1));
}
