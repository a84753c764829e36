using SmpRender.IO.Tests.Fixtures;

namespace SmpRender.IO.Tests;

public sealed class RoundTripTests
{
    [Theory]
    [InlineData(ChromaSubsampling.Yuv420, 95, 2.5)]
    [InlineData(ChromaSubsampling.Yuv444, 95, 2.5)]
    public void Jpeg_RoundTrip_StaysWithinTolerance(ChromaSubsampling subsampling, int quality, double maxMean)
    {
        using Photo original = Images.Gradient(97, 61);
        byte[] jpeg = PhotoCodec.Encode(original, PhotoFormat.Jpeg, new EncodeOptions(quality, subsampling));
        Assert.Equal(PhotoFormat.Jpeg, PhotoCodec.DetectFormat(jpeg));
        using Photo decoded = PhotoCodec.Decode(jpeg, "rt.jpg");
        Assert.Equal((97, 61), (decoded.Width, decoded.Height));
        // Our JPEGs carry the built-in sRGB profile of Little CMS.
        Assert.Equal(new PhotoInfo(PhotoFormat.Jpeg, 8, false, 0, "sRGB built-in"), decoded.Info);
        // Lossy: mean error of a q95 encode of noisy gradients stays small; alpha comes back opaque.
        double mean = Images.MeanDifference(original, decoded);
        Assert.InRange(mean, 0.0, maxMean);
        Assert.True(decoded.Pixels.ToArray().Where((_, i) => i % 4 == 3).All(a => a == 255));
    }

    [Fact]
    public void Jpeg_Subsampling444_IsSharperThan420OnColourEdges()
    {
        using Photo quadrants = Images.Quadrants(64, 64);
        using Photo s420 = PhotoCodec.Decode(PhotoCodec.Encode(quadrants, PhotoFormat.Jpeg, new EncodeOptions(95, ChromaSubsampling.Yuv420)), "a.jpg");
        using Photo s444 = PhotoCodec.Decode(PhotoCodec.Encode(quadrants, PhotoFormat.Jpeg, new EncodeOptions(95, ChromaSubsampling.Yuv444)), "b.jpg");
        Assert.True(Images.MeanDifference(quadrants, s444) < Images.MeanDifference(quadrants, s420));
    }

    [Fact]
    public unsafe void Jpeg_Greyscale_IsReplicatedToRgb()
    {
        using Photo grey = Photo.Filled(16, 16, 77, 77, 77);
        byte[] jpeg = RawTurboJpeg(grey, subsampling: 3, flags: 0);
        using Photo photo = PhotoCodec.Decode(jpeg, "grey.jpg");
        var p = Images.At(photo, 8, 8);
        Assert.Equal(p.R, p.G);
        Assert.Equal(p.G, p.B);
        Assert.InRange((int)p.R, 76, 78);
    }

    [Fact]
    public void Jpeg_Progressive_Decodes()
    {
        using Photo original = Images.Gradient(64, 48);
        byte[] baseline = RawTurboJpeg(original, subsampling: 2, flags: 0);
        byte[] progressive = RawTurboJpeg(original, subsampling: 2, flags: 16384);
        Assert.Contains((byte)0xC2, Bytes.JpegMarkers(progressive));
        using Photo a = PhotoCodec.Decode(baseline, "b.jpg");
        using Photo b = PhotoCodec.Decode(progressive, "p.jpg");
        Assert.InRange(Images.MaxDifference(a, b), 0, 1);
    }

    private static unsafe byte[] RawTurboJpeg(Photo photo, int subsampling, int flags)
    {
        Native.NativeLibraries.Require(Native.NativeLibraries.TurboJpeg, "test", "JPEG");
        nint handle = Native.TurboJpeg.InitCompress();
        nint buffer = 0;
        try
        {
            var size = new System.Runtime.InteropServices.CULong(0);
            fixed (byte* src = photo.Pixels)
            {
                Assert.Equal(0, Native.TurboJpeg.Compress2(handle, src, photo.Width, photo.Stride, photo.Height, Native.TurboJpeg.PixelFormatRgba, ref buffer, ref size, subsampling, 95, flags));
            }
            return new ReadOnlySpan<byte>((void*)buffer, (int)size.Value).ToArray();
        }
        finally
        {
            Native.TurboJpeg.Free(buffer);
            Native.TurboJpeg.Destroy(handle);
        }
    }

    [Fact]
    public void Jpeg_Quality_ChangesSize()
    {
        using Photo original = Images.Gradient(128, 96);
        int small = PhotoCodec.Encode(original, PhotoFormat.Jpeg, new EncodeOptions(Quality: 30)).Length;
        int large = PhotoCodec.Encode(original, PhotoFormat.Jpeg, new EncodeOptions(Quality: 98)).Length;
        Assert.True(small < large, $"q30 {small} bytes, q98 {large} bytes");
    }

