namespace SmpRender.IO;

/// <summary>Chroma subsampling of JPEG output.</summary>
public enum ChromaSubsampling
{
    /// <summary>4:2:0, the usual choice for photos (smallest files).</summary>
    Yuv420,

    /// <summary>4:2:2.</summary>
    Yuv422,

    /// <summary>4:4:4, no chroma subsampling (sharp colour edges, larger files).</summary>
    Yuv444,
}

/// <summary>How photos are decoded.</summary>
/// <param name="MaxPixels">Largest width × height accepted, checked from the header before any pixel memory is allocated.</param>
/// <param name="AcceptWarnings">Accept a photo the codec decoded with a warning (e.g. a truncated JPEG, whose missing part comes out grey).</param>
public sealed record DecodeOptions(long MaxPixels = DecodeOptions.DefaultMaxPixels, bool AcceptWarnings = false)
{
    /// <summary>The default pixel limit, 16383 × 16383 (the limit sharp uses).</summary>
    public const long DefaultMaxPixels = 268_402_689;

    public static DecodeOptions Default { get; } = new();

    private readonly long _maxPixels = CheckMaxPixels(MaxPixels);

    public long MaxPixels
    {
        get => _maxPixels;
        init => _maxPixels = CheckMaxPixels(value);
    }

    private static long CheckMaxPixels(long value) =>
        value > 0 ? value : throw new ArgumentOutOfRangeException(nameof(MaxPixels), value, "must be > 0");
}

/// <summary>How photos are encoded.</summary>
/// <param name="Quality">JPEG and lossy WebP quality, 1-100.</param>
/// <param name="Subsampling">JPEG chroma subsampling.</param>
/// <param name="Lossless">WebP: encode losslessly (Quality is then ignored).</param>
/// <param name="ProtectedInputs">Paths that must never be overwritten (the input photos of a render).</param>
/// <param name="FastPng">PNG: compress fast (about 6x faster on a 12 MP photo, files about 1.5x larger).</param>
public sealed record EncodeOptions(
    int Quality = 90,
    ChromaSubsampling Subsampling = ChromaSubsampling.Yuv420,
    bool Lossless = false,
    IReadOnlyList<string>? ProtectedInputs = null,
    bool FastPng = false)
{
    public static EncodeOptions Default { get; } = new();

    private readonly int _quality = CheckQuality(Quality);
    private readonly ChromaSubsampling _subsampling = CheckSubsampling(Subsampling);

    public int Quality
    {
        get => _quality;
        init => _quality = CheckQuality(value);
    }

    public ChromaSubsampling Subsampling
    {
        get => _subsampling;
        init => _subsampling = CheckSubsampling(value);
    }

    private static int CheckQuality(int value) =>
        value is >= 1 and <= 100 ? value : throw new ArgumentOutOfRangeException(nameof(Quality), value, "must be between 1 and 100");

    private static ChromaSubsampling CheckSubsampling(ChromaSubsampling value) =>
        value is ChromaSubsampling.Yuv420 or ChromaSubsampling.Yuv422 or ChromaSubsampling.Yuv444
            ? value
            : throw new ArgumentOutOfRangeException(nameof(Subsampling), value, "unknown subsampling");
}

/// <summary>A decoded photo with what it cost to read it.</summary>
public sealed class DecodedPhoto : IDisposable
{
    internal DecodedPhoto(Photo photo, long fileSize, TimeSpan decodeTime)
    {
        Photo = photo;
        FileSize = fileSize;
        DecodeTime = decodeTime;
    }

    public Photo Photo { get; }

    /// <summary>Size of the file in bytes.</summary>
    public long FileSize { get; }

    /// <summary>Time spent decoding (colour conversion and orientation included, file read excluded).</summary>
    public TimeSpan DecodeTime { get; }

    public void Dispose() => Photo.Dispose();
}
