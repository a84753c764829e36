using SmpRender.Color;
using SmpRender.Pigment;

namespace SmpRender.Tests.Pigment;

public class PigmentModelTests
{
    public static TheoryData<int> MonkLevels => new() { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };

    [Theory]
    [MemberData(nameof(MonkLevels))]
    public void Presets_OnEverySkin_OrderedLightToDarkAndDarkerThanSkin(int level)
    {
        SkinTone skin = SkinTone.FromRgb(MonkSkinTone.Swatch(level));
        double previous = skin.Lab.L;
        for (int preset = 1; preset <= PigmentModel.PresetCount; preset++)
        {
            var model = new PigmentModel(new PigmentOptions(PigmentShade.Preset(preset)), skin);
            Assert.True(model.FullStrengthLab.L < previous, $"Monk {level} preset {preset}: L* {model.FullStrengthLab.L:0.0} not below {previous:0.0}");
            Assert.True(model.ContrastL > 0);
            Assert.Equal(preset, model.PresetLevel);
            previous = model.FullStrengthLab.L;
        }
    }

    [Theory]
    [MemberData(nameof(MonkLevels))]
    public void Shade_OnEverySkin_IsSlightlyCoolButNotBlue(int level)
    {
        SkinTone skin = SkinTone.FromRgb(MonkSkinTone.Swatch(level));
        var model = new PigmentModel(new PigmentOptions(PigmentShade.Preset(3)), skin);
        LinearRgb t = model.Transmittance;
        Assert.True(t.B > t.R, "blue passes more than red: the dot reads cool");
        Assert.True(t.B / t.R < 1.6, $"T {t}: too blue");
        // The dot colour keeps a warm (or at most neutral) hue: b* not strongly negative.
        Assert.True(model.FullStrengthLab.B > -3, $"dot {model.FullStrengthLab} reads blue");
        Assert.True(model.FullStrengthLab.B < skin.Lab.B + 0.5, "cooler than the skin");
    }

    [Fact]
    public void Auto_LighterSkinAndHair_MoreDiluted()
    {
        SkinTone light = SkinTone.FromRgb(MonkSkinTone.Swatch(1));
        SkinTone deep = SkinTone.FromRgb(MonkSkinTone.Swatch(9));
        var blond = new HairColor(new Lab(62, 4, 20), 100, 0.1);
        var black = new HairColor(new Lab(12, 1, 2), 100, 0.1);
        Assert.True(PigmentModel.AutoLevel(light, blond) < PigmentModel.AutoLevel(light, black));
        Assert.True(PigmentModel.AutoLevel(light, black) < PigmentModel.AutoLevel(deep, black));
        Assert.Equal(1, PigmentModel.AutoLevel(light, blond));
        Assert.Equal(5, PigmentModel.AutoLevel(deep, black));
        var model = new PigmentModel(new PigmentOptions(), light, blond);
        Assert.Equal(1, model.PresetLevel);
        Assert.Contains("auto (1)", model.Describe());
    }

    [Fact]
    public void Explicit_Colour_IsTheDotCentreColourOnTheSkin()
    {
        SkinTone skin = SkinTone.FromRgb(MonkSkinTone.Swatch(4));
        var target = new Rgb8(0x6a, 0x62, 0x5c);
        var model = new PigmentModel(new PigmentOptions(PigmentShade.Explicit(target)), skin);
        Assert.Null(model.PresetLevel);
        Assert.True(DeltaE.Ciede2000(target.ToLab(), model.FullStrengthLab) < 0.5);
        Assert.Equal(skin.Lab.L - model.FullStrengthLab.L, model.ContrastL, 9);
    }

    [Fact]
    public void Fresh_IsDarkerAndLargerThanHealed()
    {
        SkinTone skin = SkinTone.FromRgb(MonkSkinTone.Swatch(3));
        var healed = new PigmentModel(new PigmentOptions(PigmentShade.Preset(3)), skin);
        var fresh = new PigmentModel(new PigmentOptions(PigmentShade.Preset(3), PigmentLook.Fresh), skin);
        Assert.True(fresh.FullStrengthLab.L < healed.FullStrengthLab.L);
        Assert.True(fresh.Appearance(7, 2, 0, 10).Radius > healed.Appearance(7, 2, 0, 10).Radius);
    }