    [Fact]
    public void Jpeg_OfATransparentPhoto_ShowsItOnWhite()
    {
        // Pure red under alpha 0 on the left, half-transparent black in the middle, opaque blue on the right.
        using Photo photo = Photo.Create(48, 16);
        Span<byte> px = photo.Pixels;
        for (int y = 0; y < 16; y++)
        {
            for (int x = 0; x < 48; x++)
            {
                int i = (y * 48 + x) * 4;
                (byte r, byte g, byte b, byte a) = x < 16 ? ((byte)255, (byte)0, (byte)0, (byte)0) : x < 32 ? ((byte)0, (byte)0, (byte)0, (byte)128) : ((byte)0, (byte)0, (byte)255, (byte)255);
                (px[i], px[i + 1], px[i + 2], px[i + 3]) = (r, g, b, a);
            }
        }
        byte[] before = photo.Pixels.ToArray();
        using Photo decoded = PhotoCodec.Decode(PhotoCodec.Encode(photo, PhotoFormat.Jpeg, new EncodeOptions(Quality: 100, Subsampling: ChromaSubsampling.Yuv444)), "t.jpg");
        // Sampled away from the edges between the three blocks, where the JPEG blurs them into each other.
        AssertNear(decoded, 6, 8, (255, 255, 255));
        AssertNear(decoded, 24, 8, (127, 127, 127));
        AssertNear(decoded, 42, 8, (0, 0, 255));
        Assert.Equal(before, photo.Pixels.ToArray());
        // An opaque photo is encoded as it is, and a photo decoded from a file without alpha is not even looked at.
        using Photo opaque = Images.Gradient(20, 10);
        Assert.Null(PhotoCodec.FlattenedOnWhite(opaque));
        using Photo fromJpeg = Photo.Create(20, 10, new PhotoInfo(PhotoFormat.Jpeg, HasAlpha: false));
        Assert.Null(PhotoCodec.FlattenedOnWhite(fromJpeg));
        using Photo clear = Photo.Create(20, 10);
        Assert.NotNull(PhotoCodec.FlattenedOnWhite(clear));
    }

