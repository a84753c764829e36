namespace SmpRender.Imaging;

/// <summary>What was learned about a photo when it was decoded.</summary>
/// <param name="Format">The container format, detected from the bytes.</param>
/// <param name="BitDepth">Bits per channel in the file (8 or 16).</param>
/// <param name="HasAlpha">Whether the file carries an alpha channel.</param>
/// <param name="ExifOrientation">EXIF orientation found in the file (1-8), or 0 when none.</param>
/// <param name="IccProfileDescription">Description of the embedded ICC profile, or null when none.</param>
public sealed record PhotoInfo(
    PhotoFormat Format,
    int BitDepth = 8,
    bool HasAlpha = false,
    int ExifOrientation = 0,
    string? IccProfileDescription = null)
{
    public static PhotoInfo Generated { get; } = new(PhotoFormat.Unknown);
}
