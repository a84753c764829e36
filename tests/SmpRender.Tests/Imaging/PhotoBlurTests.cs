using SmpRender.Color;
using SmpRender.Imaging;
using SmpRender.Imaging.Synthetic;
using SmpRender.Sampling;

namespace SmpRender.Tests.Imaging;

public class PhotoBlurTests
{
    [Theory]
    [InlineData(0.9)]
    [InlineData(1.4)]
    [InlineData(2.2)]
    public void Measure_GaussianSpots_ReadsTheirSize(double sigma)
    {
        // Dark Gaussian spots of a known σ on grey skin with sensor noise: their size is what the smallest spots of a
        // soft photo measure.
        using Photo photo = Spots(640, 480, sigma, background: 0.2, seed: 5);
        (double measured, int spots) = PhotoBlur.Measure(photo, new PixelBox(0, 0, 640, 480));
        Assert.True(spots >= PhotoBlur.MinSpots, $"{spots} spots");
        Assert.InRange(measured, sigma - 0.15, sigma + 0.15);
    }

    [Fact]
    public void Measure_SpotsOnClippedHighlight_AreLeftOut()
    {
        // The same spots on a blown white: their edges are clipped, their size unknown. Only where spots overlap enough
        // to darken a whole neighbourhood is one measured.
        using Photo grey = Spots(640, 480, 1.4, background: 0.2, seed: 5);
        using Photo white = Spots(640, 480, 1.4, background: 1.0, seed: 5);
        int onGrey = PhotoBlur.Measure(grey, new PixelBox(0, 0, 640, 480)).Spots;
        (double sigma, int onWhite) = PhotoBlur.Measure(white, new PixelBox(0, 0, 640, 480));
        Assert.Equal(0, sigma);
        Assert.True(onWhite <= onGrey / 20, $"{onWhite} spots measured on white, {onGrey} on grey");
    }

    [Fact]
    public void Measure_NothingToMeasure_IsZero()
    {
        using Photo flat = Photo.Filled(300, 200, 180, 140, 120);
        Assert.Equal((0.0, 0), PhotoBlur.Measure(flat, new PixelBox(0, 0, 300, 200)));
        Assert.Equal(0, PhotoBlur.Estimate(flat));
        // Read says so: 0 for want of spots is not a sharp photo.
        Assert.Equal(new BlurReading(0, 0), PhotoBlur.Read(flat));
        Assert.False(PhotoBlur.Read(flat).Measured);
        using Photo spots = Spots(320, 240, 1.4, background: 0.2, seed: 5);
        Assert.Equal((0.0, 0), PhotoBlur.Measure(spots, new PixelBox(10, 10, 70, 200)));
    }

    public static TheoryData<int> Skins => new() { 2, 5, 8 };

    [Theory]
    [MemberData(nameof(Skins))]
    public void Estimate_GeneratedScalp_FollowsTheBlur(int monk)
    {
        // A generated scalp (pores of σ 0.55 px at 9 px/mm, stubble, sparse hair, noise), sharp and then blurred in
        // linear light: its smallest spots measure √(0.55² + σ²) within 0.3 px, and the estimate takes the pores' own
        // size out.
        using SyntheticScalp scalp = ScalpPhotoGenerator.Generate(ScalpPhotoOptions.ForMonk(monk, 3) with
        {
            Width = 1600, Height = 1200, HairDensity = 0.5, Noise = 4,
        });
        DensityMap zones = scalp.ZoneMap(TestScalps.Top);
        PixelBox box = zones.NonZeroBounds;
        Assert.InRange(PhotoBlur.Estimate(scalp.Photo, zones), 0, 0.6);
        double previous = 0;
        foreach (double sigma in new[] { 1.0, 1.5, 2.0 })
        {
            using Photo blurred = GaussianBlur(scalp.Photo, sigma);
            (double measured, int spots) = PhotoBlur.Measure(blurred, box);
            Assert.True(spots >= 2 * PhotoBlur.MinSpots, $"σ {sigma}: {spots} spots");
            Assert.InRange(measured, Math.Sqrt(0.55 * 0.55 + sigma * sigma) - 0.3, Math.Sqrt(0.55 * 0.55 + sigma * sigma) + 0.3);
            Assert.True(measured > previous, $"σ {sigma}: {measured:0.00} not above {previous:0.00}");
            previous = measured;
            double own = PhotoBlur.SmallestSpotMm * zones.PxPerMm;
            Assert.Equal(Math.Sqrt(measured * measured - own * own), PhotoBlur.Estimate(blurred, zones), 1e-9);
            Assert.Equal(new BlurReading(PhotoBlur.Estimate(blurred, zones), spots), PhotoBlur.Read(blurred, zones));
            Assert.True(PhotoBlur.Read(blurred, zones).Measured);
        }
        // Softer still, the pores fade into the skin and the estimate falls behind, but the photo still reads soft.
        foreach (double sigma in new[] { 2.5, 3.0 })
        {
            using Photo blurred = GaussianBlur(scalp.Photo, sigma);
            Assert.InRange(PhotoBlur.Estimate(blurred, zones), 1.8, sigma + 0.3);
        }
    }

