using SmpRender.Imaging;

namespace SmpRender.Tests.Imaging;

public sealed class PhotoTests
{
    [Fact]
    public void Create_ReturnsClearedPixelsOfTheRequestedSize()
    {
        using Photo photo = Photo.Create(7, 3);
        Assert.Equal(7 * 4, photo.Stride);
        Assert.Equal(7 * 3 * 4, photo.Pixels.Length);
        Assert.True(photo.Pixels.IndexOfAnyExcept((byte)0) < 0);
    }

    [Fact]
    public void Create_ReusedPooledBuffer_IsClearedAgain()
    {
        using (Photo first = Photo.Filled(64, 64, 200, 100, 50))
        {
        }
        using Photo second = Photo.Create(64, 64);
        Assert.True(second.Pixels.IndexOfAnyExcept((byte)0) < 0);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(1, 0)]
    [InlineData(-5, 10)]
    public void Create_NonPositiveSize_Throws(int width, int height) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Photo.Create(width, height));

    [Fact]
    public void Clone_CopiesPixelsIntoIndependentMemory()
    {
        using Photo original = Photo.Filled(5, 4, 10, 20, 30);
        using Photo copy = original.Clone();
        copy.Row(2)[0] = 99;
        Assert.Equal(10, original.Row(2)[0]);
        Assert.Equal(99, copy.Row(2)[0]);
        Assert.Equal(30, copy.Row(3)[4 * 4 + 2]);
    }

    [Fact]
    public void Pixels_AfterDispose_Throws()
    {
        Photo photo = Photo.Create(2, 2);
        photo.Dispose();
        Assert.Throws<ObjectDisposedException>(() => photo.Pixels.Length);
    }
}
