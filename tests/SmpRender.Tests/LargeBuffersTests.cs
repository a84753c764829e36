using System.Collections.Concurrent;
using SmpRender.Imaging;

namespace SmpRender.Tests;

public class LargeBuffersTests
{
    [Fact]
    public void Advise_PhotosBuffer_AdvisedWhenLargeOnly()
    {
        var advised = new ConcurrentBag<nuint>();
        Action<nint, nuint>? previous = LargeBuffers.Advise;
        LargeBuffers.Advise = (address, length) =>
        {
            Assert.NotEqual(0, address);
            advised.Add(length);
        };
        try
        {
            using Photo large = Photo.Create(1031, 1019);
            using Photo small = Photo.Create(500, 500);
        }
        finally
        {
            LargeBuffers.Advise = previous;
        }
        // The pool rounds a buffer up to a power of two: at least the photo, less than twice it.
        Assert.Contains(advised, length => length >= 1031 * 1019 * 4 && length < 1031 * 1019 * 4 * 2);
        Assert.DoesNotContain(advised, length => length < LargeBuffers.MinBytes);
    }
}
