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

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(-0.5f)]
    [InlineData(2f)]
    public void Constructor_BadValueInAWideRow_ThrowsNamingThePixel(float bad)
    {
        // Wide rows go through the vector scan: the message must still name the exact pixel.
        var values = new float[53 * 9];
        Array.Fill(values, 0.5f);
        values[6 * 53 + 21] = bad;
        var ex = Assert.Throws<ArgumentException>(() => new DensityMap(53, 9, 5, values));
        Assert.Contains("(21, 6)", ex.Message);
    }

    [Fact]
    public void NonZeroBoundsAndMaxValue_RandomSparseMaps_MatchAFullSearch()
    {
        var random = new Random(11);
        for (int trial = 0; trial < 200; trial++)
        {
            int w = random.Next(1, 70), h = random.Next(1, 30);
            var values = new float[w * h];
            int spots = random.Next(0, 4);
            for (int k = 0; k < spots; k++)
            {
                values[random.Next(values.Length)] = (float)random.NextDouble();
            }
            int x0 = int.MaxValue, y0 = int.MaxValue, x1 = 0, y1 = 0;
            float max = 0;
            for (int i = 0; i < values.Length; i++)
            {
                max = Math.Max(max, values[i]);
                if (values[i] > 0)
                {
                    (x0, y0) = (Math.Min(x0, i % w), Math.Min(y0, i / w));
                    (x1, y1) = (Math.Max(x1, i % w + 1), Math.Max(y1, i / w + 1));
                }
            }

            var map = new DensityMap(w, h, 3, values);

            Assert.Equal(max, map.MaxValue);
            Assert.Equal(max > 0 ? new PixelBox(x0, y0, x1, y1) : default, map.NonZeroBounds);
            Assert.Equal(max == 0, map.NonZeroBounds.IsEmpty);
        }
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
