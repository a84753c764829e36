using System.Buffers.Binary;

namespace SmpRender.IO.Metadata;

/// <summary>What the marker segments before the first scan of a JPEG say (TurboJPEG 2.1 reads neither EXIF nor ICC).</summary>
internal sealed class JpegMarkers
{
    public int ExifOrientation { get; private set; }

    /// <summary>The ICC profile reassembled from its APP2 chunks, or null.</summary>
    public byte[]? Icc { get; private set; }

    /// <summary>Whether an Adobe APP14 segment is present (CMYK data is then stored inverted).</summary>
    public bool HasAdobe { get; private set; }

    /// <summary>Sample precision from the frame header (8 or 12), or 0 if not reached.</summary>
    public int Precision { get; private set; }

    /// <summary>Stored width and height from the frame header (before EXIF orientation), or 0 if not reached.</summary>
    public int Width { get; private set; }

    public int Height { get; private set; }

    public static JpegMarkers Scan(ReadOnlySpan<byte> data)
    {
        var result = new JpegMarkers();
        // ICC chunks by sequence number. Plain arrays, not a sorted dictionary and LINQ: their generic code
        // over (int, byte[]) is not precompiled and would cost a few milliseconds of JIT on every first photo.
        byte[]?[]? icc = null;
        int iccChunks = 0;
        int iccCount = 0;
        int pos = 2;
        while (pos + 4 <= data.Length)
        {
            if (data[pos] != 0xFF)
            {
                break;
            }
            byte marker = data[pos + 1];
            if (marker == 0xFF)
            {
                pos++;
                continue;
            }
            if (marker is 0x01 or (>= 0xD0 and <= 0xD8))
            {
                pos += 2;
                continue;
            }
            if (marker is 0xDA or 0xD9)
            {
                break;
            }
            int length = BinaryPrimitives.ReadUInt16BigEndian(data[(pos + 2)..]);
            if (length < 2 || pos + 2 + length > data.Length)
            {
                break;
            }
            ReadOnlySpan<byte> segment = data.Slice(pos + 4, length - 2);
            switch (marker)
            {
                case 0xE1 when segment.StartsWith("Exif\0\0"u8) && result.ExifOrientation == 0:
                    result.ExifOrientation = ExifReader.ReadOrientation(segment[6..]);
                    break;
                case 0xE2 when segment.Length > 14 && segment.StartsWith("ICC_PROFILE\0"u8):
                    iccCount = segment[13];
                    icc ??= new byte[]?[256];
                    if (icc[segment[12]] is null)
                    {
                        icc[segment[12]] = segment[14..].ToArray();
                        iccChunks++;
                    }
                    break;
                case 0xEE when segment.StartsWith("Adobe"u8):
                    result.HasAdobe = true;
                    break;
                case >= 0xC0 and <= 0xCF when marker is not (0xC4 or 0xC8 or 0xCC) && segment.Length > 0:
                    result.Precision = segment[0];
                    if (segment.Length >= 5)
                    {
                        result.Height = BinaryPrimitives.ReadUInt16BigEndian(segment[1..]);
                        result.Width = BinaryPrimitives.ReadUInt16BigEndian(segment[3..]);
                    }
                    break;
            }
            pos += 2 + length;
        }
        if (icc is not null && iccChunks == iccCount)
        {
            int length = 0;
            foreach (byte[]? chunk in icc)
            {
                length += chunk?.Length ?? 0;
            }
            var profile = new byte[length];
            int at = 0;
            foreach (byte[]? chunk in icc)
            {
                if (chunk is not null)
                {
                    chunk.CopyTo(profile, at);
                    at += chunk.Length;
                }
            }
            result.Icc = profile;
        }
        return result;
    }
}
