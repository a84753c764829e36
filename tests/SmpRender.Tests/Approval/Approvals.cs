using System.Runtime.CompilerServices;
using SmpRender.Imaging;

namespace SmpRender.Tests.Approval;

/// <summary>
/// Reference-image checks: compares a rendered photo with an approved PNG under <c>tests/SmpRender.Tests/Approved</c>.
/// A pixel differs when any channel differs by more than <c>tolerance</c> code values; the check fails when more than
/// <c>maxDifferingFraction</c> of the pixels differ. On failure (or when no image is approved yet) the actual image is
/// saved next to the approved one as <c>NAME.received.png</c>; to approve it, review it and rename it to <c>NAME.png</c>.
/// </summary>
internal static class Approvals
{
    public static void Verify(Photo actual, string name, int tolerance = 2, double maxDifferingFraction = 0.002,
        [CallerFilePath] string callerPath = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        string dir = ApprovedDirectory(callerPath);
        string approvedPath = Path.Combine(dir, name + ".png");
        string receivedPath = Path.Combine(dir, name + ".received.png");
        if (!File.Exists(approvedPath))
        {
            Png.Write(actual, receivedPath);
            Assert.Fail($"no approved image {approvedPath}; review {receivedPath} and rename it to approve");
        }
        using Photo approved = Png.Read(approvedPath);
        string? problem = Compare(approved, actual, tolerance, maxDifferingFraction);
        if (problem is not null)
        {
            Png.Write(actual, receivedPath);
            Assert.Fail($"{name}: {problem}; the actual image is saved as {receivedPath}");
        }
        if (File.Exists(receivedPath))
        {
            File.Delete(receivedPath);
        }
    }

    /// <summary>Null when the images match within the tolerances, else what differs.</summary>
    public static string? Compare(Photo expected, Photo actual, int tolerance, double maxDifferingFraction)
    {
        if (expected.Width != actual.Width || expected.Height != actual.Height)
        {
            return $"size {actual.Width}x{actual.Height}, approved {expected.Width}x{expected.Height}";
        }
        ReadOnlySpan<byte> e = expected.Pixels, a = actual.Pixels;
        long differing = 0;
        int worst = 0;
        for (int i = 0; i < e.Length; i += 4)
        {
            int d = Math.Max(Math.Max(Math.Abs(e[i] - a[i]), Math.Abs(e[i + 1] - a[i + 1])),
                Math.Max(Math.Abs(e[i + 2] - a[i + 2]), Math.Abs(e[i + 3] - a[i + 3])));
            worst = Math.Max(worst, d);
            differing += d > tolerance ? 1 : 0;
        }
        double fraction = differing / (double)expected.PixelCount;
        return fraction > maxDifferingFraction
            ? $"{differing} pixels ({fraction:P3}) differ by more than {tolerance} (largest difference {worst}); at most {maxDifferingFraction:P3} may"
            : null;
    }

    private static string ApprovedDirectory(string callerPath)
    {
        // callerPath is tests/SmpRender.Tests/<Folder>/<File>.cs; approved images live in tests/SmpRender.Tests/Approved.
        string? dir = Path.GetDirectoryName(callerPath);
        while (dir is not null && !File.Exists(Path.Combine(dir, "SmpRender.Tests.csproj")))
        {
            dir = Path.GetDirectoryName(dir);
        }
        if (dir is null)
        {
            throw new InvalidOperationException($"cannot find the test project above {callerPath}");
        }
        string approved = Path.Combine(dir, "Approved");
        Directory.CreateDirectory(approved);
        return approved;
    }
}
