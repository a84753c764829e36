using SmpRender.IO.Tests.Fixtures;

namespace SmpRender.IO.Tests;

public sealed class OrientationTests
{
    private const int W = 48;
    private const int H = 32;

    private static readonly (int R, int G, int B) Red = (255, 0, 0);
    private static readonly (int R, int G, int B) Green = (0, 255, 0);
    private static readonly (int R, int G, int B) Blue = (0, 0, 255);
    private static readonly (int R, int G, int B) White = (255, 255, 255);

    // The stored image has red top-left, green top-right, blue bottom-left, white bottom-right.
    // Expected corners as displayed (TL, TR, BL, BR) for each EXIF orientation, from the EXIF 2.32 table
    // (orientation 6: the stored top row is the displayed right column; 8: it is the left column).
    public static TheoryData<int, bool> Cases()
    {
        var data = new TheoryData<int, bool>();
        for (int o = 1; o <= 8; o++)
        {
            data.Add(o, o % 2 == 0);
        }
        return data;
    }

    private static ((int, int, int) TL, (int, int, int) TR, (int, int, int) BL, (int, int, int) BR) Expected(int orientation) => orientation switch
    {
        1 => (Red, Green, Blue, White),
        2 => (Green, Red, White, Blue),
        3 => (White, Blue, Green, Red),
        4 => (Blue, White, Red, Green),
        5 => (Red, Blue, Green, White),
        6 => (Blue, Red, White, Green),
        7 => (White, Green, Blue, Red),
        8 => (Green, White, Red, Blue),
        _ => throw new ArgumentOutOfRangeException(nameof(orientation)),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Jpeg_ExifOrientation_IsApplied(int orientation, bool littleEndian)
    {
        using Photo stored = Images.Quadrants(W, H);
        byte[] jpeg = PhotoCodec.Encode(stored, PhotoFormat.Jpeg, new EncodeOptions(100, ChromaSubsampling.Yuv444));
        byte[] tagged = Bytes.InsertAfterSoi(jpeg, Bytes.ExifApp1(orientation, littleEndian));
        using Photo shown = PhotoCodec.Decode(tagged, "o.jpg");
        AssertOriented(shown, orientation, tolerance: 8);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Png_ExifChunkOrientation_IsApplied(int orientation, bool littleEndian)
    {
        using Photo stored = Images.Quadrants(W, H);
        byte[] png = PhotoCodec.Encode(stored, PhotoFormat.Png);
        byte[] tagged = Bytes.InsertPngChunksAfterHeader(png, Bytes.PngChunk("eXIf", Bytes.ExifTiff(orientation, littleEndian)));
        using Photo shown = PhotoCodec.Decode(tagged, "o.png");
        AssertOriented(shown, orientation, tolerance: 0);
    }

    [Theory]
    [InlineData(6)]
    [InlineData(3)]
    public void WebP_ExifChunkOrientation_IsApplied(int orientation)
    {
        using Photo stored = Images.Quadrants(W, H);
        byte[] simple = PhotoCodec.Encode(stored, PhotoFormat.WebP, new EncodeOptions(Lossless: true));
        byte[] extended = WebPWithExif(simple, Bytes.ExifTiff(orientation, littleEndian: true), W, H);
        using Photo shown = PhotoCodec.Decode(extended, "o.webp");
        AssertOriented(shown, orientation, tolerance: 0);
    }

    [Fact]
    public void Jpeg_InvalidOrientationValue_IsIgnored()
    {
        using Photo stored = Images.Quadrants(W, H);
        byte[] jpeg = PhotoCodec.Encode(stored, PhotoFormat.Jpeg, new EncodeOptions(100, ChromaSubsampling.Yuv444));
        using Photo shown = PhotoCodec.Decode(Bytes.InsertAfterSoi(jpeg, Bytes.ExifApp1(9, true)), "o.jpg");
        Assert.Equal(0, shown.Info.ExifOrientation);
        Assert.Equal((W, H), (shown.Width, shown.Height));
    }

    [Fact]
    public void Apply_LargeRotation_MatchesPixelByPixelDefinition()
    {
        // Non-multiple-of-tile sizes exercise the tiled copy's edges.
        using Photo stored = Images.Gradient(131, 70, alpha: true);
        byte[] original = stored.Pixels.ToArray();
        for (int o = 2; o <= 8; o++)
        {
            using Photo copy = stored.Clone();
            using Photo shown = Metadata.Orientation.Apply(copy, o);
            for (int y = 0; y < shown.Height; y++)
            {
                for (int x = 0; x < shown.Width; x++)
                {
                    (int sx, int sy) = o switch
                    {
                        2 => (130 - x, y),
                        3 => (130 - x, 69 - y),
                        4 => (x, 69 - y),
                        5 => (y, x),
                        6 => (y, 69 - x),
                        7 => (130 - y, 69 - x),
                        _ => (130 - y, x),
                    };
                    Assert.True(original.AsSpan(((sy * 131) + sx) * 4, 4).SequenceEqual(shown.Row(y).Slice(x * 4, 4)), $"orientation {o} at ({x},{y})");
                }
            }
        }
    }

    private static void AssertOriented(Photo shown, int orientation, int tolerance)
    {
        Assert.Equal(orientation, shown.Info.ExifOrientation);
        bool swapped = orientation >= 5;
        Assert.Equal(swapped ? (H, W) : (W, H), (shown.Width, shown.Height));
        var expected = Expected(orientation);
        int qx = shown.Width / 4;
        int qy = shown.Height / 4;
        AssertColour(expected.TL, shown, qx, qy, tolerance);
        AssertColour(expected.TR, shown, shown.Width - 1 - qx, qy, tolerance);
        AssertColour(expected.BL, shown, qx, shown.Height - 1 - qy, tolerance);
        AssertColour(expected.BR, shown, shown.Width - 1 - qx, shown.Height - 1 - qy, tolerance);
    }

    private static void AssertColour((int R, int G, int B) expected, Photo photo, int x, int y, int tolerance)
    {
        var p = Images.At(photo, x, y);
        Assert.True(
            Math.Abs(p.R - expected.R) <= tolerance && Math.Abs(p.G - expected.G) <= tolerance && Math.Abs(p.B - expected.B) <= tolerance,
            $"at ({x},{y}) expected {expected} got ({p.R},{p.G},{p.B})");
    }

    /// <summary>Turns a simple (VP8L) WebP into the extended format with an EXIF chunk.</summary>
    internal static byte[] WebPWithExif(byte[] simple, byte[] exif, int width, int height, byte[]? icc = null)
    {
        byte[] image = simple[12..];
        var vp8x = new byte[10];
        vp8x[0] = (byte)(0x08 | (icc is null ? 0 : 0x20));
        vp8x[4] = (byte)(width - 1);
        vp8x[5] = (byte)((width - 1) >> 8);
        vp8x[7] = (byte)(height - 1);
        vp8x[8] = (byte)((height - 1) >> 8);
        using var body = new MemoryStream();
        body.Write("WEBP"u8);
        WriteChunk(body, "VP8X", vp8x);
        if (icc is not null)
        {
            WriteChunk(body, "ICCP", icc);
        }
        body.Write(image);
        WriteChunk(body, "EXIF", exif);
        using var file = new MemoryStream();
        file.Write("RIFF"u8);
        file.Write(BitConverter.GetBytes((uint)body.Length));
        file.Write(body.ToArray());
        return file.ToArray();
    }

    private static void WriteChunk(Stream s, string type, byte[] body)
    {
        s.Write(System.Text.Encoding.ASCII.GetBytes(type));
        s.Write(BitConverter.GetBytes((uint)body.Length));
        s.Write(body);
        if (body.Length % 2 == 1)
        {
            s.WriteByte(0);
        }
    }
}
