using SmpRender.Color;
using SmpRender.Imaging.Synthetic;
using SmpRender.Sampling;

namespace SmpRender.Tests.Color;

public class SkinToneAnalyzerTests
{
    public static TheoryData<int> MonkLevels => new() { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };

    [Theory]
    [MemberData(nameof(MonkLevels))]
    public void Analyze_GeneratedScalpOfMonkTone_WithinDeltaE3(int level)
    {
        // Noise, pores, shading, a highlight, and dark hair inside the zone (a sparse thinning area).
        var options = ScalpPhotoOptions.ForMonk(level, seed: (ulong)(100 + level)) with
        {
            Width = 320,
            Height = 280,
            Noise = 3,
            ThinningArea = new HeadEllipse(0.1, 0.1, 0.3, 0.3),
            ThinningDensity = 0.3,
        };
        using SyntheticScalp s = ScalpPhotoGenerator.Generate(options);
        DensityMap zones = s.ZoneMap(TestScalps.Top);
        SkinTone tone = SkinToneAnalyzer.Analyze(s.Photo, zones);
        double de = DeltaE.Ciede2000(s.SkinLab, tone.Lab);
        Assert.True(de <= 3, $"Monk {level}: truth {s.SkinLab}, estimate {tone.Lab}, ΔE2000 {de:0.00}");
        Assert.Equal(Ita.Classify(tone.Ita), tone.ItaClass);
        Assert.InRange(tone.Monk, Math.Max(1, level - 1), Math.Min(10, level + 1));
        Assert.True(tone.SampleCount > 1000);
    }

    public static TheoryData<int, double, bool> DenseHairCases
    {
        get
        {
            var cases = new TheoryData<int, double, bool>();
            for (int level = 1; level <= 10; level++)
            {
                // Dark hair over the thinning area alone and over the whole top; hair of half the contrast (halfway
                // to the skin in linear light) over the thinning area.
                cases.Add(level, 0, false);
                cases.Add(level, 0, true);
                cases.Add(level, 0.5, false);
            }
            return cases;
        }
    }

    [Theory]
    [MemberData(nameof(DenseHairCases))]
    public void Analyze_DenseLongThinningHairOverZone_WithinDeltaE3(int level, double hairTowardSkin, bool wholeTop)
    {
        // Dense 8 mm hair (full density) over a thinning crown and mid-scalp, in a close-up at 8.7 px/mm: about nine
        // pixels in ten are hair or mixed with it, and the skin shows only in the gaps between hairs.
        foreach (ulong seed in new ulong[] { 1, 2 })
        {
            ScalpPhotoOptions options = LongHair(level, 500 + 10 * seed + (ulong)level, density: 1);
            options = options with { Hair = Toward(options.Hair, options.Skin, hairTowardSkin) };
            using SyntheticScalp s = ScalpPhotoGenerator.Generate(options);

            AssertSkinWithinDeltaE3(s, s.ZoneMap(wholeTop ? TestScalps.Top : ThinningArea), level, $"seed {seed}");
        }
    }

    /// <summary>The thinning crown and mid-scalp of the long-hair cases.</summary>
    private static readonly HeadEllipse ThinningArea = new(0, 0.05, 0.45, 0.4);

    /// <summary>8 mm hair over <see cref="ThinningArea"/> at <paramref name="density"/>, in a close-up at 8.7 px/mm.</summary>
    private static ScalpPhotoOptions LongHair(int level, ulong seed, double density) =>
        ScalpPhotoOptions.ForMonk(level, seed) with
        {
            Width = 520,
            Height = 390,
            HeadWidthMm = 50,
            Noise = 3,
            ThinningArea = ThinningArea,
            ThinningDensity = density,
            HairLengthMm = 8,
        };

    /// <summary>The skin read over the zones is within ΔE2000 3 of the truth and within one Monk level.</summary>
    private static void AssertSkinWithinDeltaE3(SyntheticScalp s, DensityMap zones, int level, string what)
    {
        SkinTone tone = SkinToneAnalyzer.Analyze(s.Photo, zones);

        double de = DeltaE.Ciede2000(s.SkinLab, tone.Lab);
        Assert.True(de <= 3, $"Monk {level}, {what}: truth {s.SkinLab}, estimate {tone.Lab}, ΔE2000 {de:0.00}");
        Assert.InRange(tone.Monk, Math.Max(1, level - 1), Math.Min(10, level + 1));
    }

    public static TheoryData<int, string, bool> LightHairCases
    {
        get
        {
            var cases = new TheoryData<int, string, bool>();
            for (int level = 1; level <= 10; level++)
            {
                // Grey, light-brown and blond hair, dense (full density) and sparse (three tenths) over the zone: on
                // deep skin the hair is lighter than the skin, on light skin darker, on mid tones about as light.
                foreach (string hair in new[] { GreyHair, LightBrownHair, BlondHair })
                {
                    cases.Add(level, hair, true);
                    cases.Add(level, hair, false);
                }
            }
            return cases;
        }
    }

    private const string GreyHair = "#aeaaa5";
    private const string LightBrownHair = "#8c6a4c";
    private const string BlondHair = "#c9a86f";

