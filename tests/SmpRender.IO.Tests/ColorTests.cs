using SmpRender.IO.Codecs;
using SmpRender.IO.Native;
using SmpRender.IO.Tests.Fixtures;

namespace SmpRender.IO.Tests;

public sealed unsafe class ColorTests
{
    // Display P3 colours inside the sRGB gamut: an orange, a sky blue, a skin tone, a mid grey.
    private static readonly (byte R, byte G, byte B)[] P3Colours = [(200, 100, 50), (90, 160, 200), (224, 180, 150), (128, 128, 128)];

    private static Photo P3Strip()
    {
        Photo photo = Photo.Create(8 * P3Colours.Length, 8);
        for (int y = 0; y < 8; y++)
        {
            for (int x = 0; x < photo.Width; x++)
            {
                var c = P3Colours[x / 8];
                Span<byte> px = photo.Row(y).Slice(x * 4, 4);
                px[0] = c.R;
                px[1] = c.G;
                px[2] = c.B;
                px[3] = 255;
            }
        }
        return photo;
    }

    [Fact]
    public void Png_DisplayP3Profile_IsConvertedToSrgbWithinOneLevel()
    {
        using Photo p3 = P3Strip();
        byte[] png = Bytes.RemovePngChunks(PhotoCodec.Encode(p3, PhotoFormat.Png), "sRGB");
        byte[] tagged = Bytes.InsertPngChunksAfterHeader(png, Bytes.IccpChunk(Profiles.DisplayP3()));
        using Photo photo = PhotoCodec.Decode(tagged, "p3.png");
        Assert.Equal("Display P3 (SmpRender test)", photo.Info.IccProfileDescription);
        AssertConverted(photo, tolerance: 1.0);
    }

    [Fact]
    public void WebP_DisplayP3Profile_IsConvertedToSrgbWithinOneLevel()
    {
        using Photo p3 = P3Strip();
        byte[] simple = PhotoCodec.Encode(p3, PhotoFormat.WebP, new EncodeOptions(Lossless: true));
        byte[] tagged = OrientationTests.WebPWithExif(simple, Bytes.ExifTiff(1, true), p3.Width, p3.Height, Profiles.DisplayP3());
        using Photo photo = PhotoCodec.Decode(tagged, "p3.webp");
        Assert.Equal("Display P3 (SmpRender test)", photo.Info.IccProfileDescription);
        AssertConverted(photo, tolerance: 1.0);
    }

    [Fact]
    public void Jpeg_DisplayP3ProfileInApp2_IsConvertedToSrgb()
    {
        using Photo p3 = P3Strip();
        byte[] jpeg = StripApp2(PhotoCodec.Encode(p3, PhotoFormat.Jpeg, new EncodeOptions(100, ChromaSubsampling.Yuv444)));
        using var segment = new MemoryStream();
        JpegCodec.WriteIccSegment(segment, Profiles.DisplayP3());
        using Photo photo = PhotoCodec.Decode(Bytes.InsertAfterSoi(jpeg, segment.ToArray()), "p3.jpg");
        Assert.Equal("Display P3 (SmpRender test)", photo.Info.IccProfileDescription);
        // The P3 values the JPEG holds (lossy) are those of the same file decoded without the profile.
        using Photo untagged = PhotoCodec.Decode(jpeg, "p3-untagged.jpg");
        AssertConverted(photo, tolerance: 1.0, untagged);
    }

    [Fact]
    public void Jpeg_IccProfileSplitOverSeveralApp2Chunks_IsReassembled()
    {
        byte[] icc = Profiles.DisplayP3();
        using Photo p3 = P3Strip();
        byte[] jpeg = StripApp2(PhotoCodec.Encode(p3, PhotoFormat.Jpeg, new EncodeOptions(100, ChromaSubsampling.Yuv444)));
        // Two chunks, written in reverse order: the sequence numbers decide.
        int half = icc.Length / 2;
        byte[] first = Bytes.JpegSegment(0xE2, [.. "ICC_PROFILE\0"u8, 1, 2, .. icc.AsSpan(0, half)]);
        byte[] second = Bytes.JpegSegment(0xE2, [.. "ICC_PROFILE\0"u8, 2, 2, .. icc.AsSpan(half)]);
        using Photo photo = PhotoCodec.Decode(Bytes.InsertAfterSoi(jpeg, second, first), "p3.jpg");
        Assert.Equal("Display P3 (SmpRender test)", photo.Info.IccProfileDescription);
        using Photo untagged = PhotoCodec.Decode(jpeg, "p3-untagged.jpg");
        AssertConverted(photo, tolerance: 1.0, untagged);
    }

