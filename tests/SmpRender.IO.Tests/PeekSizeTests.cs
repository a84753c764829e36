using SmpRender.IO.Tests.Fixtures;

namespace SmpRender.IO.Tests;

public sealed class PeekSizeTests
{
    [Theory]
    [InlineData(1, 48, 32)]
    [InlineData(3, 48, 32)]
    [InlineData(6, 32, 48)]
    [InlineData(8, 32, 48)]
    public void PeekSize_Jpeg_SizeAsDecodedWithOrientation(int orientation, int width, int height)
    {
        using var folder = new TempFolder();
        using Photo stored = Images.Quadrants(48, 32);
        byte[] jpeg = Bytes.InsertAfterSoi(PhotoCodec.Encode(stored, PhotoFormat.Jpeg), Bytes.ExifApp1(orientation, littleEndian: true));
        string path = folder.File("p.jpg");
        File.WriteAllBytes(path, jpeg);

        (int Width, int Height)? size = PhotoCodec.PeekSize(path);

        using Photo decoded = PhotoCodec.Read(path);
        Assert.Equal((width, height), size);
        Assert.Equal((decoded.Width, decoded.Height), size);
    }

    [Fact]
    public void PeekSize_NotJpegMissingTruncatedOrLongHeader_Null()
    {
        using var folder = new TempFolder();
        using Photo photo = Images.Gradient(40, 30);
        byte[] jpeg = PhotoCodec.Encode(photo, PhotoFormat.Jpeg);
        File.WriteAllBytes(folder.File("p.png"), PhotoCodec.Encode(photo, PhotoFormat.Png));
        File.WriteAllBytes(folder.File("short.jpg"), jpeg.AsSpan(0, 20).ToArray());
        // Twelve 60 KB application segments put the frame header beyond the part of the file that is read.
        byte[][] padding = [.. Enumerable.Range(0, 12).Select(_ => Bytes.JpegSegment(0xE9, new byte[60_000]))];
        File.WriteAllBytes(folder.File("long.jpg"), Bytes.InsertAfterSoi(jpeg, padding));

        Assert.Null(PhotoCodec.PeekSize(folder.File("p.png")));
        Assert.Null(PhotoCodec.PeekSize(folder.File("missing.jpg")));
        Assert.Null(PhotoCodec.PeekSize(folder.File("short.jpg")));
        Assert.Null(PhotoCodec.PeekSize(folder.File("long.jpg")));
        using Photo decoded = PhotoCodec.Read(folder.File("long.jpg"));
        Assert.Equal(40, decoded.Width);
    }
}
