using System.Runtime.InteropServices;
using SmpRender.IO.Codecs;
using SmpRender.IO.Native;
using SmpRender.IO.Tests.Fixtures;

namespace SmpRender.IO.Tests;

/// <summary>
/// The banded JPEG encoder: bands joined with restart markers must decode to exactly the pixels of a
/// whole-image encode, for every subsampling and awkward size, whatever the thread count.
/// </summary>
public sealed unsafe class JpegBandTests
{
    private const int Gray = TurboJpeg.SubsamplingGray;

    [Theory]
    [InlineData(TurboJpeg.Subsampling420, 333, 250)]
    [InlineData(TurboJpeg.Subsampling422, 333, 250)]
    [InlineData(TurboJpeg.Subsampling444, 333, 250)]
    [InlineData(TurboJpeg.Subsampling440, 333, 250)]
    [InlineData(Gray, 333, 250)]
    [InlineData(TurboJpeg.Subsampling420, 320, 256)]
    [InlineData(TurboJpeg.Subsampling420, 17, 161)]
    [InlineData(TurboJpeg.Subsampling444, 9, 9)]
    [InlineData(TurboJpeg.Subsampling422, 31, 100)]
    [InlineData(Gray, 5, 77)]
    [InlineData(TurboJpeg.Subsampling420, 1, 40)]
    [InlineData(TurboJpeg.Subsampling440, 23, 47)]
    [InlineData(TurboJpeg.Subsampling411, 70, 30)]
    public void Encode_OneMcuRowPerBand_DecodesToTheWholeEncodesPixels(int subsampling, int width, int height)
    {
        using Photo photo = Images.Gradient(width, height, seed: width + height);
        JpegBands.Layout layout = JpegBands.Plan(width, height, subsampling, bandPixels: 1);
        Assert.Equal(layout.McuRows, layout.Bands);
        byte[] whole = Encode(photo, subsampling, bandPixels: long.MaxValue);
        byte[] banded = Encode(photo, subsampling, bandPixels: 1);

        Assert.Equal(Decode(whole, width, height), Decode(banded, width, height));
        Assert.Equal(layout.RestartInterval, RestartInterval(banded));
        Assert.Equal(Enumerable.Range(0, layout.Bands - 1).Select(i => (byte)(0xD0 + (i % 8))), RestartMarkers(banded));
    }

    [Theory]
    [InlineData(TurboJpeg.Subsampling420)]
    [InlineData(TurboJpeg.Subsampling444)]
    [InlineData(Gray)]
    public void Encode_TinyImage_IsOneBandWithoutRestartMarkers(int subsampling)
    {
        using Photo photo = Images.Gradient(3, 2);
        Assert.Equal(1, JpegBands.Plan(3, 2, subsampling, bandPixels: 1).Bands);
        byte[] jpeg = Encode(photo, subsampling, bandPixels: 1);
        Assert.DoesNotContain((byte)0xDD, Bytes.JpegMarkers(jpeg));
        Assert.Empty(RestartMarkers(jpeg));
        Assert.Equal(Decode(RawEncode(photo, subsampling), 3, 2), Decode(jpeg, 3, 2));
    }

    [Fact]
    public void Encode_OneBand_IsTheRawEncodeWithTheProfileAfterJfif()
    {
        using Photo photo = Images.Gradient(100, 70);
        byte[] raw = RawEncode(photo, TurboJpeg.Subsampling420);
        byte[] ours = Encode(photo, TurboJpeg.Subsampling420, bandPixels: long.MaxValue);
        int app0End = 4 + ((raw[4] << 8) | raw[5]);
        using var expected = new MemoryStream();
        expected.Write(raw, 0, app0End);
        JpegCodec.WriteIccSegment(expected, Color.ColorManagement.SrgbProfileBytes);
        expected.Write(raw, app0End, raw.Length - app0End);
        Assert.Equal(expected.ToArray(), ours);
    }

    [Fact]
    public void Plan_WideImage_KeepsTheRestartIntervalIn16Bits()
    {
        // 4:4:4 at 65500 px wide: 8188 MCUs per row, so at most 8 MCU rows per band.
        JpegBands.Layout wide = JpegBands.Plan(65500, 4000, TurboJpeg.Subsampling444, bandPixels: long.MaxValue);
        Assert.Equal(8, wide.RowsPerBand);
        Assert.InRange(wide.RestartInterval, 1, ushort.MaxValue);
        Assert.Equal(63, wide.Bands);
    }

