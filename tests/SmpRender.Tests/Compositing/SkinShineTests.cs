using SmpRender.Color;
using SmpRender.Compositing;
using SmpRender.Imaging;
using SmpRender.Imaging.Synthetic;
using SmpRender.Pigment;
using SmpRender.Sampling;

namespace SmpRender.Tests.Compositing;

public class SkinShineTests
{
    private static readonly Rgb8 SkinColour = MonkSkinTone.Swatch(6);

    private static LinearRgb Skin => SkinColour.ToLinear();

    /// <summary>The shine of a photo for dots anywhere on it.</summary>
    private static SkinShine Whole(Photo photo, Rgb8? skin = null, ParallelOptions? parallel = null) =>
        new(photo, (skin ?? SkinColour).ToLinear(), (0, 0, photo.Width, photo.Height), parallel);

    /// <summary>A photo of one colour given in linear light: a·skin + shine.</summary>
    private static Photo Lit(int width, int height, double shade, double shine)
    {
        LinearRgb s = Skin;
        return Photo.Filled(width, height, Srgb.ToByteExact(shade * s.R + shine), Srgb.ToByteExact(shade * s.G + shine),
            Srgb.ToByteExact(shade * s.B + shine));
    }

    public static TheoryData<int> MonkLevels => new() { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 };

    [Theory]
    [MemberData(nameof(MonkLevels))]
    public void DiffuseShare_WhiteHighlightOnEverySkin_IsAllShine_SkinInMoreLightIsNone(int monk)
    {
        // A blown white highlight is shine on every skin, the lightest included; the same skin in 40 % more light (or as
        // much as white allows) is skin.
        Rgb8 skin = MonkSkinTone.Swatch(monk);
        LinearRgb s = skin.ToLinear();
        double lit = Math.Min(1.4, 0.98 / Math.Max(s.R, Math.Max(s.G, s.B)));
        using Photo white = Photo.Filled(4, 4, 255, 255, 255);
        using Photo brighter = Photo.Filled(4, 4, Srgb.ToByteExact(lit * s.R), Srgb.ToByteExact(lit * s.G), Srgb.ToByteExact(lit * s.B));
        Assert.Equal(0f, Whole(white, skin).DiffuseShare(2, 2), 1e-6);
        Assert.InRange(Whole(brighter, skin).DiffuseShare(2, 2), 0.97f, 1f);
    }

    [Fact]
    public void Grid_OnOneThreadOrSeveral_SameShares()
    {
        using SyntheticScalp scalp = ScalpPhotoGenerator.Generate(ScalpPhotoOptions.ForMonk(3, 8) with { Width = 400, Height = 300, Shine = 2 });
        Rgb8 deep = MonkSkinTone.Swatch(8);
        SkinShine one = Whole(scalp.Photo, deep), several = Whole(scalp.Photo, deep, new ParallelOptions { MaxDegreeOfParallelism = 4 });
        int shining = 0;
        for (float y = 0.5f; y < 300; y += 3.7f)
        {
            for (float x = 0.5f; x < 400; x += 3.3f)
            {
                Assert.Equal(one.DiffuseShare(x, y), several.DiffuseShare(x, y));
                shining += one.DiffuseShare(x, y) < 1 ? 1 : 0;
            }
        }
        Assert.True(shining > 100, $"{shining} shining points");
    }

    [Fact]
    public void Grid_OnlyAroundTheDots_SameSharesThere()
    {
        // The grid read over the dots' box gives, inside it, the shares of the grid over the whole photo.
        using SyntheticScalp scalp = ScalpPhotoGenerator.Generate(ScalpPhotoOptions.ForMonk(3, 8) with { Width = 400, Height = 300, Shine = 2 });
        LinearRgb deep = MonkSkinTone.Swatch(8).ToLinear();
        var whole = new SkinShine(scalp.Photo, deep, (0, 0, 400, 300));
        var part = new SkinShine(scalp.Photo, deep, (101.3f, 57.9f, 250.2f, 190.4f));
        for (float y = 57.9f; y <= 190.4f; y += 2.9f)
        {
            for (float x = 101.3f; x <= 250.2f; x += 3.1f)
            {
                Assert.Equal(whole.DiffuseShare(x, y), part.DiffuseShare(x, y));
            }
        }
        Assert.Equal(1f, new SkinShine(scalp.Photo, deep, (1, 1, 0, 0)).DiffuseShare(200, 150));
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(1.8, 0.0)]
    [InlineData(0.4, 0.0)]
    [InlineData(1.0, 0.05)]
    public void DiffuseShare_SkinInLightOrShade_IsAllSkin(double shade, double shine)
    {
        // Skin in light or shade, paler skin and a faint sheen: nothing is taken for shine, so no dot changes.
        using Photo photo = Lit(4, 4, shade, shine);
        Assert.Equal(1f, Whole(photo).DiffuseShare(2, 2));
    }

