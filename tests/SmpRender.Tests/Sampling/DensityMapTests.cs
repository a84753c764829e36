using SmpRender.Sampling;

namespace SmpRender.Tests.Sampling;

public sealed class DensityMapTests
{
    [Fact]
    public void Constructor_NaN_ThrowsNamingThePixel()
    {
        var values = new float[12];
        values[7] = float.NaN;
        var ex = Assert.Throws<ArgumentException>(() => new DensityMap(4, 3, 5, values));
        Assert.Contains("(3, 1)", ex.Message);
    }

    [Theory]
    [InlineData(-0.01f)]
    [InlineData(1.01f)]
    [InlineData(float.PositiveInfinity)]
    public void Constructor_OutOfRange_Throws(float bad)
    {
        var values = new float[4];
        values[0] = bad;
        Assert.Throws<ArgumentException>(() => new DensityMap(2, 2, 5, values));
    }

    [Fact]
    public void Constructor_WrongLength_Throws() =>
        Assert.Throws<ArgumentException>(() => new DensityMap(3, 3, 5, new float[8]));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    public void Constructor_BadScale_Throws(double pxPerMm) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new DensityMap(1, 1, pxPerMm, new float[1]));

    [Fact]
    public void Sample_InterpolatesBetweenPixelCentres()
    {
        var map = new DensityMap(2, 1, 1, [0f, 1f]);
        Assert.Equal(0f, map.Sample(0.5, 0.5));
        Assert.Equal(1f, map.Sample(1.5, 0.5));
        Assert.Equal(0.25f, map.Sample(0.75, 0.5), 6);
        Assert.Equal(0f, map.Sample(-0.1, 0.5));
        Assert.Equal(0f, map.Sample(2.0, 0.5));
    }

    [Fact]
    public void ScarAt_WithoutScarLayer_IsZero()
    {
        DensityMap map = DensityMap.Uniform(3, 3, 2, 0.5f);
        Assert.False(map.HasScar);
        Assert.Equal(0f, map.ScarAt(1, 1));
        Assert.Equal(0.5f, map.At(2, 2));
        Assert.Equal(0f, map.At(3, 0));
    }
}