    [Fact]
    public void FadeFraction_MonotoneInYears_AndFasterInSunAndOnDrySkin()
    {
        double previous = -1;
        for (double years = 0; years <= 30; years += 0.5)
        {
            double f = PigmentModel.FadeFractionOf(new FadingOptions(years));
            Assert.True(f > previous);
            Assert.InRange(f, 0, 0.85);
            previous = f;
        }
        Assert.Equal(0, PigmentModel.FadeFractionOf(new FadingOptions(0)));
        double medium = PigmentModel.FadeFractionOf(new FadingOptions(5));
        Assert.True(PigmentModel.FadeFractionOf(new FadingOptions(5, SunExposure.High)) > medium);
        Assert.True(PigmentModel.FadeFractionOf(new FadingOptions(5, SunExposure.Low)) < medium);
        Assert.True(PigmentModel.FadeFractionOf(new FadingOptions(5, skin: SkinType.Dry)) > medium);
        Assert.True(PigmentModel.FadeFractionOf(new FadingOptions(5, skin: SkinType.Oily)) < medium);
    }

    [Fact]
    public void Appearance_SameSeedAndRank_Identical_OtherRankDiffers()
    {
        SkinTone skin = SkinTone.FromRgb(MonkSkinTone.Swatch(5));
        var a = new PigmentModel(new PigmentOptions(seed: 42), skin);
        var b = new PigmentModel(new PigmentOptions(seed: 42), skin);
        Assert.Equal(a.Appearance(123, 2, 0, 8), b.Appearance(123, 2, 0, 8));
        Assert.NotEqual(a.Appearance(123, 2, 0, 8), a.Appearance(124, 2, 0, 8));
        Assert.NotEqual(a.Appearance(123, 2, 0, 8), new PigmentModel(new PigmentOptions(seed: 43), skin).Appearance(123, 2, 0, 8));
    }

    [Theory]
    [InlineData(0.0, 0.0)]
    [InlineData(7.0, 0.0)]
    [InlineData(3.0, 1.7)]
    public void Appearances_EightLanes_EachEqualsAppearance(double years, double photoBlurPx)
    {
        // The compositor's eight-at-a-time pass gives every dot exactly (bit for bit) the appearance of the one-dot call.
        SkinTone skin = SkinTone.FromRgb(MonkSkinTone.Swatch(6));
        var model = new PigmentModel(new PigmentOptions(seed: 77, fading: new FadingOptions(years)), skin, photoBlurPx: photoBlurPx);
        const int Groups = 64;
        var ranks = new int[8 * Groups];
        var sessions = new int[8 * Groups];
        var scars = new float[8 * Groups];
        int[] oddRanks = [0, 1, 99, 12345, int.MaxValue, -3, int.MinValue, 4096];
        for (int i = 0; i < ranks.Length; i++)
        {
            ranks[i] = i < 8 ? oddRanks[i] : i * 7919 - 100_000;
            sessions[i] = i % 6;
            scars[i] = (i % 9 - 2) * 0.2f;
        }
        var groups = new DotLanes[Groups];
        model.Appearances(ranks, sessions, scars, 11.5f, groups);
        for (int i = 0; i < ranks.Length; i++)
        {
            DotLanes lanes = groups[i / 8];
            int j = i % 8;
            DotAppearance one = model.Appearance(ranks[i], sessions[i], scars[i], 11.5);
            Assert.Equal(one, DotAppearance.FromParts(lanes.Radius[j], lanes.Aspect[j], lanes.Cos[j], lanes.Sin[j], lanes.Sigma[j],
                lanes.Strength[j], lanes.TiltX[j], lanes.TiltY[j], lanes.CapSigma[j], lanes.CapStrength[j]));
            Assert.Equal(1f, one.Cos * one.Cos + one.Sin * one.Sin, 5);
            Assert.Equal(years > 0, one.CapSigma > 0);
        }
    }