    private static void AssertNear(Photo photo, int x, int y, (int R, int G, int B) expected)
    {
        ReadOnlySpan<byte> row = photo.Row(y);
        (int r, int g, int b) = (row[x * 4], row[x * 4 + 1], row[x * 4 + 2]);
        Assert.True(Math.Abs(r - expected.R) <= 3 && Math.Abs(g - expected.G) <= 3 && Math.Abs(b - expected.B) <= 3,
            $"({r}, {g}, {b}) at {x},{y}, expected {expected}");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Png_RoundTrip_IsExact(bool alpha)
    {
        using Photo original = Images.Gradient(53, 41, alpha: alpha);
        byte[] png = PhotoCodec.Encode(original, PhotoFormat.Png);
        Assert.Equal(PhotoFormat.Png, PhotoCodec.DetectFormat(png));
        using Photo decoded = PhotoCodec.Decode(png, "rt.png");
        Assert.Equal(0, Images.MaxDifference(original, decoded));
        Assert.Equal(alpha, decoded.Info.HasAlpha);
        Assert.Equal(8, decoded.Info.BitDepth);
    }

    [Fact]
    public void PngFast_RoundTrip_IsExactAndLarger()
    {
        using Photo original = Images.Gradient(200, 150);
        byte[] normal = PhotoCodec.Encode(original, PhotoFormat.Png);
        byte[] fast = PhotoCodec.Encode(original, PhotoFormat.Png, new EncodeOptions(FastPng: true));
        using Photo decoded = PhotoCodec.Decode(fast, "fast.png");
        Assert.Equal(0, Images.MaxDifference(original, decoded));
        Assert.True(fast.Length > normal.Length, $"fast {fast.Length} B, normal {normal.Length} B");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void WebPLossless_RoundTrip_IsExact(bool alpha)
    {
        using Photo original = Images.Gradient(53, 41, alpha: alpha);
        byte[] webp = PhotoCodec.Encode(original, PhotoFormat.WebP, new EncodeOptions(Lossless: true));
        Assert.Equal(PhotoFormat.WebP, PhotoCodec.DetectFormat(webp));
        using Photo decoded = PhotoCodec.Decode(webp, "rt.webp");
        // Exact wherever a pixel is visible; libwebp is free to change the colour of fully transparent pixels.
        ReadOnlySpan<byte> a = original.Pixels;
        ReadOnlySpan<byte> b = decoded.Pixels;
        for (int i = 0; i < a.Length; i += 4)
        {
            Assert.Equal(a[i + 3], b[i + 3]);
            if (a[i + 3] != 0)
            {
                Assert.True(a.Slice(i, 3).SequenceEqual(b.Slice(i, 3)), $"pixel {i / 4}");
            }
        }
        Assert.Equal(alpha, decoded.Info.HasAlpha);
    }

    [Fact]
    public void WebPLossy_RoundTrip_StaysWithinTolerance()
    {
        using Photo original = Images.Gradient(96, 64);
        byte[] webp = PhotoCodec.Encode(original, PhotoFormat.WebP, new EncodeOptions(Quality: 95));
        using Photo decoded = PhotoCodec.Decode(webp, "rt.webp");
        Assert.InRange(Images.MeanDifference(original, decoded), 0.0, 3.0);
        Assert.False(decoded.Info.HasAlpha);
    }

    [Fact]
    public void Png16Bit_WithoutGamma_IsReadAsSrgbNotLinear()
    {
        // RGB 16-bit: pixel 0 = 0x8080 grey, pixel 1 = (0xFFFF, 0x0000, 0x4040).
        byte[] rows = [0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0xFF, 0xFF, 0x00, 0x00, 0x40, 0x40];
        byte[] png = Bytes.Png(2, 1, 16, 2, rows);
        using Photo photo = PhotoCodec.Decode(png, "16.png");
        Assert.Equal(16, photo.Info.BitDepth);
        // Read as linear, 0x8080 would come out as sRGB 188; as sRGB-encoded it is 128.
        Assert.Equal((128, 128, 128, 255), ToInts(Images.At(photo, 0, 0)));
        Assert.Equal((255, 0, 64, 255), ToInts(Images.At(photo, 1, 0)));
    }

    [Fact]
    public void Png16BitWithAlpha_KeepsAlpha()
    {
        byte[] rows = [0x20, 0x20, 0x40, 0x40, 0x60, 0x60, 0x80, 0x80];
        using Photo photo = PhotoCodec.Decode(Bytes.Png(1, 1, 16, 6, rows), "16a.png");
        Assert.True(photo.Info.HasAlpha);
        Assert.Equal(128, Images.At(photo, 0, 0).A);
    }

    [Fact]
    public void PngGrey_IsReplicatedToRgb()
    {
        using Photo photo = PhotoCodec.Decode(Bytes.Png(3, 1, 8, 0, [0, 100, 255]), "grey.png");
        Assert.Equal((0, 0, 0, 255), ToInts(Images.At(photo, 0, 0)));
        Assert.Equal((100, 100, 100, 255), ToInts(Images.At(photo, 1, 0)));
        Assert.Equal((255, 255, 255, 255), ToInts(Images.At(photo, 2, 0)));
        Assert.False(photo.Info.HasAlpha);
    }

    [Fact]
    public void PngGreyAlpha_KeepsAlpha()
    {
        using Photo photo = PhotoCodec.Decode(Bytes.Png(1, 1, 8, 4, [90, 33]), "ga.png");
        Assert.Equal((90, 90, 90, 33), ToInts(Images.At(photo, 0, 0)));
        Assert.True(photo.Info.HasAlpha);
    }

    [Fact]
    public void PngPalette_WithTransparency_IsExpanded()
    {
        byte[] plte = Bytes.PngChunk("PLTE", [255, 0, 0, 0, 255, 0, 10, 20, 30]);
        byte[] trns = Bytes.PngChunk("tRNS", [255, 128]);
        using Photo photo = PhotoCodec.Decode(Bytes.Png(3, 1, 8, 3, [0, 1, 2], plte, trns), "pal.png");
        Assert.Equal((255, 0, 0, 255), ToInts(Images.At(photo, 0, 0)));
        Assert.Equal((0, 255, 0, 128), ToInts(Images.At(photo, 1, 0)));
        Assert.Equal((10, 20, 30, 255), ToInts(Images.At(photo, 2, 0)));
        Assert.True(photo.Info.HasAlpha);
    }

    [Fact]
    public void PngPalette_WithoutTransparency_IsOpaque()
    {
        byte[] plte = Bytes.PngChunk("PLTE", [1, 2, 3, 200, 100, 50]);
        using Photo photo = PhotoCodec.Decode(Bytes.Png(2, 1, 8, 3, [1, 0], plte), "pal.png");
        Assert.Equal((200, 100, 50, 255), ToInts(Images.At(photo, 0, 0)));
        Assert.Equal((1, 2, 3, 255), ToInts(Images.At(photo, 1, 0)));
        Assert.False(photo.Info.HasAlpha);
    }

    [Fact]
    public void Write_ThenRead_EveryOutputFormat()
    {
        using var folder = new TempFolder();
        using Photo original = Images.Gradient(40, 30);
        foreach ((string name, PhotoFormat format, int maxDiff) in new[] { ("a.jpg", PhotoFormat.Jpeg, 40), ("b.JPEG", PhotoFormat.Jpeg, 40), ("c.png", PhotoFormat.Png, 0), ("d.webp", PhotoFormat.WebP, 60) })
        {
            string path = folder.File(name);
            PhotoCodec.Write(original, path);
            using DecodedPhoto read = PhotoCodec.ReadWithDetails(path);
            Assert.Equal(format, read.Photo.Info.Format);
            Assert.Equal(new FileInfo(path).Length, read.FileSize);
            Assert.True(read.DecodeTime > TimeSpan.Zero);
            Assert.InRange(Images.MaxDifference(original, read.Photo), 0, maxDiff);
        }
    }

    private static (int, int, int, int) ToInts((byte R, byte G, byte B, byte A) p) => (p.R, p.G, p.B, p.A);
}
