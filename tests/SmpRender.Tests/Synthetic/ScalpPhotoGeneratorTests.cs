using SmpRender.Color;
using SmpRender.Imaging.Synthetic;

namespace SmpRender.Tests.Synthetic;

public class ScalpPhotoGeneratorTests
{
    private static readonly ScalpPhotoOptions Small = new() { Width = 160, Height = 140, Seed = 5 };

    [Fact]
    public void Generate_SameOptions_BitIdentical()
    {
        using SyntheticScalp a = ScalpPhotoGenerator.Generate(Small);
        using SyntheticScalp b = ScalpPhotoGenerator.Generate(Small);
        Assert.True(a.Photo.Pixels.SequenceEqual(b.Photo.Pixels));
        Assert.True(a.HairX.SequenceEqual(b.HairX));
    }

    [Fact]
    public void Generate_OtherSeed_Differs()
    {
        using SyntheticScalp a = ScalpPhotoGenerator.Generate(Small);
        using SyntheticScalp b = ScalpPhotoGenerator.Generate(Small with { Seed = 6 });
        Assert.False(a.Photo.Pixels.SequenceEqual(b.Photo.Pixels));
    }

    [Fact]
    public void Generate_Scale_FollowsHeadWidth()
    {
        using SyntheticScalp s = ScalpPhotoGenerator.Generate(Small with { HeadWidthMm = 150 });
        Assert.Equal(2 * 0.42 * 160 / 150, s.PxPerMm, 9);
        Assert.True(s.Photo.Pixels[3] == 255);
    }

    [Fact]
    public void Generate_Photo_IsShadedNotFlat()
    {
        using SyntheticScalp s = ScalpPhotoGenerator.Generate(Small with { Width = 256, Height = 224 });
        (double top, _) = MeanL(s, 0, 0, 0.05);
        (double edge, _) = MeanL(s, 0.8, 0.1, 0.05);
        (double bg, _) = MeanL(s, -1.15, -0.9, 0.04);
        Assert.True(top - edge > 5, $"top L* {top:0.0}, edge {edge:0.0}");
        Assert.True(Math.Abs(bg - new Rgb8(0x7d, 0x84, 0x8c).ToLab().L) < 10, $"background L* {bg:0.0}");
    }

    [Fact]
    public void Generate_HairRegion_HasHairOnlyOnSidesBackAndThinningArea()
    {
        var thinning = new HeadEllipse(0, 0.2, 0.25, 0.25);
        using SyntheticScalp s = ScalpPhotoGenerator.Generate(new ScalpPhotoOptions { Width = 300, Height = 260, Seed = 2, ThinningArea = thinning });
        int fringe = 0, thin = 0, front = 0;
        for (int i = 0; i < s.HairCount; i++)
        {
            (double u, double v) = s.ToHead(s.HairX[i], s.HairY[i]);
            if (thinning.Contains(u, v))
            {
                thin++;
            }
            else if (v < -0.55)
            {
                front++;
            }
            else if (u * u + v * v > 0.8 * 0.8)
            {
                fringe++;
            }
        }
        Assert.True(fringe > 500, $"fringe hairs {fringe}");
        Assert.True(thin > 20, $"thinning-area hairs {thin}");
        Assert.Equal(0, front);
    }

    [Fact]
    public void Generate_FutScar_IsPaleBandWithoutHair()
    {
        using SyntheticScalp s = ScalpPhotoGenerator.Generate(new ScalpPhotoOptions { Width = 300, Height = 260, Seed = 3, Scar = SyntheticScar.FutStrip });
        ReadOnlySpan<float> scar = s.ScarMask;
        Assert.Equal(300 * 260, scar.Length);
        int scarPixels = 0;
        foreach (float v in scar)
        {
            scarPixels += v > 0.5f ? 1 : 0;
        }
        Assert.True(scarPixels > 100, $"scar pixels {scarPixels}");
        for (int i = 0; i < s.HairCount; i++)
        {
            Assert.True(scar[(int)s.HairY[i] * 300 + (int)s.HairX[i]] <= 0.05f);
        }
    }

    [Fact]
    public void Options_OutOfRange_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScalpPhotoOptions { Width = 0 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScalpPhotoOptions { HairDensity = 1.5 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new ScalpPhotoOptions { Noise = double.NaN });
    }

    private static (double Mean, int Count) MeanL(SyntheticScalp s, double u, double v, double radius)
    {
        double sum = 0;
        int n = 0;
        for (int y = 0; y < s.Photo.Height; y++)
        {
            ReadOnlySpan<byte> row = s.Photo.Row(y);
            for (int x = 0; x < s.Photo.Width; x++)
            {
                (double hu, double hv) = s.ToHead(x + 0.5, y + 0.5);
                if ((hu - u) * (hu - u) + (hv - v) * (hv - v) <= radius * radius)
                {
                    sum += new Rgb8(row[x * 4], row[x * 4 + 1], row[x * 4 + 2]).ToLab().L;
                    n++;
                }
            }
        }
        Assert.True(n > 0);
        return (sum / n, n);
    }
}