    [Theory]
    [InlineData(0.0, 0.0f, 0.0)]
    [InlineData(4.0, 0.6f, 0.0)]
    [InlineData(0.0, 0.0f, 0.45)]
    [InlineData(2.0, 0.3f, 2.2)]
    public void Appearance_MatchesModelInDoublePrecision(double years, float scar, double photoBlurPx)
    {
        // The documented model evaluated with library exp, sin and cos in double precision: the fast polynomials of the
        // eight-lane pass agree to a few parts in 10⁷. The camera's blur is the photo's, at least the 0.6 px anti-aliasing.
        SkinTone skin = SkinTone.FromRgb(MonkSkinTone.Swatch(4));
        var options = new PigmentOptions(seed: 1234, fading: new FadingOptions(years));
        var model = new PigmentModel(options, skin, photoBlurPx: photoBlurPx);
        double camera = Math.Max(0.6, photoBlurPx);
        const double Px = 10.95;
        double fade = model.FadeFraction, core = 0.9 * options.NeedleDiameterMm;
        for (int rank = 0; rank < 300; rank++)
        {
            int session = 1 + rank % 4;
            ulong h = Mix(options.Seed ^ 0xA0761D6478BD642FUL ^ (ulong)(uint)rank * 0xE7037ED1A0B428DBUL);
            var u = new double[10];
            for (int i = 0; i < 10; i++)
            {
                h = Mix(h + 0x9E3779B97F4A7C15UL);
                u[i] = (h >> 40) / (double)(1 << 24);
            }
            double zSize = (u[0] + u[1] + u[2] - 1.5) * 2, zOpacity = (u[3] + u[4] + u[5] - 1.5) * 2;
            double radius = 0.5 * core * Px * Math.Exp(options.SizeJitter * zSize) * (session == 3 ? 0.85 : 1) * (1 + 0.25 * scar);
            double healedSigma = Soft((0.035 + 0.04 * scar) * Px), sigma = Soft((0.035 + 0.04 * scar + 0.03 * fade) * Px);
            double strength = Math.Clamp(new[] { 0.70, 1.0, 0.85, 0.9 }[session - 1] * Math.Clamp(1 + options.OpacityJitter * zOpacity, 0.3, 1.3)
                * (1 - 0.35 * scar), 0, 1);
            double tilt = 0.3 / Math.Max(radius + healedSigma, 0.5);
            DotAppearance a = model.Appearance(rank, session, scar, Px);
            Assert.Equal(radius, a.Radius, radius * 1e-6);
            Assert.Equal(1 + 0.25 * u[6], a.Aspect, 1e-6);
            Assert.Equal(Math.Cos(Math.PI * u[7]), a.Cos, 1e-6);
            Assert.Equal(Math.Sin(Math.PI * u[7]), a.Sin, 1e-6);
            Assert.Equal(sigma, a.Sigma, sigma * 1e-6);
            Assert.Equal(strength * (1 - fade), a.Strength, 1e-6);
            Assert.Equal(tilt * (u[8] - 0.5), a.TiltX, 1e-6);
            Assert.Equal(tilt * (u[9] - 0.5), a.TiltY, 1e-6);
            Assert.Equal(fade > 0 ? healedSigma : 0, a.CapSigma, 1e-5);
            Assert.Equal(fade > 0 ? strength : 0, a.CapStrength, 1e-6);
        }

        double Soft(double blurPx) => Math.Sqrt(blurPx * blurPx + camera * camera);

        static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(50.5)]
    public void PhotoBlur_OutOfRange_IsRefused(double photoBlurPx)
    {
        SkinTone skin = SkinTone.FromRgb(MonkSkinTone.Swatch(4));
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new PigmentModel(new PigmentOptions(), skin, photoBlurPx: photoBlurPx));
        Assert.Equal("photoBlurPx", ex.ParamName);
    }

    [Fact]
    public void PhotoBlur_UpToAntiAliasing_ChangesNoDot()
    {
        // A sharp photo (blur under the 0.6 px every dot has anyway) gives every dot exactly its appearance without blur.
        SkinTone skin = SkinTone.FromRgb(MonkSkinTone.Swatch(5));
        var sharp = new PigmentModel(new PigmentOptions(seed: 9), skin);
        var slightly = new PigmentModel(new PigmentOptions(seed: 9), skin, photoBlurPx: 0.59);
        var soft = new PigmentModel(new PigmentOptions(seed: 9), skin, photoBlurPx: 0.9);
        for (int rank = 0; rank < 200; rank++)
        {
            Assert.Equal(sharp.Appearance(rank, 1 + rank % 3, 0, 12), slightly.Appearance(rank, 1 + rank % 3, 0, 12));
            DotAppearance a = sharp.Appearance(rank, 1 + rank % 3, 0, 12), b = soft.Appearance(rank, 1 + rank % 3, 0, 12);
            Assert.True(b.Sigma > a.Sigma);
            Assert.Equal(a.Radius, b.Radius);
            Assert.Equal(a.Strength, b.Strength);
        }
    }

    [Fact]
    public void Appearance_Sizes_FollowNeedleWithJitter()
    {
        SkinTone skin = SkinTone.FromRgb(MonkSkinTone.Swatch(4));
        var model = new PigmentModel(new PigmentOptions(needleDiameterMm: 0.25), skin);
        const double PxPerMm = 20;
        var radii = Enumerable.Range(0, 4000).Select(r => (double)model.Appearance(r, 2, 0, PxPerMm).Radius).ToArray();
        double mean = radii.Average();
        double sd = Math.Sqrt(radii.Select(r => (r - mean) * (r - mean)).Average());
        Assert.InRange(mean * 2 / PxPerMm, 0.9 * 0.25 * 0.97, 0.9 * 0.25 * 1.05);
        Assert.InRange(sd / mean, 0.08, 0.16);
    }

    [Fact]
    public void Appearance_OnScar_LighterSofterLarger()
    {
        SkinTone skin = SkinTone.FromRgb(MonkSkinTone.Swatch(4));
        var model = new PigmentModel(new PigmentOptions(), skin);
        for (int rank = 0; rank < 50; rank++)
        {
            DotAppearance healthy = model.Appearance(rank, 2, 0, 10), scar = model.Appearance(rank, 2, 1, 10);
            Assert.True(scar.Strength < healthy.Strength);
            Assert.True(scar.Sigma > healthy.Sigma);
            Assert.True(scar.Radius > healthy.Radius);
        }
    }

    [Fact]
    public void Appearance_Sessions_FirstLightestSecondDarkest()
    {
        SkinTone skin = SkinTone.FromRgb(MonkSkinTone.Swatch(4));
        var model = new PigmentModel(new PigmentOptions(), skin);
        double s1 = Enumerable.Range(0, 500).Average(r => model.Appearance(r, 1, 0, 10).Strength);
        double s2 = Enumerable.Range(0, 500).Average(r => model.Appearance(r, 2, 0, 10).Strength);
        double s3 = Enumerable.Range(0, 500).Average(r => model.Appearance(r, 3, 0, 10).Strength);
        Assert.True(s1 < s3 && s3 < s2, $"{s1:0.00} {s2:0.00} {s3:0.00}");
    }

    [Fact]
    public void Options_OutOfRange_Throw()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PigmentShade.Preset(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PigmentShade.Preset(6));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PigmentOptions(needleDiameterMm: 0.05));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PigmentOptions(needleDiameterMm: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PigmentOptions() with { NeedleDiameterMm = 2 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new FadingOptions(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new FadingOptions(1, (SunExposure)9));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PigmentOptions(look: (PigmentLook)5));
    }
}
