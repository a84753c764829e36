using SmpRender.Color;

namespace SmpRender.Tests.Color;

public class ColorSpaceTests
{
    [Fact]
    public void Srgb_EveryCode_RoundTripsThroughLinearTables()
    {
        for (int c = 0; c < 256; c++)
        {
            Assert.Equal((byte)c, Srgb.ToByte(Srgb.ToLinear((byte)c)));
            Assert.Equal((byte)c, Srgb.ToByteExact(Srgb.ToLinear((byte)c)));
        }
    }

    [Fact]
    public void Srgb_DecodeTable_MatchesTransferFunction()
    {
        Assert.Equal(0.0, Srgb.ToLinear((byte)0));
        Assert.Equal(1.0, Srgb.ToLinear((byte)255), 6);
        Assert.Equal(0.21586, Srgb.ToLinear((byte)128), 5);
        Assert.Equal(10 / 255.0 / 12.92, Srgb.ToLinear((byte)10), 6);
    }

    [Theory]
    [InlineData(255, 255, 255, 100.0, 0.0, 0.0)]
    [InlineData(0, 0, 0, 0.0, 0.0, 0.0)]
    [InlineData(255, 0, 0, 53.24, 80.09, 67.20)]
    [InlineData(0, 255, 0, 87.73, -86.18, 83.18)]
    [InlineData(0, 0, 255, 32.30, 79.19, -107.86)]
    [InlineData(128, 128, 128, 53.59, 0.0, 0.0)]
    public void ToLab_ReferenceColours_MatchPublishedValues(byte r, byte g, byte b, double l, double a, double bb)
    {
        Lab lab = new Rgb8(r, g, b).ToLab();
        Assert.Equal(l, lab.L, 1);
        Assert.Equal(a, lab.A, 1);
        Assert.Equal(bb, lab.B, 1);
    }

    [Fact]
    public void LabToRgb_EveryMonkSwatch_RoundTrips()
    {
        for (int level = 1; level <= MonkSkinTone.Levels; level++)
        {
            Rgb8 swatch = MonkSkinTone.Swatch(level);
            Assert.Equal(swatch, swatch.ToLab().ToRgb8());
        }
    }

    [Fact]
    public void FromHex_BadText_Throws()
    {
        Assert.Equal(new Rgb8(0xf6, 0xed, 0xe4), Rgb8.FromHex("#f6ede4"));
        Assert.Throws<FormatException>(() => Rgb8.FromHex("#f6ed"));
        Assert.Throws<FormatException>(() => Rgb8.FromHex("zzzzzz"));
    }
}