    [Theory]
    [InlineData(0.6, 0.75)]
    [InlineData(0.3, 0.8)]
    [InlineData(0.7, 0.74)]
    public void DiffuseShare_Highlight_IsTheSkinsShareOfTheLight(double shade, double shine)
    {
        // Near white and far above the skin's luminance the fit counts whole: the share is the skin's part of the light.
        LinearRgb s = Skin;
        double skinY = 0.2126729 * s.R + 0.7151522 * s.G + 0.0721750 * s.B;
        double y = shade * skinY + shine;
        Assert.True(y >= skinY + SkinShine.Full * (1 - skinY), "a highlight");
        Assert.True(shade * Math.Min(s.R, Math.Min(s.G, s.B)) + shine >= SkinShine.WhiteFull, "near white");
        using Photo photo = Lit(4, 4, shade, shine);
        Assert.Equal(1 - shine / y, Whole(photo).DiffuseShare(2, 2), 0.02);
    }

    [Fact]
    public void DiffuseShare_AHighlightOnPartOfThePhoto_ChangesOnlyAroundIt()
    {
        // Skin on the left, the same skin under a strong shine on the right: the share is the highlight's within it,
        // exactly 1 more than a block (8 px) away from it, and goes between the two over the block at its edge.
        LinearRgb s = Skin;
        using Photo photo = Lit(96, 48, 1.0, 0);
        using Photo shiny = Lit(1, 1, 0.6, 0.75);
        ReadOnlySpan<byte> glare = shiny.Pixels[..4];
        for (int y = 0; y < 48; y++)
        {
            for (int x = 48; x < 96; x++)
            {
                glare.CopyTo(photo.Row(y).Slice(4 * x, 4));
            }
        }
        var shine = Whole(photo);
        double y0 = 0.2126729 * s.R + 0.7151522 * s.G + 0.0721750 * s.B;
        Assert.Equal(1f, shine.DiffuseShare(20, 24));
        Assert.Equal(1f, shine.DiffuseShare(36, 24));
        Assert.Equal(0.6 * y0 / (0.6 * y0 + 0.75), shine.DiffuseShare(70, 24), 0.02);
        Assert.InRange(shine.DiffuseShare(47.5f, 24), 0.6 * y0 / (0.6 * y0 + 0.75), 1);
    }

    [Fact]
    public void DiffuseShare_BrightlyLitSkinPaleAndGreyButNotNearWhite_IsAllSkin()
    {
        // A camera renders the lit side of a head paler and greyer than its skin (here read from a phone photo: skin
        // #83584e, its lit side #d6c2bc, far paler than the skin and less coloured): without a channel near white it
        // is skin, and the dots there keep all their contrast. The glare beside it, #e1e0e0, is mostly shine.
        Rgb8 skin = Rgb8.FromHex("#83584e");
        using Photo lit = Photo.Filled(4, 4, 0xd6, 0xc2, 0xbc);
        using Photo glare = Photo.Filled(4, 4, 0xe1, 0xe0, 0xe0);
        Assert.Equal(1f, Whole(lit, skin).DiffuseShare(2, 2));
        Assert.InRange(Whole(glare, skin).DiffuseShare(2, 2), 0f, 0.5f);
    }

