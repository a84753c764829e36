using SmpRender.Imaging;

namespace SmpRender.Tests.Imaging;

public sealed class ResamplerTests
{
    [Theory]
    [InlineData(640, 480, 160, 120)]
    [InlineData(100, 80, 250, 200)]
    [InlineData(33, 17, 7, 5)]
    public void Resize_FlatColour_StaysExactlyThatColour(int w, int h, int tw, int th)
    {
        using Photo flat = Photo.Filled(w, h, 181, 140, 97);
        using Photo resized = Resampler.Resize(flat, tw, th);
        Assert.Equal((tw, th), (resized.Width, resized.Height));
        for (int i = 0; i < resized.Pixels.Length; i += 4)
        {
            Assert.Equal([181, 140, 97, 255], resized.Pixels.Slice(i, 4).ToArray().Select(b => (int)b));
        }
    }

    [Fact]
    public void Resize_HalvingAOnePixelCheckerboard_GivesTheLinearMeanGrey()
    {
        using Photo checker = Photo.Create(64, 64);
        for (int y = 0; y < 64; y++)
        {
            Span<byte> row = checker.Row(y);
            for (int x = 0; x < 64; x++)
            {
                byte v = (byte)(((x + y) & 1) == 0 ? 255 : 0);
                row[x * 4] = row[x * 4 + 1] = row[x * 4 + 2] = v;
                row[x * 4 + 3] = 255;
            }
        }
        using Photo half = Resampler.Resize(checker, 16, 16);

        // Mean of black and white in linear light is 0.5, which is sRGB code 188 (not 128).
        ReadOnlySpan<byte> centre = half.Row(8).Slice(8 * 4, 3);
        foreach (byte v in centre)
        {
            Assert.InRange(v, 185, 191);
        }
    }

    [Theory]
    [InlineData(4000, 3000, 1080, 1080, 1080, 810)]
    [InlineData(3000, 4000, 1080, 1080, 810, 1080)]
    [InlineData(100, 100, 50, 200, 50, 50)]
    public void FitWithin_KeepsAspect(int w, int h, int mw, int mh, int ew, int eh) =>
        Assert.Equal((ew, eh), Resampler.FitWithin(w, h, mw, mh));
}
