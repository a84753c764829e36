using SmpRender.Sampling;
using SmpRender.Zones;

namespace SmpRender.Tests.Zones;

/// <summary>
/// A straight hairline along y = 200 px across a 600 x 400 photo at 10 px/mm, scalp up, so the signed distance in mm
/// from the line to a pixel centre is (200 - (y + 0.5)) / 10.
/// </summary>
public sealed class HairlineTests
{
    private const int Width = 600, Height = 400;
    private const double PxPerMm = 10, LineY = 200;

    private static HairlineZone Straight(HairlineStyle style = HairlineStyle.Soft) =>
        new([new(-50, LineY), new(Width + 50, LineY)], ScalpSide.Up, style);

    private static HairlineZone Clean(HairlineStyle style = HairlineStyle.Soft) =>
        Straight(style) with { UndulationMm = 0, AsymmetryMm = 0, MicroMm = 0 };

    /// <summary>One value per pixel: these tests hold the kernel's geometry to the pixel (cells: ZoneRasterizerTests.CellSize).</summary>
    private static DensityMap Render(Zone zone, long seed = 7, double pxPerMm = PxPerMm, int width = Width, int height = Height) =>
        ZoneRasterizer.Rasterize([zone], width, height, pxPerMm, seed, cellSize: 1);

    private static double RowMean(DensityMap map, int y, int x0 = 50, int x1 = Width - 50)
    {
        double sum = 0;
        for (int x = x0; x < x1; x++)
        {
            sum += map.At(x, y);
        }
        return sum / (x1 - x0);
    }

    /// <summary>Mean density over the rows whose signed distance (mm) lies in [fromMm, toMm).</summary>
    private static double BandMean(DensityMap map, double fromMm, double toMm, double lineY = LineY)
    {
        double sum = 0;
        int rows = 0;
        for (int y = 0; y < map.Height; y++)
        {
            double d = (lineY - (y + 0.5)) / map.PxPerMm;
            if (d >= fromMm && d < toMm)
            {
                sum += RowMean(map, y, (int)(50 * map.PxPerMm / PxPerMm), (int)((Width - 50) * map.PxPerMm / PxPerMm));
                rows++;
            }
        }
        return sum / rows;
    }

    // The documented ramp: cubic with start slope 0.4 and end slope 0.
    private static double Smooth(double t)
    {
        t = Math.Clamp(t, 0, 1);
        return 0.4 * t + 2.2 * t * t - 1.6 * t * t * t;
    }

    [Theory]
    [InlineData(HairlineStyle.Soft, 8.0)]
    [InlineData(HairlineStyle.Natural, 5.0)]
    [InlineData(HairlineStyle.Defined, 3.0)]
    public void Rasterize_StraightLine_BandMeansRampFromZeroToFullOverTheTransition(HairlineStyle style, double transitionMm)
    {
        DensityMap map = Render(Clean(style));
        DensityPng.SaveIfRequested(map, $"hairline-ramp-{style}");
        Assert.Equal(0.0, BandMean(map, -15, 0));
        Assert.Equal(1.0, BandMean(map, transitionMm, 19));
        double previous = 0;
        int bands = 8;
        for (int i = 0; i < bands; i++)
        {
            double from = transitionMm * i / bands, to = transitionMm * (i + 1) / bands;
            double mean = BandMean(map, from, to);
            double expected = (Smooth((from + 0.25 * (to - from)) / transitionMm) + Smooth((from + 0.75 * (to - from)) / transitionMm)) / 2;
            Assert.InRange(mean, expected - 0.07, expected + 0.07);
            Assert.True(mean > previous, $"band {from:0.##}-{to:0.##} mm: mean {mean:0.###} not above {previous:0.###}");
            previous = mean;
        }
    }