    [Theory]
    [MemberData(nameof(LightHairCases))]
    public void Analyze_LongLightHairOverZone_WithinDeltaE3(int level, string hair, bool dense)
    {
        // 8 mm hair over a thinning crown and mid-scalp at 8.7 px/mm, as in the dark-hair case above. Grey or blond
        // hair on deep skin is lighter than the skin: the skin is then the darker part between the strands.
        using SyntheticScalp s = ScalpPhotoGenerator.Generate(
            LongHair(level, 700 + (ulong)level, density: dense ? 1 : 0.3) with { Hair = Rgb8.FromHex(hair) });

        AssertSkinWithinDeltaE3(s, s.ZoneMap(ThinningArea), level, $"hair {hair} ({s.HairLab})");
    }

    [Theory]
    [InlineData(6)]
    [InlineData(7)]
    [InlineData(8)]
    [InlineData(9)]
    [InlineData(10)]
    public void Analyze_SmallZoneHalfOnTheHighlightOfDeepSkin_WithinDeltaE3p5(int level)
    {
        // On deep skin the highlight is far lighter than the skin around it, and here it fills half of the zone: the
        // skin beside it must not be taken for skin covered by hair. (So much highlight leaves a little of it in the
        // estimate: the tolerance is 3.5.)
        using SyntheticScalp s = ScalpPhotoGenerator.Generate(ScalpPhotoOptions.ForMonk(level, (ulong)level) with { Width = 320, Height = 240 });
        (double u, double v) = s.ToHead(160, 120);
        DensityMap zones = s.ZoneMap(new HeadEllipse(u, v, 0.3, 0.27));

        SkinTone tone = SkinToneAnalyzer.Analyze(s.Photo, zones);

        double de = DeltaE.Ciede2000(s.SkinLab, tone.Lab);
        Assert.True(de <= 3.5, $"Monk {level}: truth {s.SkinLab}, estimate {tone.Lab}, ΔE2000 {de:0.00}");
    }

    /// <summary>The colour a share <paramref name="t"/> of the way from <paramref name="from"/> to <paramref name="to"/> in linear light.</summary>
    private static Rgb8 Toward(Rgb8 from, Rgb8 to, double t)
    {
        LinearRgb a = from.ToLinear(), b = to.ToLinear();
        return new LinearRgb(a.R + t * (b.R - a.R), a.G + t * (b.G - a.G), a.B + t * (b.B - a.B)).ToRgb8();
    }

    [Fact]
    public void Analyze_WithoutZones_UsesCentralRegion()
    {
        using SyntheticScalp s = ScalpPhotoGenerator.Generate(ScalpPhotoOptions.ForMonk(6, 1) with { Width = 240, Height = 210 });
        SkinTone tone = SkinToneAnalyzer.Analyze(s.Photo);
        Assert.True(DeltaE.Ciede2000(s.SkinLab, tone.Lab) <= 3, $"{tone.Lab} vs {s.SkinLab}");
    }

    [Fact]
    public void Analyze_EmptyZones_Throws()
    {
        using SyntheticScalp s = ScalpPhotoGenerator.Generate(new ScalpPhotoOptions { Width = 64, Height = 64 });
        var empty = new DensityMap(64, 64, 1, new float[64 * 64]);
        Assert.Throws<ArgumentException>(() => SkinToneAnalyzer.Analyze(s.Photo, empty));
        var wrongSize = DensityMap.Uniform(32, 32, 1);
        Assert.Throws<ArgumentException>(() => SkinToneAnalyzer.Analyze(s.Photo, wrongSize));
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    public void AnalyzeHair_DarkStubbleAroundZone_FindsDarkHairColour(int level)
    {
        // A close-up scale (a 60 mm wide view) so hairs span a few pixels.
        var options = ScalpPhotoOptions.ForMonk(level, 9) with { Width = 320, Height = 280, HeadWidthMm = 50, HairLengthMm = 1.5 };
        using SyntheticScalp s = ScalpPhotoGenerator.Generate(options);
        DensityMap zones = s.ZoneMap(new HeadEllipse(0.55, 0.3, 0.3, 0.3));
        SkinTone tone = SkinToneAnalyzer.Analyze(s.Photo, zones);
        HairColor? hair = SkinToneAnalyzer.AnalyzeHair(s.Photo, zones, tone);
        Assert.NotNull(hair);
        Assert.True(hair.Lab.L < tone.Lab.L - 20, $"hair {hair.Lab} vs skin {tone.Lab}");
        // Hairs are thinner than a pixel here, so the camera mixes them with skin: the estimate must still sit
        // much nearer the true hair than the skin.
        Assert.True(hair.Lab.L - s.HairLab.L < 0.4 * (tone.Lab.L - s.HairLab.L), $"hair {hair.Lab} vs truth {s.HairLab}, skin {tone.Lab}");
        Assert.InRange(hair.Coverage, 0.002, 0.6);
    }

    [Fact]
    public void AnalyzeHair_BaldTop_ReturnsNull()
    {
        using SyntheticScalp s = ScalpPhotoGenerator.Generate(ScalpPhotoOptions.ForMonk(4, 2) with { Width = 240, Height = 210, HeadWidthMm = 80 });
        DensityMap zones = s.ZoneMap(new HeadEllipse(0, -0.1, 0.3, 0.3), feather: 0);
        SkinTone tone = SkinToneAnalyzer.Analyze(s.Photo, zones);
        Assert.Null(SkinToneAnalyzer.AnalyzeHair(s.Photo, zones, tone));
    }
}