    [Fact]
    public void Jpeg_IccProfileWithAChunkMissing_IsIgnored()
    {
        byte[] icc = Profiles.DisplayP3();
        using Photo p3 = P3Strip();
        byte[] jpeg = StripApp2(PhotoCodec.Encode(p3, PhotoFormat.Jpeg, new EncodeOptions(100, ChromaSubsampling.Yuv444)));
        // Chunk 1 of 3 twice (the first copy counts), chunk 3 of 3, no chunk 2: no profile, the pixels are read as sRGB.
        int third = icc.Length / 3;
        byte[] first = Bytes.JpegSegment(0xE2, [.. "ICC_PROFILE\0"u8, 1, 3, .. icc.AsSpan(0, third)]);
        byte[] last = Bytes.JpegSegment(0xE2, [.. "ICC_PROFILE\0"u8, 3, 3, .. icc.AsSpan(2 * third)]);
        using Photo photo = PhotoCodec.Decode(Bytes.InsertAfterSoi(jpeg, first, first, last), "p3.jpg");
        Assert.Null(photo.Info.IccProfileDescription);
        using Photo untagged = PhotoCodec.Decode(jpeg, "p3-untagged.jpg");
        Assert.Equal(untagged.Pixels.ToArray(), photo.Pixels.ToArray());
    }

    [Fact]
    public void Jpeg_Output_CarriesTheSrgbProfileInApp2()
    {
        using Photo photo = Images.Gradient(16, 16);
        byte[] jpeg = PhotoCodec.Encode(photo, PhotoFormat.Jpeg);
        List<byte> markers = Bytes.JpegMarkers(jpeg);
        Assert.Equal(0xE0, markers[0]);
        Assert.Equal(0xE2, markers[1]);
        using Photo back = PhotoCodec.Decode(jpeg, "out.jpg");
        Assert.Equal("sRGB built-in", back.Info.IccProfileDescription);
    }

    [Fact]
    public void SrgbProfile_CreationDate_IsFixedSoOutputsAreReproducible()
    {
        // Little CMS stamps a profile with the current time; outputs of two runs must not differ by it.
        byte[] profile = SmpRender.IO.Color.ColorManagement.SrgbProfileBytes;
        Assert.Equal(new byte[12], profile.AsSpan(24, 12).ToArray());
        Assert.Equal("acsp", System.Text.Encoding.ASCII.GetString(profile, 36, 4));
        using Photo photo = Images.Gradient(16, 16);
        using Photo back = PhotoCodec.Decode(PhotoCodec.Encode(photo, PhotoFormat.Jpeg), "out.jpg");
        Assert.Equal("sRGB built-in", back.Info.IccProfileDescription);
    }

    [Fact]
    public void Png_Output_IsTaggedSrgb()
    {
        using Photo photo = Images.Gradient(16, 16);
        List<string> chunks = Bytes.PngChunkTypes(PhotoCodec.Encode(photo, PhotoFormat.Png));
        Assert.True(chunks.Contains("sRGB") || chunks.Contains("iCCP"), string.Join(",", chunks));
    }