    [Fact]
    public void Rasterize_Soft_NoStepBetweenAdjacentRows()
    {
        DensityMap map = Render(Straight() with { MicroMm = 0 });
        double largest = 0;
        for (int y = 1; y < Height; y++)
        {
            largest = Math.Max(largest, Math.Abs(RowMean(map, y) - RowMean(map, y - 1)));
        }
        // Smoothstep over 80 px rises by at most 1.5/80 ≈ 0.019 per row; a helmet edge would jump by ~1.
        Assert.InRange(largest, 0.005, 0.04);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Rasterize_DefaultIrregularity_BandMeansStayMonotoneBehindTheLine(long seed)
    {
        DensityMap map = Render(Straight(), seed);
        DensityPng.SaveIfRequested(map, $"hairline-soft-seed{seed}");
        Assert.Equal(0.0, BandMean(map, -15, -7));
        Assert.Equal(1.0, BandMean(map, 12, 19));
        // Across the band (from the line inward) the mean rises monotonically.
        double previous = BandMean(map, 0, 1);
        for (double from = 1; from < 10; from += 1)
        {
            double mean = BandMean(map, from, from + 1);
            Assert.True(mean >= previous, $"seed {seed}: band {from} mm mean {mean:0.###} below the previous {previous:0.###}");
            previous = mean;
        }
        // Ahead of the line only sparse strays: present, thinning out away from the line, below the front of the ramp.
        double near = BandMean(map, -2, 0), far = BandMean(map, -4.5, -2), front = BandMean(map, 0, 2);
        Assert.InRange(near, 0.003, front);
        Assert.InRange(far, 0.0005, near);
    }

    /// <summary>Per column, the signed distance (mm) of the line: the first pixel centre from outside with density.</summary>
    private static double[] LineOffsetsMm(DensityMap map)
    {
        var offsets = new double[map.Width];
        for (int x = 0; x < map.Width; x++)
        {
            int y = map.Height - 1;
            while (y > 0 && map.At(x, y) == 0)
            {
                y--;
            }
            offsets[x] = (LineY - (y + 0.5)) / map.PxPerMm;
        }
        return offsets;
    }

    [Theory]
    [InlineData(1, 2.0)]
    [InlineData(2, 2.0)]
    [InlineData(3, 1.0)]
    [InlineData(4, 3.0)]
    public void Rasterize_Undulation_PeakOffsetMatchesTheRequestedAmplitude(long seed, double amplitudeMm)
    {
        DensityMap map = Render(Straight() with { UndulationMm = amplitudeMm, AsymmetryMm = 0, MicroMm = 0 }, seed);
        double[] offsets = LineOffsetsMm(map);
        double peak = offsets.Max(Math.Abs);
        double mean = offsets.Average();
        double spread = Math.Sqrt(offsets.Average(o => (o - mean) * (o - mean)));
        // The line moves by at most the amplitude (+ one pixel of detection), and really moves.
        Assert.InRange(peak, amplitudeMm - 0.2, amplitudeMm + 0.11);
        Assert.InRange(spread, 0.15 * amplitudeMm, amplitudeMm);
    }

    [Theory]
    [InlineData(HairlineStyle.Soft, 1.2 + 1.5)]
    [InlineData(HairlineStyle.Natural, 2.0 + 2.0)]
    [InlineData(HairlineStyle.Defined, 0.8 + 1.0)]
    public void Rasterize_StyleDefaults_LineStaysWithinUndulationPlusAsymmetry(HairlineStyle style, double boundMm)
    {
        for (long seed = 1; seed <= 6; seed++)
        {
            double[] offsets = LineOffsetsMm(Render(Straight(style) with { MicroMm = 0 }, seed));
            double peak = offsets.Max(Math.Abs);
            Assert.InRange(peak, 0.3, boundMm + 0.11);
        }
    }

    [Fact]
    public void Rasterize_ReversedPoints_SameScalpSide()
    {
        HairlineZone forward = new([new(40, 300), new(300, 150), new(560, 290)], ScalpSide.Up) { UndulationMm = 0, AsymmetryMm = 0, MicroMm = 0 };
        DensityMap a = Render(forward), b = Render(forward with { Points = [.. forward.Points.Reverse()] });
        Assert.Equal(1f, b.At(300, 20));
        Assert.Equal(0f, b.At(300, 390));
        double diff = 0;
        for (int i = 0; i < a.Values.Length; i++)
        {
            diff = Math.Max(diff, Math.Abs(a.Values[i] - b.Values[i]));
        }
        Assert.InRange(diff, 0, 0.01);
    }

    [Fact]
    public void Rasterize_NoIrregularity_LineIsStraightToThePixel()
    {
        double[] offsets = LineOffsetsMm(Render(Clean()));
        Assert.All(offsets, o => Assert.InRange(o, -0.001, 0.101));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(8)]
    public void Rasterize_Asymmetry_OneSideDiffersByUpToTheMaximum(long seed)
    {
        const double maxMm = 2;
        double[] offsets = LineOffsetsMm(Render(Straight() with { UndulationMm = 0, AsymmetryMm = maxMm, MicroMm = 0 }, seed));
        // The line runs from x = -50 to 650: its middle is x = 300, its ends just outside the photo.
        double left = offsets[5], middle = offsets[300], right = offsets[594];
        Assert.InRange(Math.Abs(middle), 0, 0.11);
        double difference = Math.Abs(left - right);
        Assert.InRange(difference, 0.6 * maxMm * 0.97 - 0.11, maxMm + 0.11);
        Assert.True(Math.Min(Math.Abs(left), Math.Abs(right)) <= 0.15, "only one side moves");
    }

    [Fact]
    public void Rasterize_Micro_IslandsSitAheadOfTheLineWithinTheMicroBand()
    {
        const double microMm = 4;
        DensityMap map = Render(Straight() with { UndulationMm = 0, AsymmetryMm = 0, MicroMm = microMm });
        int maxima = 0;
        for (int y = 1; y < Height - 1; y++)
        {
            double d = (LineY - (y + 0.5)) / PxPerMm;
            for (int x = 1; x < Width - 1; x++)
            {
                float v = map.At(x, y);
                if (d < -(microMm + 3 * HairlineKernel.IslandSigmaMm + 0.1))
                {
                    Assert.Equal(0f, v);
                }
                if (d < -0.3 && v >= 0.5f && v >= map.At(x - 1, y) && v >= map.At(x + 1, y) && v >= map.At(x, y - 1) && v > map.At(x, y + 1))
                {
                    maxima++;
                }
            }
        }
        // 70 mm of line at 1.4 islands per 10 mm: about 10 islands (clusters have more blobs; some fall outside the photo).
        Assert.InRange(maxima, 6, 40);
    }

    [Fact]
    public void Rasterize_Natural_HasMoreStraysThanDefined()
    {
        static int Strays(DensityMap map)
        {
            int count = 0;
            for (int y = (int)LineY + 3; y < Height; y++)
            {
                for (int x = 0; x < Width; x++)
                {
                    count += map.At(x, y) > 0.3f ? 1 : 0;
                }
            }
            return count;
        }
        int natural = Strays(Render(Straight(HairlineStyle.Natural) with { UndulationMm = 0, AsymmetryMm = 0 }));
        int defined = Strays(Render(Straight(HairlineStyle.Defined) with { UndulationMm = 0, AsymmetryMm = 0 }));
        Assert.True(natural > 2 * defined, $"natural {natural} px of strays, defined {defined}");
    }

    [Fact]
    public void Rasterize_SameSeed_BitIdentical_OtherSeed_Differs()
    {
        HairlineZone zone = new([new(40, 300), new(300, 150), new(560, 290)], ScalpSide.Up, HairlineStyle.Natural);
        DensityMap a = Render(zone, 11), b = Render(zone, 11), c = Render(zone, 12);
        Assert.True(a.Values.SequenceEqual(b.Values));
        Assert.False(a.Values.SequenceEqual(c.Values));
    }

    [Fact]
    public void Rasterize_TwoScales_SamePhysicalResult()
    {
        // The same line in mm at 5 and 10 px/mm, with all irregularity on: compare at the same physical points.
        HairlineZone At(double s) => new([new(-5 * s, 20 * s), new(30 * s, 12 * s), new(65 * s, 20 * s)], ScalpSide.Up);
        DensityMap coarse = ZoneRasterizer.Rasterize([At(5)], 300, 200, 5, 3);
        DensityMap fine = ZoneRasterizer.Rasterize([At(10)], 600, 400, 10, 3);
        double sum = 0, worst = 0;
        int n = 0;
        for (double yMm = 2; yMm < 38; yMm += 0.25)
        {
            for (double xMm = 2; xMm < 58; xMm += 0.25)
            {
                double diff = Math.Abs(coarse.Sample(xMm * 5, yMm * 5) - fine.Sample(xMm * 10, yMm * 10));
                sum += diff;
                worst = Math.Max(worst, diff);
                n++;
            }
        }
        Assert.InRange(sum / n, 0, 0.01);
        Assert.InRange(worst, 0, 0.35);
    }

    [Fact]
    public void Rasterize_BandOnly_DensityEndsAtTheBandDepth()
    {
        DensityMap map = Render(Clean() with { BandDepthMm = 18, BandOnly = true });
        Assert.Equal(1.0, BandMean(map, 8, 10));
        Assert.Equal(0.0, BandMean(map, 18, 19.9));
        Assert.InRange(BandMean(map, 10, 18), 0.1, 0.9);
    }

    [Fact]
    public void Rasterize_ScalpSideDown_MirrorsUp_AndAPointPicksTheSameSide()
    {
        HairlineZone down = Clean() with { ScalpSide = ScalpSide.Down };
        DensityMap map = Render(down);
        Assert.Equal(0.0, RowMean(map, 100));
        Assert.Equal(1.0, RowMean(map, 300));
        DensityMap byPoint = Render(down with { ScalpSide = ScalpSide.Toward(new(10, 390)) });
        Assert.True(map.Values.SequenceEqual(byPoint.Values));
        DensityMap left = Render(Clean() with { Points = [new(300, -50), new(300, 450)], ScalpSide = ScalpSide.Left });
        Assert.Equal(1f, left.At(100, 200));
        Assert.Equal(0f, left.At(500, 200));
    }

    [Fact]
    public void Rasterize_CurvedLine_PassesThroughTheControlPoints()
    {
        Point2[] points = [new(60, 300), new(300, 140), new(540, 280)];
        DensityMap map = Render(new HairlineZone(points, ScalpSide.Up) { UndulationMm = 0, AsymmetryMm = 0, MicroMm = 0 });
        foreach (Point2 p in points)
        {
            // Just outside (below) the control point: nothing; 12 mm above (>= 8 mm inside even where it slopes): full.
            Assert.Equal(0f, map.At((int)p.X, (int)p.Y + 2));
            Assert.True(map.At((int)p.X, (int)p.Y - 3) > 0f);
            Assert.Equal(1f, map.At((int)p.X, (int)p.Y - 120));
        }
    }
}
