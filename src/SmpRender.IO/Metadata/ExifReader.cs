using System.Buffers.Binary;

namespace SmpRender.IO.Metadata;

/// <summary>Reads the orientation tag from an EXIF (TIFF-structured) block.</summary>
internal static class ExifReader
{
    private const ushort OrientationTag = 0x0112;

    /// <summary>
    /// The orientation (1-8) in IFD0 of a TIFF block, or 0 when absent or malformed.
    /// Accepts an optional leading <c>Exif\0\0</c>.
    /// </summary>
    public static int ReadOrientation(ReadOnlySpan<byte> tiff)
    {
        if (tiff.StartsWith("Exif\0\0"u8))
        {
            tiff = tiff[6..];
        }
        if (tiff.Length < 8)
        {
            return 0;
        }
        bool little;
        if (tiff[0] == 'I' && tiff[1] == 'I')
        {
            little = true;
        }
        else if (tiff[0] == 'M' && tiff[1] == 'M')
        {
            little = false;
        }
        else
        {
            return 0;
        }
        if (U16(tiff, 2, little) != 42)
        {
            return 0;
        }
        uint ifd = U32(tiff, 4, little);
        if (ifd < 8 || ifd > tiff.Length - 2)
        {
            return 0;
        }
        int count = U16(tiff, (int)ifd, little);
        for (int i = 0; i < count; i++)
        {
            int entry = (int)ifd + 2 + (i * 12);
            if (entry + 12 > tiff.Length)
            {
                return 0;
            }
            if (U16(tiff, entry, little) != OrientationTag)
            {
                continue;
            }
            ushort type = U16(tiff, entry + 2, little);
            int value = type switch
            {
                3 => U16(tiff, entry + 8, little), // SHORT
                4 => (int)Math.Min(U32(tiff, entry + 8, little), 9u), // LONG (seen in the wild)
                _ => 0,
            };
            return value is >= 1 and <= 8 ? value : 0;
        }
        return 0;
    }

    private static ushort U16(ReadOnlySpan<byte> s, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt16LittleEndian(s[at..]) : BinaryPrimitives.ReadUInt16BigEndian(s[at..]);

    private static uint U32(ReadOnlySpan<byte> s, int at, bool little) =>
        little ? BinaryPrimitives.ReadUInt32LittleEndian(s[at..]) : BinaryPrimitives.ReadUInt32BigEndian(s[at..]);
}
