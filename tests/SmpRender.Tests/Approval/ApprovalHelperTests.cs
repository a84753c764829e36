using SmpRender.Imaging;

namespace SmpRender.Tests.Approval;

public class ApprovalHelperTests
{
    [Fact]
    public void Png_WriteThenRead_RoundTripsEveryByte()
    {
        using Photo photo = Photo.Create(37, 23);
        Span<byte> px = photo.Pixels;
        for (int i = 0; i < px.Length; i++)
        {
            px[i] = (byte)(i * 7 + i / 5);
        }
        string path = Path.Combine(Path.GetTempPath(), $"smp-png-{Guid.NewGuid():N}.png");
        try
        {
            Png.Write(photo, path);
            using Photo back = Png.Read(path);
            Assert.Equal(37, back.Width);
            Assert.Equal(23, back.Height);
            Assert.True(photo.Pixels.SequenceEqual(back.Pixels));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Png_CorruptedByte_IsRejected()
    {
        using Photo photo = Photo.Filled(8, 8, 10, 20, 30);
        using var ms = new MemoryStream();
        Png.Write(photo, ms);
        byte[] bytes = ms.ToArray();
        bytes[40] ^= 0xFF;
        string path = Path.Combine(Path.GetTempPath(), $"smp-png-{Guid.NewGuid():N}.png");
        try
        {
            File.WriteAllBytes(path, bytes);
            Assert.Throws<InvalidDataException>(() => Png.Read(path).Dispose());
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Compare_WithinAndBeyondTolerance()
    {
        using Photo a = Photo.Filled(100, 10, 100, 100, 100);
        using Photo b = a.Clone();
        b.Pixels[0] = 102;            // within tolerance 2
        Assert.Null(Approvals.Compare(a, b, 2, 0));
        b.Pixels[4] = 110;            // one pixel of 1000 beyond it
        Assert.Null(Approvals.Compare(a, b, 2, 0.001));
        Assert.NotNull(Approvals.Compare(a, b, 2, 0.0005));
        using Photo c = Photo.Filled(10, 100, 100, 100, 100);
        Assert.NotNull(Approvals.Compare(a, c, 255, 1));
    }
}