    [Fact]
    public void Jpeg_AdobeInvertedCmyk_IsConvertedToRgb()
    {
        // Stored the Adobe way: 255 = no ink. TurboJPEG writes CMYK input as YCCK with an Adobe APP14 segment.
        (byte C, byte M, byte Y, byte K)[] patches = [(255, 0, 0, 255), (200, 150, 100, 200), (255, 255, 255, 255), (255, 255, 255, 0)];
        const int Size = 16;
        int width = Size * patches.Length;
        byte[] cmyk = new byte[width * Size * 4];
        for (int y = 0; y < Size; y++)
        {
            for (int x = 0; x < width; x++)
            {
                var p = patches[x / Size];
                int i = ((y * width) + x) * 4;
                (cmyk[i], cmyk[i + 1], cmyk[i + 2], cmyk[i + 3]) = (p.C, p.M, p.Y, p.K);
            }
        }
        byte[] jpeg = CompressCmyk(cmyk, width, Size);
        using Photo photo = PhotoCodec.Decode(jpeg, "cmyk.jpg");
        Assert.Equal((width, Size), (photo.Width, photo.Height));
        for (int n = 0; n < patches.Length; n++)
        {
            var p = patches[n];
            (int r, int g, int b) expected = (p.C * p.K / 255, p.M * p.K / 255, p.Y * p.K / 255);
            var got = Images.At(photo, (n * Size) + (Size / 2), Size / 2);
            Assert.True(Math.Abs(got.R - expected.r) <= 3 && Math.Abs(got.G - expected.g) <= 3 && Math.Abs(got.B - expected.b) <= 3,
                $"patch {n}: expected {expected}, got ({got.R},{got.G},{got.B})");
            Assert.Equal(255, got.A);
        }
    }

    [Fact]
    public void CmykToRgba_NotInverted_TreatsZeroAsNoInk()
    {
        byte[] rgba = new byte[8];
        JpegCodec.CmykToRgba([0, 255, 255, 0, 0, 0, 0, 255], rgba, inverted: false);
        Assert.Equal(new byte[] { 255, 0, 0, 255, 0, 0, 0, 255 }, rgba);
    }

    private static void AssertConverted(Photo photo, double tolerance, Photo? storedP3 = null)
    {
        for (int n = 0; n < P3Colours.Length; n++)
        {
            var c = P3Colours[n];
            if (storedP3 is not null)
            {
                var s = Images.At(storedP3, (n * 8) + 4, 4);
                c = (s.R, s.G, s.B);
            }
            var expected = Profiles.P3ToSrgb(c.R, c.G, c.B);
            var got = Images.At(photo, (n * 8) + 4, 4);
            Assert.True(
                Math.Abs(got.R - expected.R) <= tolerance && Math.Abs(got.G - expected.G) <= tolerance && Math.Abs(got.B - expected.B) <= tolerance,
                $"P3 {c} expected sRGB ({expected.R:F2}, {expected.G:F2}, {expected.B:F2}), got ({got.R}, {got.G}, {got.B})");
        }
        // The conversion really moved the colours (P3 orange is not the same numbers in sRGB).
        Assert.NotEqual(200, Images.At(photo, 4, 4).R);
    }

    private static byte[] StripApp2(byte[] jpeg)
    {
        using var output = new MemoryStream();
        output.Write(jpeg, 0, 2);
        int pos = 2;
        while (true)
        {
            byte marker = jpeg[pos + 1];
            int length = (jpeg[pos + 2] << 8) | jpeg[pos + 3];
            if (marker == 0xDA)
            {
                output.Write(jpeg, pos, jpeg.Length - pos);
                return output.ToArray();
            }
            if (marker != 0xE2)
            {
                output.Write(jpeg, pos, 2 + length);
            }
            pos += 2 + length;
        }
    }

    private static byte[] CompressCmyk(byte[] cmyk, int width, int height)
    {
        NativeLibraries.Require(NativeLibraries.TurboJpeg, "test", "JPEG");
        nint handle = TurboJpeg.InitCompress();
        nint buffer = 0;
        try
        {
            var size = new System.Runtime.InteropServices.CULong(0);
            fixed (byte* src = cmyk)
            {
                Assert.Equal(0, TurboJpeg.Compress2(handle, src, width, width * 4, height, TurboJpeg.PixelFormatCmyk, ref buffer, ref size, TurboJpeg.Subsampling444, 100, 0));
            }
            return new ReadOnlySpan<byte>((void*)buffer, (int)size.Value).ToArray();
        }
        finally
        {
            TurboJpeg.Free(buffer);
            TurboJpeg.Destroy(handle);
        }
    }
}