    [Fact]
    public void Encode_IntervalLimitSplitsTheImage_StillExact()
    {
        // 4:4:4, 4000 px wide: 500 MCUs per row, at most 131 rows (65500 MCUs) per interval.
        using Photo photo = Images.Gradient(4000, 1100, seed: 3);
        JpegBands.Layout layout = JpegBands.Plan(4000, 1100, TurboJpeg.Subsampling444, bandPixels: long.MaxValue);
        Assert.Equal((131, 2), (layout.RowsPerBand, layout.Bands));
        byte[] banded = Encode(photo, TurboJpeg.Subsampling444, bandPixels: long.MaxValue);
        Assert.Equal(65500, RestartInterval(banded));
        Assert.Equal(Decode(RawEncode(photo, TurboJpeg.Subsampling444), 4000, 1100), Decode(banded, 4000, 1100));
    }

    [Fact]
    public void Encode_ThreadCount_DoesNotChangeTheBytes()
    {
        using Photo photo = Images.Gradient(640, 480, seed: 9);
        byte[] Run(int threads)
        {
            using Parallelism.Scope limit = Parallelism.Limit(threads);
            return Encode(photo, TurboJpeg.Subsampling420, bandPixels: 20_000);
        }

        byte[] one = Run(1);
        Assert.Equal(15, JpegBands.Plan(640, 480, TurboJpeg.Subsampling420, 20_000).Bands);
        Assert.Equal(one, Run(2));
        Assert.Equal(one, Run(4));
        Assert.Equal(one, Encode(photo, TurboJpeg.Subsampling420, bandPixels: 20_000));
    }

    [Fact]
    public void PhotoCodecEncode_LargePhoto_IsBandedExactAndTaggedSrgb()
    {
        // 2048 x 1024 = 2 MP: two default bands.
        using Photo photo = Images.Gradient(2048, 1024, seed: 5);
        Assert.Equal(2, JpegBands.Plan(2048, 1024, TurboJpeg.Subsampling420).Bands);
        byte[] jpeg = PhotoCodec.Encode(photo, PhotoFormat.Jpeg, new EncodeOptions(90));
        Assert.Equal(new byte[] { 0xE0, 0xE2, 0xDB, 0xDB, 0xC0, 0xC4, 0xC4, 0xC4, 0xC4, 0xDD, 0xDA }, Bytes.JpegMarkers(jpeg));
        byte[] raw = RawEncode(photo, TurboJpeg.Subsampling420, quality: 90);
        Assert.Equal(Decode(raw, 2048, 1024), Decode(jpeg, 2048, 1024));
        using Photo decoded = PhotoCodec.Decode(jpeg, "banded.jpg");
        Assert.Equal("sRGB built-in", decoded.Info.IccProfileDescription);
        // The size moves by a few dozen bytes in half a megabyte: which bytes come out as 0xFF (and get a
        // stuffed 0x00) depends on the bit alignment. Without stuffing and markers, the coded data grows
        // by the restarted DC predictions of 3 components and the padding to a whole byte only.
        Assert.InRange(jpeg.Length - raw.Length, 600, 800);
        Assert.InRange(CodedBytes(jpeg) - CodedBytes(raw), 0, 12);
    }

    [Fact]
    public void Joinable_BandsOfDifferentQuality_AreRefused()
    {
        using Photo photo = Images.Gradient(64, 64);
        byte[] a = RawEncode(photo, TurboJpeg.Subsampling420, quality: 90);
        byte[] b = RawEncode(photo, TurboJpeg.Subsampling420, quality: 80);
        byte[] progressive = RawEncode(photo, TurboJpeg.Subsampling420, quality: 90, flags: 16384);
        Assert.True(Joinable(a, a));
        Assert.False(Joinable(a, b));
        Assert.False(Joinable(a, progressive));
        Assert.False(Joinable(a, [.. a.AsSpan(0, a.Length - 2)]));
    }

    private static bool Joinable(params byte[][] jpegs)
    {
        var handles = jpegs.Select(j => GCHandle.Alloc(j, GCHandleType.Pinned)).ToArray();
        try
        {
            JpegBands.Band[] bands = handles.Select((h, i) => new JpegBands.Band { Data = h.AddrOfPinnedObject(), Length = jpegs[i].Length }).ToArray();
            return JpegBands.Joinable(bands);
        }
        finally
        {
            foreach (GCHandle h in handles)
            {
                h.Free();
            }
        }
    }

