using SmpRender.Imaging.Synthetic;
using SmpRender.Pigment;
using SmpRender.Sampling;

namespace SmpRender.Tests.Pigment;

public class HairDetectorTests
{
    [Fact]
    public void Detect_ThinningArea_FindsKnownHairsWithGoodRecallAndPrecision()
    {
        var thinning = new HeadEllipse(0, 0.15, 0.3, 0.3);
        var options = ScalpPhotoOptions.ForMonk(3, 21) with
        {
            Width = 480,
            Height = 420,
            HeadWidthMm = 80,
            ThinningArea = thinning,
            ThinningDensity = 0.15,
            HairLengthMm = 0.3,
        };
        using SyntheticScalp s = ScalpPhotoGenerator.Generate(options);
        var zone = new HeadEllipse(0, 0.15, 0.25, 0.25);
        DensityMap zones = s.ZoneMap(zone, feather: 0);
        HairPoints found = HairDetector.Detect(s.Photo, zones);

        double match = 0.5 * s.PxPerMm;
        int truthInZone = 0, recalled = 0;
        for (int i = 0; i < s.HairCount; i++)
        {
            if (zones.At((int)s.HairX[i], (int)s.HairY[i]) <= 0)
            {
                continue;
            }
            truthInZone++;
            recalled += Nearest(found.X, found.Y, s.HairX[i], s.HairY[i]) <= match ? 1 : 0;
        }
        int precise = 0;
        for (int j = 0; j < found.Count; j++)
        {
            precise += Nearest(s.HairX, s.HairY, found.X[j], found.Y[j]) <= match ? 1 : 0;
        }
        double recall = recalled / (double)truthInZone, precision = precise / (double)found.Count;
        Assert.True(truthInZone > 30, $"{truthInZone} hairs in the zone");
        Assert.True(recall >= 0.85, $"recall {recall:0.00} ({recalled}/{truthInZone})");
        Assert.True(precision >= 0.85, $"precision {precision:0.00} ({precise}/{found.Count})");
    }

    [Fact]
    public void Detect_BaldZone_FindsAlmostNothing()
    {
        using SyntheticScalp s = ScalpPhotoGenerator.Generate(ScalpPhotoOptions.ForMonk(5, 4) with { Width = 320, Height = 280, HeadWidthMm = 80 });
        DensityMap zones = s.ZoneMap(new HeadEllipse(0, -0.1, 0.3, 0.3), feather: 0);
        HairPoints found = HairDetector.Detect(s.Photo, zones);
        Assert.True(found.Count <= 3, $"{found.Count} false hairs");
    }

    [Fact]
    public void Detect_SamePhoto_SamePoints()
    {
        var options = ScalpPhotoOptions.ForMonk(2, 5) with { Width = 200, Height = 180, HeadWidthMm = 60, ThinningArea = new HeadEllipse(0, 0, 0.4, 0.4) };
        using SyntheticScalp s = ScalpPhotoGenerator.Generate(options);
        DensityMap zones = s.ZoneMap(new HeadEllipse(0, 0, 0.4, 0.4));
        HairPoints a = HairDetector.Detect(s.Photo, zones), b = HairDetector.Detect(s.Photo, zones);
        Assert.True(a.X.SequenceEqual(b.X) && a.Y.SequenceEqual(b.Y));
        Assert.True(a.Count > 0);
    }

    private static double Nearest(ReadOnlySpan<float> xs, ReadOnlySpan<float> ys, float x, float y)
    {
        double best = double.PositiveInfinity;
        for (int i = 0; i < xs.Length; i++)
        {
            double d = Math.Sqrt((xs[i] - x) * (xs[i] - x) + (ys[i] - y) * (ys[i] - y));
            best = Math.Min(best, d);
        }
        return best;
    }
}
