using SmpRender.IO.Native;

namespace SmpRender.IO.Tests;

public class MemoryAdviceTests
{
    [Fact]
    public unsafe void TryAdviseHugePages_LargeArray_SucceedsOnLinux()
    {
        byte[] buffer = new byte[8 << 20];
        fixed (byte* p = buffer)
        {
            Assert.Equal(OperatingSystem.IsLinux(), Posix.TryAdviseHugePages((nint)p, (nuint)buffer.Length));
            // Less than one whole page inside the range: nothing to advise.
            Assert.False(Posix.TryAdviseHugePages((nint)p + 1, 4096));
        }
    }

    [Fact]
    public void UseHugePages_OnLinux_InstallsTheAdvice()
    {
        Action<nint, nuint>? previous = LargeBuffers.Advise;
        try
        {
            LargeBuffers.Advise = null;
            Assert.Equal(OperatingSystem.IsLinux(), MemoryAdvice.UseHugePages());
            Assert.Equal(OperatingSystem.IsLinux(), LargeBuffers.Advise is not null);
        }
        finally
        {
            LargeBuffers.Advise = previous;
        }
    }
}
