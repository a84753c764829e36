namespace SmpRender.IO.Codecs;

/// <summary>Pixels as stored in the file, plus what still has to be done to them.</summary>
/// <param name="Photo">RGBA pixels before ICC conversion and orientation.</param>
/// <param name="Icc">The embedded RGB profile still to apply, or null.</param>
/// <param name="Orientation">EXIF orientation still to apply (0 or 1: nothing to do).</param>
internal readonly record struct DecodeResult(Photo Photo, byte[]? Icc, int Orientation);

internal static class Limits
{
    public static void Check(long width, long height, DecodeOptions options, string path, string codec)
    {
        if (width <= 0 || height <= 0)
        {
            throw new PhotoException(path, codec, $"invalid dimensions {width}x{height}");
        }
        long pixels = width * height;
        if (pixels > options.MaxPixels)
        {
            throw new PhotoException(path, codec,
                $"{width}x{height} is {pixels:N0} pixels, over the limit of {options.MaxPixels:N0} pixels");
        }
        if (pixels * Photo.Channels > Array.MaxLength)
        {
            throw new PhotoException(path, codec, $"{width}x{height} does not fit in one pixel buffer");
        }
    }
}
