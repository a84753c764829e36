using SmpRender.IO.Tests.Fixtures;

namespace SmpRender.IO.Tests;

public sealed class BadInputTests
{
    private static byte[] NoisyJpeg()
    {
        using Photo photo = Images.Gradient(200, 150, seed: 7);
        return PhotoCodec.Encode(photo, PhotoFormat.Jpeg, new EncodeOptions(95));
    }

    [Fact]
    public void Decode_TruncatedJpeg_FailsByDefault()
    {
        byte[] jpeg = NoisyJpeg();
        byte[] truncated = jpeg[..(jpeg.Length * 6 / 10)];
        var ex = Assert.Throws<PhotoException>(() => PhotoCodec.Decode(truncated, "photo.jpg"));
        Assert.Equal("photo.jpg: JPEG: truncated data (premature end of file)", ex.Message);
        Assert.Equal(("photo.jpg", "JPEG"), (ex.Path, ex.Codec));
    }

    [Fact]
    public void Decode_TruncatedJpeg_WithAcceptWarnings_DecodesTheTopPart()
    {
        byte[] jpeg = NoisyJpeg();
        using Photo full = PhotoCodec.Decode(jpeg, "full.jpg");
        using Photo partial = PhotoCodec.Decode(jpeg[..(jpeg.Length * 6 / 10)], "photo.jpg", new DecodeOptions(AcceptWarnings: true));
        Assert.Equal((full.Width, full.Height), (partial.Width, partial.Height));
        Assert.True(full.Row(0).SequenceEqual(partial.Row(0)));
        Assert.False(full.Row(full.Height - 1).SequenceEqual(partial.Row(full.Height - 1)));
    }

