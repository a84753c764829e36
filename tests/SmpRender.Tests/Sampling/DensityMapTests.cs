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
            int w = random.Next(1, trial < 100 ? 70 : 300), h = random.Next(1, trial < 100 ? 30 : 90);
            var values = new float[w * h];
            int spots = random.Next(0, 4);
            for (int k = 0; k < spots; k++)
            {
                values[random.Next(values.Length)] = (float)random.NextDouble();
            }
            // Negative zero is zero.
            values[random.Next(values.Length)] = random.Next(2) == 0 ? -0f : values[0];
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

public sealed class DensityMapCellTests
{
    [Fact]
    public void Constructor_Cells_GridIsTheCeilingOfThePhotoOverTheCell()
    {
        var map = new DensityMap(10, 7, 5, 4, new float[3 * 2]);
        Assert.Equal((10, 7, 4, 3, 2), (map.Width, map.Height, map.CellSize, map.GridWidth, map.GridHeight));
        Assert.Throws<ArgumentException>(() => new DensityMap(10, 7, 5, 4, new float[10 * 7]));
        Assert.Throws<ArgumentException>(() => new DensityMap(10, 7, 5, 4, new float[6], new float[5]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DensityMap(10, 7, 5, 0, new float[70]));
    }

    [Fact]
    public void Constructor_BadCell_ThrowsNamingTheCell()
    {
        var values = new float[6];
        values[4] = float.NaN;
        var ex = Assert.Throws<ArgumentException>(() => new DensityMap(10, 7, 5, 4, values));
        Assert.Contains("cell (1, 1)", ex.Message);
    }

    [Fact]
    public void At_Cells_IsTheBilinearValueAtThePixelCentre()
    {
        // Cells of 4 px: centres at 2, 6, 10 in x and 2, 6 in y.
        float[] values = [0f, 1f, 0.5f, 0.25f, 0.75f, 1f];
        var map = new DensityMap(12, 8, 5, 4, values);
        for (int y = 0; y < 8; y++)
        {
            for (int x = 0; x < 12; x++)
            {
                Assert.Equal(map.Sample(x + 0.5, y + 0.5), map.At(x, y));
            }
        }
        // Pixel (3, 1): centre (3.5, 1.5) is 3/8 of the way from cell centre 2 to 6 in x, before the first row of centres in y.
        Assert.Equal(0.375f, map.At(3, 1));
        // Pixel (5, 5): centre (5.5, 5.5), 7/8 along both axes.
        float top = 0f + (1f - 0f) * 0.875f, bottom = 0.25f + (0.75f - 0.25f) * 0.875f;
        Assert.Equal(top + (bottom - top) * 0.875f, map.At(5, 5), 6);
        // Beyond the last centres the edge cells hold; outside the photo 0.
        Assert.Equal(0.5f, map.Sample(11.9, 0.1));
        Assert.Equal(0f, map.At(12, 0));
        Assert.Equal(0f, map.Sample(-0.01, 3));
    }

    [Fact]
    public void ScarAt_Cells_IsTheBilinearScarAtThePixelCentre()
    {
        var map = new DensityMap(8, 4, 5, 4, [1f, 1f], [1f, 0f]);
        Assert.True(map.HasScar);
        Assert.Equal(1f, map.ScarAt(1, 1));
        // Cell centres at x = 2 and 6: pixel centres 3.5 and 4.5 are 3/8 and 5/8 of the way.
        Assert.Equal(0.625f, map.ScarAt(3, 1));
        Assert.Equal(0.375f, map.ScarAt(4, 1));
        Assert.Equal(0f, map.ScarAt(7, 3));
        Assert.Equal(map.SampleScar(4.5, 1.5), map.ScarAt(4, 1));
    }

    [Fact]
    public void NonZeroBounds_RandomCoarseMaps_IsTheBoxOfThePixelsWhereTheDensityIsAboveZero()
    {
        var random = new Random(5);
        for (int trial = 0; trial < 150; trial++)
        {
            int cell = 1 << random.Next(0, 4);
            int w = random.Next(1, 90), h = random.Next(1, 40);
            var map0 = new DensityMap(w, h, 3, cell, new float[((w + cell - 1) / cell) * ((h + cell - 1) / cell)]);
            var values = new float[map0.GridWidth * map0.GridHeight];
            int spots = random.Next(0, 3);
            for (int k = 0; k < spots; k++)
            {
                values[random.Next(values.Length)] = (float)random.NextDouble();
            }
            var map = new DensityMap(w, h, 3, cell, values);
            int x0 = int.MaxValue, y0 = int.MaxValue, x1 = 0, y1 = 0;
            for (int y = 0; y < h; y++)
            {
                for (int x = 0; x < w; x++)
                {
                    if (map.At(x, y) > 0)
                    {
                        (x0, y0, x1, y1) = (Math.Min(x0, x), Math.Min(y0, y), Math.Max(x1, x + 1), Math.Max(y1, y + 1));
                    }
                }
            }
            Assert.Equal(values.Max(), map.MaxValue);
            Assert.Equal(x1 > 0 ? new PixelBox(x0, y0, x1, y1) : default, map.NonZeroBounds);
        }
    }

    [Fact]
    public void Uniform_AnySize_OneCellWithTheDensityEverywhere()
    {
        DensityMap map = DensityMap.Uniform(300, 200, 6, 0.75f);
        Assert.Equal((1, 1), (map.GridWidth, map.GridHeight));
        Assert.Equal(new PixelBox(0, 0, 300, 200), map.NonZeroBounds);
        Assert.Equal(0.75f, map.At(0, 0));
        Assert.Equal(0.75f, map.At(299, 199));
        Assert.Equal(0.75f, map.Sample(150.3, 0.01));
    }
}
