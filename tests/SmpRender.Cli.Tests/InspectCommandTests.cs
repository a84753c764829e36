using System.Buffers.Binary;
using System.Text.Json;
using SmpRender.Cli.Commands;
using SmpRender.Imaging;
using SmpRender.IO;

namespace SmpRender.Cli.Tests;

public sealed class InspectCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "smprender-cli-inspect", Guid.NewGuid().ToString("N"));

    public InspectCommandTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WritePhoto(string name, int width, int height, byte alpha = 255)
    {
        using Photo photo = Photo.Create(width, height);
        Span<byte> px = photo.Pixels;
        for (int i = 0; i < px.Length; i += 4)
        {
            px[i] = (byte)(i % 251);
            px[i + 1] = 90;
            px[i + 2] = 160;
            px[i + 3] = alpha;
        }
        string path = Path.Combine(_folder, name);
        PhotoCodec.Write(photo, path);
        return path;
    }

    private static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = SmpCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Inspect_Json_IsExactlyOneObjectWithTheFacts()
    {
        string path = WritePhoto("client.jpg", 40, 30);
        var (code, stdout, stderr) = Run("inspect", path, "--json");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Single(stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using JsonDocument json = JsonDocument.Parse(stdout);
        JsonElement r = json.RootElement;
        Assert.Equal(
            ["path", "format", "width", "height", "exifOrientation", "iccProfile", "bitDepth", "hasAlpha", "fileSize", "decodeMs"],
            r.EnumerateObject().Select(p => p.Name));
        Assert.Equal(path, r.GetProperty("path").GetString());
        Assert.Equal("JPEG", r.GetProperty("format").GetString());
        Assert.Equal(40, r.GetProperty("width").GetInt32());
        Assert.Equal(30, r.GetProperty("height").GetInt32());
        Assert.Equal(0, r.GetProperty("exifOrientation").GetInt32());
        Assert.Equal("sRGB built-in", r.GetProperty("iccProfile").GetString());
        Assert.Equal(8, r.GetProperty("bitDepth").GetInt32());
        Assert.False(r.GetProperty("hasAlpha").GetBoolean());
        Assert.Equal(new FileInfo(path).Length, r.GetProperty("fileSize").GetInt64());
        Assert.True(r.GetProperty("decodeMs").GetDouble() > 0);
    }

    [Fact]
    public void Inspect_RotatedJpeg_ReportsDisplayedSizeAndOrientation()
    {
        string plain = WritePhoto("plain.jpg", 40, 30);
        byte[] jpeg = File.ReadAllBytes(plain);
        // APP1 Exif with IFD0 Orientation = 6 (big-endian TIFF).
        byte[] tiff = new byte[26];
        "MM"u8.CopyTo(tiff);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(2), 42);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), 8);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(8), 1);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(10), 0x0112);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(12), 3);
        BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(14), 1);
        BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(18), 6);
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        byte[] app1 = [0xFF, 0xE1, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];
        string rotated = Path.Combine(_folder, "rotated.jpg");
        File.WriteAllBytes(rotated, [.. jpeg.AsSpan(0, 2), .. app1, .. jpeg.AsSpan(2)]);

        var (code, stdout, _) = Run("inspect", rotated, "--json");
        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(stdout);
        Assert.Equal(30, json.RootElement.GetProperty("width").GetInt32());
        Assert.Equal(40, json.RootElement.GetProperty("height").GetInt32());
        Assert.Equal(6, json.RootElement.GetProperty("exifOrientation").GetInt32());
    }

    [Fact]
    public void Inspect_Text_ListsEveryFact()
    {
        string path = WritePhoto("alpha.png", 12, 7, alpha: 100);
        var (code, stdout, stderr) = Run("inspect", path);
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        string[] lines = stdout.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n');
        Assert.Equal(path, lines[0]);
        Assert.Equal("  format        PNG", lines[1]);
        Assert.Equal("  size          12 x 7 (as displayed)", lines[2]);
        Assert.Equal("  orientation   none", lines[3]);
        Assert.Equal("  ICC profile   none", lines[4]);
        Assert.Equal("  bit depth     8", lines[5]);
        Assert.Equal("  alpha         yes", lines[6]);
        Assert.Equal($"  file size     {new FileInfo(path).Length:N0} bytes", lines[7]);
        Assert.Matches(@"^  decode time   \d+\.\d ms$", lines[8]);
        Assert.Equal(9, lines.Length);
    }

    [Fact]
    public void Inspect_MissingFile_IsBadInputOnOneStderrLine()
    {
        string path = Path.Combine(_folder, "nope.jpg");
        var (code, stdout, stderr) = Run("inspect", path, "--json");
        Assert.Equal((int)ExitCode.BadInput, code);
        Assert.Equal("", stdout);
        Assert.Equal($"smp: {path}: file not found", stderr.TrimEnd('\n', '\r'));
    }

    [Fact]
    public void Inspect_NotAPhoto_IsBadInput()
    {
        string path = Path.Combine(_folder, "notes.jpg");
        File.WriteAllText(path, "meeting notes, not a photo");
        var (code, stdout, stderr) = Run("inspect", path);
        Assert.Equal((int)ExitCode.BadInput, code);
        Assert.Equal("", stdout);
        Assert.Equal($"smp: {path}: unrecognised content: not a JPEG, PNG, WebP, HEIC/HEIF or AVIF photo", stderr.TrimEnd('\n', '\r'));
    }

    [Fact]
    public void Inspect_Gif_SaysUnsupportedFormat()
    {
        string path = Path.Combine(_folder, "anim.gif");
        File.WriteAllBytes(path, [.. "GIF89a"u8, 1, 0, 1, 0, 0, 0, 0, 0x3B]);
        var (code, _, stderr) = Run("inspect", path);
        Assert.Equal((int)ExitCode.BadInput, code);
        Assert.Contains("unsupported format: GIF", stderr);
    }

    [Fact]
    public void Inspect_WithoutPhoto_IsUsageError()
    {
        var (code, stdout, stderr) = Run("inspect");
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Equal("", stdout);
        Assert.StartsWith("smp: ", stderr);
    }

    [Fact]
    public void ExitCodeFor_MissingLibrary_IsMissingLibrary()
    {
        var missing = new NativeLibraryMissingException("a.jpg", "JPEG", "libturbojpeg.so.0", "libturbojpeg0");
        Assert.Equal(ExitCode.MissingLibrary, InspectCommand.ExitCodeFor(missing));
        Assert.Equal(ExitCode.BadInput, InspectCommand.ExitCodeFor(new PhotoException("a.jpg", "JPEG", "bad")));
    }
}
