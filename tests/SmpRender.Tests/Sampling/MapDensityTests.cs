using SmpRender.Sampling;

namespace SmpRender.Tests.Sampling;

/// <summary>
/// The sampler's density source over a map: its box tests read the map's block summary for the whole blocks inside a
/// box and the cells around them one by one, and must answer exactly as a reading of every cell.
/// </summary>
public sealed unsafe class MapDensityTests
{
    /// <summary>A map of flat patches (so that boxes are often uniform) with a few smooth and a few zero cells, sized off the blocks.</summary>
    private static float[] Patches(int width, int height, int seed)
    {
        var random = new Random(seed);
        var values = new float[width * height];
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                int patch = (x / 13 + 3 * (y / 11) + seed) % 5;
                values[y * width + x] = patch switch
                {
                    0 => 0f,
                    1 => 1f,
                    2 => 0.5f,
                    3 => (float)(0.5 + 0.5 * Math.Sin(0.3 * x + 0.2 * y)),
                    _ => random.Next(4) == 0 ? 0.25f : 0.75f,
                };
            }
        }
        return values;
    }

    [Theory]
    [InlineData(37, 29, 1, 1)]
    [InlineData(64, 64, 1, 2)]
    [InlineData(101, 53, 2, 3)]
    [InlineData(8, 8, 1, 4)]
    [InlineData(9, 17, 4, 5)]
    public void BoxTests_WithBlockSummary_SameAsEveryCell(int gridWidth, int gridHeight, int cellSize, int seed)
    {
        float[] values = Patches(gridWidth, gridHeight, seed);
        int width = gridWidth * cellSize - cellSize / 2, height = gridHeight * cellSize;
        var map = new DensityMap(width, height, 5, cellSize, values);
        var random = new Random(seed);
        int uniform = 0;
        fixed (float* v = values, lo = map.BlockMin, hi = map.BlockMax)
        {
            var summarised = new MapDensity(v, gridWidth, gridHeight, cellSize, 0, 0, width, height, lo, hi, map.BlocksWide);
            var plain = new MapDensity(v, gridWidth, gridHeight, cellSize, 0, 0, width, height);
            for (int k = 0; k < 4000; k++)
            {
                double x0 = random.NextDouble() * (width + 4) - 2, y0 = random.NextDouble() * (height + 4) - 2;
                double x1 = x0 + random.NextDouble() * width * (k % 3 == 0 ? 1 : 0.3);
                double y1 = y0 + random.NextDouble() * height * (k % 3 == 0 ? 1 : 0.3);
                bool a = summarised.TryUniform(x0, y0, x1, y1, out double va);
                bool b = plain.TryUniform(x0, y0, x1, y1, out double vb);
                Assert.True(a == b && va == vb, $"TryUniform over ({x0}, {y0})-({x1}, {y1}): {a} {va} with blocks, {b} {vb} without");
                uniform += a ? 1 : 0;
                Assert.Equal(plain.UpperBound(x0, y0, x1, y1), summarised.UpperBound(x0, y0, x1, y1));
            }
        }
        // The boxes tried include uniform ones and mixed ones.
        Assert.InRange(uniform, 1, 3999);
    }

    [Theory]
    [InlineData(37, 29, 1, 0, 0, 1)]
    [InlineData(101, 53, 2, 4, 6, 2)]
    [InlineData(9, 17, 4, 8, 0, 3)]
    [InlineData(64, 64, 1, 3, 5, 4)]
    public void Row_IsAtEveryPosition_BitForBit(int gridWidth, int gridHeight, int cellSize, int originX, int originY, int seed)
    {
        // Rows of every length (the vector part and the scalar rest), steps of a cell or of a fraction of one, rows
        // starting and ending outside the window and rows above and below it.
        float[] values = Patches(gridWidth, gridHeight, seed);
        int width = gridWidth * cellSize - originX, height = gridHeight * cellSize - originY;
        var random = new Random(seed);
        var row = new double[70];
        fixed (float* v = values)
        {
            var density = new MapDensity(v, gridWidth, gridHeight, cellSize, originX, originY, width, height);
            for (int k = 0; k < 3000; k++)
            {
                int n = k % row.Length + 1;
                double step = k % 4 == 0 ? cellSize : random.NextDouble() * 3;
                double x0 = random.NextDouble() * (width + 8) - 6 - (k % 5 == 0 ? n * step : 0);
                double y = random.NextDouble() * (height + 4) - 2;
                density.Row(x0, step, y, row.AsSpan(0, n));
                for (int i = 0; i < n; i++)
                {
                    double at = density.At(x0 + i * step, y);
                    Assert.True(BitConverter.DoubleToInt64Bits(at) == BitConverter.DoubleToInt64Bits(row[i]),
                        $"row from {x0} by {step} at y {y}, position {i}: {row[i]}, At gives {at}");
                }
            }
        }
    }

    [Fact]
    public void BlockSummary_IsTheSmallestAndLargestOfEachBlock()
    {
        const int width = 45, height = 22;
        float[] values = Patches(width, height, 7);
        var map = new DensityMap(width, height, 5, values);
        int side = DensityMap.BlockSide;
        for (int by = 0; by * side < height; by++)
        {
            for (int bx = 0; bx * side < width; bx++)
            {
                float lo = float.MaxValue, hi = float.MinValue;
                for (int y = by * side; y < Math.Min(height, (by + 1) * side); y++)
                {
                    for (int x = bx * side; x < Math.Min(width, (bx + 1) * side); x++)
                    {
                        lo = Math.Min(lo, values[y * width + x]);
                        hi = Math.Max(hi, values[y * width + x]);
                    }
                }
                Assert.Equal(lo, map.BlockMin[by * map.BlocksWide + bx]);
                Assert.Equal(hi, map.BlockMax[by * map.BlocksWide + bx]);
            }
        }
    }
}