    private static byte[] Encode(Photo photo, int subsampling, long bandPixels)
    {
        using var output = new MemoryStream();
        JpegBands.Encode(photo.Pixels, photo.Width, photo.Height, photo.Stride, 90, subsampling,
            Color.ColorManagement.SrgbProfileBytes, output, "test.jpg", bandPixels);
        return output.ToArray();
    }

    /// <summary>A single tjCompress2 call over the whole image, as the encoder did before bands.</summary>
    internal static byte[] RawEncode(Photo photo, int subsampling, int quality = 90, int flags = 0)
    {
        NativeLibraries.Require(NativeLibraries.TurboJpeg, "test", "JPEG");
        nint handle = TurboJpeg.InitCompress();
        nint buffer = 0;
        try
        {
            var size = new CULong(0);
            fixed (byte* src = photo.Pixels)
            {
                Assert.Equal(0, TurboJpeg.Compress2(handle, src, photo.Width, photo.Stride, photo.Height, TurboJpeg.PixelFormatRgba, ref buffer, ref size, subsampling, quality, flags));
            }
            return new ReadOnlySpan<byte>((void*)buffer, (int)size.Value).ToArray();
        }
        finally
        {
            TurboJpeg.Free(buffer);
            TurboJpeg.Destroy(handle);
        }
    }

    /// <summary>tjDecompress2 to RGBA, failing on any warning (a misplaced restart marker is one).</summary>
    internal static byte[] Decode(byte[] jpeg, int width, int height)
    {
        NativeLibraries.Require(NativeLibraries.TurboJpeg, "test", "JPEG");
        nint handle = TurboJpeg.InitDecompress();
        try
        {
            var rgba = new byte[width * height * 4];
            fixed (byte* src = jpeg)
            fixed (byte* dst = rgba)
            {
                Assert.Equal(0, TurboJpeg.DecompressHeader3(handle, src, new CULong((nuint)jpeg.Length), out int w, out int h, out _, out _));
                Assert.Equal((width, height), (w, h));
                int rc = TurboJpeg.Decompress2(handle, src, new CULong((nuint)jpeg.Length), dst, width, width * 4, height, TurboJpeg.PixelFormatRgba, TurboJpeg.FlagStopOnWarning);
                Assert.True(rc == 0, TurboJpeg.ErrorText(handle));
            }
            return rgba;
        }
        finally
        {
            TurboJpeg.Destroy(handle);
        }
    }

    private static int RestartInterval(byte[] jpeg)
    {
        int pos = 2;
        while (jpeg[pos + 1] != 0xDA)
        {
            int length = (jpeg[pos + 2] << 8) | jpeg[pos + 3];
            if (jpeg[pos + 1] == 0xDD)
            {
                return (jpeg[pos + 4] << 8) | jpeg[pos + 5];
            }
            pos += 2 + length;
        }
        return 0;
    }

    /// <summary>Bytes of entropy-coded data with the stuffed zeros and the restart markers taken out.</summary>
    private static int CodedBytes(byte[] jpeg)
    {
        int pos = 2;
        while (jpeg[pos + 1] != 0xDA)
        {
            pos += 2 + ((jpeg[pos + 2] << 8) | jpeg[pos + 3]);
        }
        pos += 2 + ((jpeg[pos + 2] << 8) | jpeg[pos + 3]);
        int count = 0;
        for (; pos < jpeg.Length - 2; pos++)
        {
            if (jpeg[pos] == 0xFF && jpeg[pos + 1] is 0x00 or (>= 0xD0 and <= 0xD7))
            {
                count += jpeg[pos + 1] == 0x00 ? 1 : 0;
                pos++;
                continue;
            }
            count++;
        }
        return count;
    }

    /// <summary>The RSTn markers in the entropy-coded data, in order.</summary>
    private static List<byte> RestartMarkers(byte[] jpeg)
    {
        int pos = 2;
        while (jpeg[pos + 1] != 0xDA)
        {
            pos += 2 + ((jpeg[pos + 2] << 8) | jpeg[pos + 3]);
        }
        pos += 2 + ((jpeg[pos + 2] << 8) | jpeg[pos + 3]);
        var markers = new List<byte>();
        for (; pos < jpeg.Length - 1; pos++)
        {
            if (jpeg[pos] == 0xFF && jpeg[pos + 1] is >= 0xD0 and <= 0xD7)
            {
                markers.Add(jpeg[pos + 1]);
            }
        }
        return markers;
    }
}
