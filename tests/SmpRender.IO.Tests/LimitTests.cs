using System.Buffers.Binary;
using SmpRender.IO.Tests.Fixtures;

namespace SmpRender.IO.Tests;

public sealed class LimitTests
{
    private const int Huge = 20000;

    /// <summary>A small real JPEG whose frame header is patched to claim 20000x20000.</summary>
    private static byte[] HugeJpeg()
    {
        using Photo photo = Images.Gradient(16, 16);
        byte[] jpeg = PhotoCodec.Encode(photo, PhotoFormat.Jpeg);
        int pos = 2;
        while (jpeg[pos + 1] != 0xC0)
        {
            pos += 2 + ((jpeg[pos + 2] << 8) | jpeg[pos + 3]);
        }
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(pos + 5), Huge);
        BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(pos + 7), Huge);
        return jpeg;
    }

    private static byte[] HugePng()
    {
        byte[] png = Bytes.Png(4, 4, 8, 2, new byte[4 * 4 * 3]);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(16), Huge);
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(20), Huge);
        // Fix the IHDR CRC so libpng would otherwise accept the header.
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(29), Bytes.Crc32(png.AsSpan(12, 17)));
        return png;
    }

    private static byte[] HugeWebP()
    {
        using Photo photo = Images.Gradient(16, 16);
        byte[] webp = PhotoCodec.Encode(photo, PhotoFormat.WebP, new EncodeOptions(Lossless: true));
        Assert.Equal("VP8L"u8.ToArray(), webp[12..16]);
        // VP8L header after the 0x2f signature: 14 bits width-1, 14 bits height-1, alpha, version.
        uint bits = BinaryPrimitives.ReadUInt32LittleEndian(webp.AsSpan(21));
        // VP8L cannot express 20000 (14 bits): claim its maximum, 16383x16383.
        bits = (bits & 0xF0000000u) | 16382u | (16382u << 14);
        BinaryPrimitives.WriteUInt32LittleEndian(webp.AsSpan(21), bits);
        return webp;
    }

    public static TheoryData<string> Formats() => new() { "jpeg", "png", "webp" };

    private static byte[] Huge4(string format) => format switch
    {
        "jpeg" => HugeJpeg(),
        "png" => HugePng(),
        _ => HugeWebP(),
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public void Decode_SmallFileClaimingHugeSize_FailsFastWithoutAllocating(string format)
    {
        byte[] data = Huge4(format);
        Assert.True(data.Length < 2048, $"{data.Length} bytes");
        // WebP cannot exceed the default limit (16383 x 16383 is exactly it), so it is tested against a lower one.
        DecodeOptions options = format == "webp" ? new DecodeOptions(MaxPixels: 100_000_000) : DecodeOptions.Default;
        string expected = format == "webp"
            ? "huge: WebP: 16383x16383 is 268,402,689 pixels, over the limit of 100,000,000"
            : $"huge: {format.ToUpperInvariant()}: 20000x20000 is 400,000,000 pixels, over the limit of 268,402,689";
        // Warm up the code paths (and their one-time allocations) first.
        Assert.Throws<PhotoException>(() => PhotoCodec.Decode(data, "huge", options));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var ex = Assert.Throws<PhotoException>(() => PhotoCodec.Decode(data, "huge", options));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.StartsWith(expected, ex.Message);
        Assert.True(allocated < 256 * 1024, $"allocated {allocated:N0} bytes");
    }

    [Fact]
    public void Decode_OverARaisedLimit_Fails_UnderIt_Succeeds()
    {
        using Photo photo = Images.Gradient(32, 16);
        byte[] png = PhotoCodec.Encode(photo, PhotoFormat.Png);
        var ex = Assert.Throws<PhotoException>(() => PhotoCodec.Decode(png, "small.png", new DecodeOptions(MaxPixels: 511)));
        Assert.Contains("32x16 is 512 pixels, over the limit of 511", ex.Message);
        using Photo ok = PhotoCodec.Decode(png, "small.png", new DecodeOptions(MaxPixels: 512));
        Assert.Equal(512, ok.PixelCount);
    }

    [Fact]
    public void DecodeOptions_NonPositiveLimit_IsRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new DecodeOptions(MaxPixels: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => DecodeOptions.Default with { MaxPixels = -1 });
        Assert.Equal(268_402_689, new DecodeOptions().MaxPixels);
    }

    [Fact]
    public void EncodeOptions_InvalidValues_AreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new EncodeOptions(Quality: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EncodeOptions(Quality: 101));
        Assert.Throws<ArgumentOutOfRangeException>(() => EncodeOptions.Default with { Quality = 101 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new EncodeOptions(Subsampling: (ChromaSubsampling)7));
    }
}