    [Fact]
    public void Decode_JpegCutInsideTheHeader_IsCleanError()
    {
        byte[] jpeg = NoisyJpeg();
        var ex = Assert.Throws<PhotoException>(() => PhotoCodec.Decode(jpeg[..40], "head.jpg"));
        Assert.Equal("JPEG", ex.Codec);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Decode_JpegSignatureThenGarbage_IsCleanError()
    {
        var random = new Random(3);
        byte[] data = new byte[2000];
        random.NextBytes(data);
        data[0] = 0xFF;
        data[1] = 0xD8;
        data[2] = 0xFF;
        data[3] = 0xDB;
        var ex = Assert.Throws<PhotoException>(() => PhotoCodec.Decode(data, "garbage.jpg"));
        Assert.Equal("JPEG", ex.Codec);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Decode_RandomBytes_IsUnrecognised(int seed)
    {
        byte[] data = new byte[1024];
        new Random(seed).NextBytes(data);
        data[0] = 0x42; // no accidental magic number
        var ex = Assert.Throws<PhotoException>(() => PhotoCodec.Decode(data, "noise.jpg"));
        Assert.Equal("noise.jpg: unrecognised content: not a JPEG, PNG, WebP, HEIC/HEIF or AVIF photo", ex.Message);
    }

    [Fact]
    public void Decode_Empty_IsEmptyFile()
    {
        var ex = Assert.Throws<PhotoException>(() => PhotoCodec.Decode([], "empty.jpg"));
        Assert.Equal("empty.jpg: empty file", ex.Message);
    }

    [Fact]
    public void Read_EmptyFile_IsEmptyFile()
    {
        using var folder = new TempFolder();
        string path = folder.File("empty.png");
        File.WriteAllBytes(path, []);
        var ex = Assert.Throws<PhotoException>(() => PhotoCodec.Read(path));
        Assert.Equal($"{path}: empty file", ex.Message);
    }

    [Fact]
    public void Read_WrongExtension_DecodesByContent()
    {
        using var folder = new TempFolder();
        using Photo original = Images.Gradient(20, 10);
        string path = folder.File("actually-a-png.jpg");
        File.WriteAllBytes(path, PhotoCodec.Encode(original, PhotoFormat.Png));
        using Photo photo = PhotoCodec.Read(path);
        Assert.Equal(PhotoFormat.Png, photo.Info.Format);
        Assert.Equal(0, Images.MaxDifference(original, photo));
    }

    [Theory]
    [InlineData("GIF89a\x01\x00\x01\x00\x80\x00\x00", "GIF")]
    [InlineData("GIF87a\x01\x00\x01\x00\x80\x00\x00", "GIF")]
    [InlineData("BM\x3e\x00\x00\x00\x00\x00\x00\x00\x3e\x00\x00\x00\x28\x00", "BMP")]
    [InlineData("II*\x00\x08\x00\x00\x00\x00\x00", "TIFF (or a camera raw file)")]
    [InlineData("MM\x00*\x00\x00\x00\x08\x00\x00", "TIFF (or a camera raw file)")]
    [InlineData("%PDF-1.7\n%...", "PDF")]
    public void Decode_UnsupportedFormat_SaysWhichItIs(string header, string name)
    {
        byte[] data = [.. header.Select(c => (byte)c), .. new byte[200]];
        var ex = Assert.Throws<PhotoException>(() => PhotoCodec.Decode(data, "file.jpg"));
        Assert.Equal($"file.jpg: unsupported format: {name} (SmpRender reads JPEG, PNG, WebP, HEIC/HEIF and AVIF)", ex.Message);
    }

    [Fact]
    public void Read_MissingFile_IsFileNotFound()
    {
        using var folder = new TempFolder();
        string path = folder.File("nope.jpg");
        var ex = Assert.Throws<PhotoException>(() => PhotoCodec.Read(path));
        Assert.Equal($"{path}: file not found", ex.Message);
    }

    [Fact]
    public void Read_Directory_SaysSo()
    {
        using var folder = new TempFolder();
        var ex = Assert.Throws<PhotoException>(() => PhotoCodec.Read(folder.Path));
        Assert.Equal($"{folder.Path}: is a directory, not a photo file", ex.Message);
    }

    [Fact]
    public void Read_UnreadableFile_IsReadError()
    {
        // Reading /proc/self/mem at offset 0 fails with EIO for every user (root included),
        // unlike a chmod 000 file, which root can still read.
        var ex = Assert.Throws<PhotoException>(() => PhotoCodec.Read("/proc/self/mem"));
        Assert.StartsWith("/proc/self/mem: read error: ", ex.Message);
        Assert.IsAssignableFrom<IOException>(ex.InnerException);
    }

    [Fact]
    public void Decode_TruncatedPng_IsCleanError()
    {
        using Photo photo = Images.Gradient(64, 64);
        byte[] png = PhotoCodec.Encode(photo, PhotoFormat.Png);
        var ex = Assert.Throws<PhotoException>(() => PhotoCodec.Decode(png[..(png.Length / 2)], "cut.png"));
        Assert.Equal("PNG", ex.Codec);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Decode_CorruptPngCrc_IsCleanError()
    {
        using Photo photo = Images.Gradient(16, 16);
        byte[] png = PhotoCodec.Encode(photo, PhotoFormat.Png);
        png[8 + 8 + 3] ^= 0x55; // inside IHDR: its CRC no longer matches
        var ex = Assert.Throws<PhotoException>(() => PhotoCodec.Decode(png, "crc.png"));
        Assert.Equal("PNG", ex.Codec);
    }

    [Fact]
    public void Decode_TruncatedWebP_SaysLibWebPCouldNotDecode()
    {
        using Photo photo = Images.Gradient(64, 64);
        byte[] webp = PhotoCodec.Encode(photo, PhotoFormat.WebP);
        var ex = Assert.Throws<PhotoException>(() => PhotoCodec.Decode(webp[..(webp.Length / 2)], "cut.webp"));
        Assert.Equal("cut.webp: WebP: invalid or truncated WebP data (libwebp could not decode it)", ex.Message);
    }

    [Fact]
    public void Decode_WebPWithBadHeader_IsCleanError()
    {
        byte[] data = [.. "RIFF"u8, 100, 0, 0, 0, .. "WEBP"u8, .. "VP8 "u8, 50, 0, 0, 0, .. new byte[50]];
        var ex = Assert.Throws<PhotoException>(() => PhotoCodec.Decode(data, "bad.webp"));
        Assert.Equal("bad.webp: WebP: invalid WebP header", ex.Message);
    }

    [Fact]
    public void Write_UnknownExtension_IsClearErrorAndWritesNothing()
    {
        using var folder = new TempFolder();
        using Photo photo = Images.Gradient(8, 8);
        foreach (string name in new[] { "out.gif", "out.tiff", "out" })
        {
            var ex = Assert.Throws<PhotoException>(() => PhotoCodec.Write(photo, folder.File(name)));
            Assert.Contains("use .jpg, .jpeg, .png or .webp", ex.Message);
        }
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public void MissingLibrary_MessageNamesTheDebianPackage()
    {
        // The loading path with a soname that is not installed anywhere.
        var ex = Assert.Throws<NativeLibraryMissingException>(() => Native.NativeLibraries.RequireSoname("libturbojpeg.so.99", "libturbojpeg0", "a.jpg", "JPEG"));
        Assert.Equal("a.jpg: JPEG: native library libturbojpeg.so.99 is missing (install the Debian package libturbojpeg0: apt-get install libturbojpeg0)", ex.Message);
        Assert.Equal(("libturbojpeg.so.99", "libturbojpeg0"), (ex.Library, ex.Package));
        Assert.IsAssignableFrom<PhotoException>(ex);
        Assert.Equal("libturbojpeg.so.0", Native.NativeLibraries.SonameOf(Native.NativeLibraries.TurboJpeg));
        Assert.Equal(
            ["libturbojpeg0", "libpng16-16", "libwebp7", "libheif1", "liblcms2-2"],
            new[] { "turbojpeg", "png16", "webp", "heif", "lcms2" }.Select(Native.NativeLibraries.PackageOf));
    }
}