    [Fact]
    public void DiffuseShare_WhiteAndGrey_AreNoSkin()
    {
        // White, and a grey half way from the skin to white: all shine, nothing for a dot to darken.
        LinearRgb s = Skin;
        double skinY = 0.2126729 * s.R + 0.7151522 * s.G + 0.0721750 * s.B;
        byte level = Srgb.ToByteExact(Math.Max(skinY + SkinShine.Full * (1 - skinY), SkinShine.WhiteFull) + 0.01);
        using Photo white = Photo.Filled(4, 4, 255, 255, 255);
        using Photo grey = Photo.Filled(4, 4, level, level, level);
        Assert.Equal(0f, Whole(white).DiffuseShare(2, 2), 1e-6);
        Assert.Equal(0f, Whole(grey).DiffuseShare(2, 2), 0.01);
    }

    [Fact]
    public void DiffuseShare_RisesSmoothlyIntoTheHighlight()
    {
        // Brighter and brighter shine over the same skin: the share falls steadily, from 1 with no step.
        float previous = 1f;
        for (int k = 0; k <= 40; k++)
        {
            using Photo photo = Lit(4, 4, 1.0, 0.02 * k);
            float share = Whole(photo).DiffuseShare(2, 2);
            Assert.True(share <= previous + 0.01f, $"shine {0.02 * k}: {share} after {previous}");
            Assert.True(previous - share < 0.12f, $"shine {0.02 * k}: a step from {previous} to {share}");
            previous = share;
        }
        Assert.True(previous < 0.3f);
    }

    [Fact]
    public void Apply_OnAHighlight_DotsDarkenOnlyTheSkinsShare()
    {
        // The same dots on skin and on that skin under a strong shine: in linear light they take the same amount away
        // (the skin's share), not an amount in proportion to the brighter pixel.
        // Under a near-white highlight that leaves the skin 60 % of its light, they take 60 % of what they take from the skin.
        var pigment = new PigmentModel(new PigmentOptions(PigmentShade.Preset(4)), SkinTone.FromRgb(SkinColour));
        double onSkin = Darkening(pigment, 1.0, 0);
        Assert.InRange(Darkening(pigment, 0.6, 0.75) / onSkin, 0.9 * 0.6, 1.1 * 0.6);
    }

    [Fact]
    public void Apply_OnAPaleScar_TakesNothingForShine()
    {
        // A hypopigmented scar is whiter skin, not shine: on a scar zone the dots darken all of the pale pixel, as much more
        // than on the skin as the scar is brighter. Off the scar, the same pale pixel is taken for shine.
        var pigment = new PigmentModel(new PigmentOptions(PigmentShade.Preset(4)), SkinTone.FromRgb(SkinColour));
        var scar = new DensityMap(200, 200, 12, new float[200 * 200], Enumerable.Repeat(1f, 200 * 200).ToArray());
        double onSkin = Darkening(pigment, 1.0, 0, scar), onPaleScar = Darkening(pigment, 0.6, 0.75, scar);
        LinearRgb s = Skin;
        double y = 0.2126729 * s.R + 0.7151522 * s.G + 0.0721750 * s.B, pale = (0.6 * y + 0.75) / y;
        Assert.InRange(onPaleScar / onSkin, 0.9 * pale, 1.1 * pale);
        Assert.InRange(Darkening(pigment, 0.6, 0.75) / Darkening(pigment, 1.0, 0), 0.9 * 0.6, 1.1 * 0.6);
    }

    /// <summary>What 64 dots take from a photo of skin in some light under a shine, in linear luminance summed over the pixels.</summary>
    private static double Darkening(PigmentModel pigment, double shade, double shine, DensityMap? map = null)
    {
        using Photo photo = Lit(200, 200, shade, shine);
        using Photo before = photo.Clone();
        var points = new List<(float, float)>();
        for (int j = 0; j < 8; j++)
        {
            for (int i = 0; i < 8; i++)
            {
                points.Add((12 + 24 * i + 0.37f * i, 12 + 24 * j + 0.23f * j));
            }
        }
        DotCompositor.Apply(photo, TestDots.At(12, 2, points.ToArray()), pigment, map);
        double total = 0;
        ReadOnlySpan<byte> a = before.Pixels, b = photo.Pixels;
        for (int i = 0; i < a.Length; i += 4)
        {
            total += Srgb.Luminance(a[i], a[i + 1], a[i + 2]) - Srgb.Luminance(b[i], b[i + 1], b[i + 2]);
        }
        return total;
    }
}
