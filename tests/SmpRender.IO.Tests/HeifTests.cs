using SmpRender.IO.Tests.Fixtures;

namespace SmpRender.IO.Tests;

/// <summary>HEIC and AVIF files are made at test time with libheif's own encoders; no binary is committed.</summary>
public sealed class HeifTests
{
    [Theory]
    [InlineData(false, PhotoFormat.Heif)]
    [InlineData(true, PhotoFormat.Avif)]
    public void Decode_FileMadeByLibheif_MatchesTheSource(bool avif, PhotoFormat format)
    {
        using Photo source = Images.Gradient(64, 48, seed: 2);
        byte[] file = HeifWriter.Encode(source, avif);
        Assert.Equal(format, PhotoCodec.DetectFormat(file));
        using Photo photo = PhotoCodec.Decode(file, avif ? "p.avif" : "p.heic");
        Assert.Equal((64, 48), (photo.Width, photo.Height));
        Assert.Equal(format, photo.Info.Format);
        Assert.Equal(8, photo.Info.BitDepth);
        // Lossy 4:2:0 at quality 90 of noisy gradients.
        Assert.InRange(Images.MeanDifference(source, photo), 0.0, 6.0);
    }

    [Fact]
    public void Decode_HeifWithExifOrientation_ReportsItButDoesNotRotateAgain()
    {
        using Photo source = Images.Quadrants(64, 32);
        // libheif writes the Exif item as given: a 4-byte offset to the TIFF header, then the TIFF block.
        byte[] exif = [0, 0, 0, 0, .. Bytes.ExifTiff(6, littleEndian: false)];
        byte[] file = HeifWriter.Encode(source, avif: false, quality: 95, exif: exif);
        using Photo photo = PhotoCodec.Decode(file, "o.heic");
        Assert.Equal(6, photo.Info.ExifOrientation);
        Assert.Equal((64, 32), (photo.Width, photo.Height));
        var topLeft = Images.At(photo, 8, 8);
        Assert.True(topLeft.R > 200 && topLeft.G < 60 && topLeft.B < 60, $"top-left stays red, got ({topLeft.R},{topLeft.G},{topLeft.B})");
    }

    [Fact]
    public void Decode_HeifWithDisplayP3Profile_IsConvertedToSrgb()
    {
        using Photo flat = Photo.Filled(64, 64, 200, 100, 50);
        byte[] untaggedFile = HeifWriter.Encode(flat, avif: false, quality: 100);
        byte[] taggedFile = HeifWriter.Encode(flat, avif: false, quality: 100, icc: Profiles.DisplayP3());
        using Photo stored = PhotoCodec.Decode(untaggedFile, "plain.heic");
        using Photo converted = PhotoCodec.Decode(taggedFile, "p3.heic");
        Assert.Equal("Display P3 (SmpRender test)", converted.Info.IccProfileDescription);
        var s = Images.At(stored, 32, 32);
        var expected = Profiles.P3ToSrgb(s.R, s.G, s.B);
        var got = Images.At(converted, 32, 32);
        Assert.True(Math.Abs(got.R - expected.R) <= 1 && Math.Abs(got.G - expected.G) <= 1 && Math.Abs(got.B - expected.B) <= 1,
            $"expected ({expected.R:F1},{expected.G:F1},{expected.B:F1}) got ({got.R},{got.G},{got.B})");
    }

    [Theory]
    [InlineData("heic", PhotoFormat.Heif)]
    [InlineData("heix", PhotoFormat.Heif)]
    [InlineData("avif", PhotoFormat.Avif)]
    [InlineData("mif1", PhotoFormat.Heif)]
    public void DetectFormat_FtypMajorBrand(string brand, PhotoFormat expected)
    {
        byte[] ftyp = [0, 0, 0, 24, .. "ftyp"u8, .. System.Text.Encoding.ASCII.GetBytes(brand), 0, 0, 0, 0, .. "mif1"u8, .. "miaf"u8];
        Assert.Equal(expected, PhotoCodec.DetectFormat(ftyp));
    }

    [Fact]
    public void DetectFormat_Mif1WithAvifCompatibleBrand_IsAvif()
    {
        byte[] ftyp = [0, 0, 0, 24, .. "ftyp"u8, .. "mif1"u8, 0, 0, 0, 0, .. "miaf"u8, .. "avif"u8];
        Assert.Equal(PhotoFormat.Avif, PhotoCodec.DetectFormat(ftyp));
    }

    [Fact]
    public void Decode_Mp4Video_IsUnsupported()
    {
        byte[] ftyp = [0, 0, 0, 24, .. "ftyp"u8, .. "isom"u8, 0, 0, 2, 0, .. "isom"u8, .. "mp41"u8, .. new byte[64]];
        var ex = Assert.Throws<PhotoException>(() => PhotoCodec.Decode(ftyp, "clip.heic"));
        Assert.Contains("unsupported format: ISO media 'isom'", ex.Message);
    }

    [Fact]
    public void Decode_TruncatedHeic_IsCleanError()
    {
        using Photo source = Images.Gradient(64, 48);
        byte[] file = HeifWriter.Encode(source, avif: false);
        var ex = Assert.Throws<PhotoException>(() => PhotoCodec.Decode(file[..(file.Length / 3)], "cut.heic"));
        Assert.Equal("HEIF", ex.Codec);
        Assert.DoesNotContain('\n', ex.Message);
    }
}
