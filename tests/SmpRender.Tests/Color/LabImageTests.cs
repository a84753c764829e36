using SmpRender.Color;

namespace SmpRender.Tests.Color;

public class LabImageTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(64)]
    [InlineData(1001)]
    [InlineData(40_000)]
    public void Median_RandomValuesWithTies_EqualsMedianOfSortedCopy(int count)
    {
        for (int seed = 0; seed < 20; seed++)
        {
            var random = new Random(seed);
            // Few distinct levels on some seeds: many ties, as in 8-bit photos.
            int levels = seed % 2 == 0 ? 5 : 1 << 20;
            float[] values = [.. Enumerable.Range(0, count).Select(_ => random.Next(levels) * 0.37f)];
            float[] sorted = [.. values.Order()];
            double expected = count % 2 == 1 ? sorted[count / 2] : 0.5 * (sorted[count / 2 - 1] + sorted[count / 2]);

            Assert.Equal(expected, LabImage.Median(values));
        }
    }

    [Fact]
    public void Median_SortedAndReversedInput_EqualsMiddle()
    {
        float[] up = [.. Enumerable.Range(0, 10_001).Select(i => (float)i)];
        float[] down = [.. up.Reverse()];

        Assert.Equal(5000, LabImage.Median(up));
        Assert.Equal(5000, LabImage.Median(down));
    }

    [Fact]
    public void Select_AnyK_PartitionsAroundTheKthSmallest()
    {
        var random = new Random(3);
        float[] values = [.. Enumerable.Range(0, 500).Select(_ => (float)random.Next(50))];
        float[] sorted = [.. values.Order()];
        for (int k = 0; k < values.Length; k += 37)
        {
            float[] copy = [.. values];
            float kth = LabImage.Select(copy, k);

            Assert.Equal(sorted[k], kth);
            Assert.All(copy[..k], v => Assert.True(v <= kth));
            Assert.All(copy[(k + 1)..], v => Assert.True(v >= kth));
        }
    }

    [Fact]
    public void Median_Empty_IsNaN()
    {
        Assert.True(double.IsNaN(LabImage.Median([])));
    }

    [Fact]
    public void ToLab_EveryFifthCode_Within0005OfDoublePrecision()
    {
        double worst = 0;
        for (int r = 0; r < 256; r += 5)
        {
            for (int g = 0; g < 256; g += 5)
            {
                for (int b = 0; b < 256; b += 5)
                {
                    Lab exact = new Rgb8((byte)r, (byte)g, (byte)b).ToLab();
                    LabImage.ToLab((byte)r, (byte)g, (byte)b, out float l, out float a, out float bb);
                    worst = Math.Max(worst, Math.Max(Math.Abs(l - exact.L), Math.Max(Math.Abs(a - exact.A), Math.Abs(bb - exact.B))));
                }
            }
        }

        Assert.True(worst <= 0.005, $"largest difference {worst}");
    }

    [Fact]
    public void Bilinear_OnAndBetweenLatticePoints_ExactAndLinear()
    {
        // 3x2 lattice: v(i, j) = 10 i + 100 j, a plane, so bilinear reads it exactly everywhere inside.
        float[] values = [0, 10, 20, 100, 110, 120];

        Assert.Equal(110f, LabImage.Bilinear(values, 3, 2, 1, 1));
        Assert.Equal(65f, LabImage.Bilinear(values, 3, 2, 1.5, 0.5), 4);
        Assert.Equal(2.5f, LabImage.Bilinear(values, 3, 2, 0.25, 0), 4);
        // Held at the last column and row beyond them.
        Assert.Equal(120f, LabImage.Bilinear(values, 3, 2, 2.7, 1.4));
    }
}