    [Fact]
    public void Measure_PatchesSpreadOverTheWholeRegion()
    {
        // Spots only in the right-hand eighth of a tall region: the patches reach them (a grid over the region, not a run
        // of patches down its first columns).
        using Photo photo = Photo.Filled(2048, 2048, 150, 110, 95);
        using Photo spots = Spots(256, 2048, 1.4, background: 0.2, seed: 9);
        for (int y = 0; y < 2048; y++)
        {
            spots.Row(y).CopyTo(photo.Row(y).Slice(4 * 1792, 4 * 256));
        }
        (double sigma, int found) = PhotoBlur.Measure(photo, new PixelBox(0, 0, 2048, 2048));
        Assert.True(found >= PhotoBlur.MinSpots, $"{found} spots");
        Assert.InRange(sigma, 1.25, 1.55);
    }

    /// <summary>Dark Gaussian spots of one σ scattered over a flat background (linear luminance), with noise of 1.5 codes.</summary>
    private static Photo Spots(int width, int height, double sigma, double background, ulong seed)
    {
        var rng = new Random((int)seed);
        var light = new double[width * height];
        Array.Fill(light, background);
        for (int k = 0; k < width * height / 400; k++)
        {
            double cx = rng.NextDouble() * width, cy = rng.NextDouble() * height, depth = 0.3 + 0.4 * rng.NextDouble();
            int r = (int)Math.Ceiling(4 * sigma);
            for (int y = Math.Max(0, (int)cy - r); y <= Math.Min(height - 1, (int)cy + r); y++)
            {
                for (int x = Math.Max(0, (int)cx - r); x <= Math.Min(width - 1, (int)cx + r); x++)
                {
                    double dx = x + 0.5 - cx, dy = y + 0.5 - cy;
                    light[y * width + x] *= 1 - depth * Math.Exp(-0.5 * (dx * dx + dy * dy) / (sigma * sigma));
                }
            }
        }
        Photo photo = Photo.Create(width, height);
        Span<byte> px = photo.Pixels;
        for (int i = 0; i < light.Length; i++)
        {
            double noise = (rng.NextDouble() + rng.NextDouble() + rng.NextDouble() - 1.5) * 1.5 * 2;
            byte v = (byte)Math.Clamp(Math.Round(Srgb.FromLinear(Math.Clamp(light[i], 0, 1)) * 255 + (background >= 1 ? 0 : noise)), 0, 255);
            px[4 * i] = px[4 * i + 1] = px[4 * i + 2] = v;
            px[4 * i + 3] = 255;
        }
        return photo;
    }

    /// <summary>The photo blurred by a Gaussian of σ px in linear light, as a lens would (edges repeated).</summary>
    internal static Photo GaussianBlur(Photo photo, double sigma)
    {
        int r = (int)Math.Ceiling(3.5 * sigma), w = photo.Width, h = photo.Height;
        var k = new double[2 * r + 1];
        double sum = 0;
        for (int i = -r; i <= r; i++)
        {
            sum += k[i + r] = Math.Exp(-0.5 * i * i / (sigma * sigma));
        }
        for (int i = 0; i < k.Length; i++)
        {
            k[i] /= sum;
        }
        var linear = new float[w * h * 3];
        var across = new float[w * h * 3];
        ReadOnlySpan<byte> src = photo.Pixels;
        for (int i = 0; i < w * h; i++)
        {
            for (int c = 0; c < 3; c++)
            {
                linear[3 * i + c] = Srgb.ToLinear(src[4 * i + c]);
            }
        }
        Parallel.For(0, h, y =>
        {
            for (int x = 0; x < w; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    double s = 0;
                    for (int t = -r; t <= r; t++)
                    {
                        s += k[t + r] * linear[3 * (y * w + Math.Clamp(x + t, 0, w - 1)) + c];
                    }
                    across[3 * (y * w + x) + c] = (float)s;
                }
            }
        });
        Photo blurred = Photo.Create(w, h);
        byte[] output = new byte[w * h * 4];
        Parallel.For(0, h, y =>
        {
            for (int x = 0; x < w; x++)
            {
                for (int c = 0; c < 3; c++)
                {
                    double s = 0;
                    for (int t = -r; t <= r; t++)
                    {
                        s += k[t + r] * across[3 * (Math.Clamp(y + t, 0, h - 1) * w + x) + c];
                    }
                    output[4 * (y * w + x) + c] = Srgb.ToByteExact(s);
                }
                output[4 * (y * w + x) + 3] = 255;
            }
        });
        output.CopyTo(blurred.Pixels);
        return blurred;
    }
}
