using System.Buffers.Binary;
using System.IO.Compression;

namespace SmpRender.IO.Metadata;

/// <summary>What the chunks of a PNG say beyond the pixels (the simplified API gives neither iCCP nor eXIf).</summary>
internal sealed class PngChunks
{
    public int Width { get; private set; }

    public int Height { get; private set; }

    public int BitDepth { get; private set; }

    public int ColorType { get; private set; }

    public int ExifOrientation { get; private set; }

    public byte[]? Icc { get; private set; }

    public bool HasSrgb { get; private set; }

    public static PngChunks Scan(ReadOnlySpan<byte> data)
    {
        var result = new PngChunks();
        int pos = 8;
        while (pos + 12 <= data.Length)
        {
            uint length = BinaryPrimitives.ReadUInt32BigEndian(data[pos..]);
            if (length > int.MaxValue || pos + 12 + (long)length > data.Length)
            {
                break;
            }
            ReadOnlySpan<byte> type = data.Slice(pos + 4, 4);
            ReadOnlySpan<byte> body = data.Slice(pos + 8, (int)length);
            if (type.SequenceEqual("IHDR"u8) && body.Length >= 13)
            {
                result.Width = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(body), int.MaxValue);
                result.Height = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(body[4..]), int.MaxValue);
                result.BitDepth = body[8];
                result.ColorType = body[9];
            }
            else if (type.SequenceEqual("iCCP"u8))
            {
                result.Icc = Inflate(body);
            }
            else if (type.SequenceEqual("sRGB"u8))
            {
                result.HasSrgb = true;
            }
            else if (type.SequenceEqual("eXIf"u8))
            {
                result.ExifOrientation = ExifReader.ReadOrientation(body);
            }
            else if (type.SequenceEqual("IEND"u8))
            {
                break;
            }
            pos += 12 + (int)length;
        }
        return result;
    }

    /// <summary>iCCP: name, NUL, compression method 0, zlib data. Null when malformed.</summary>
    private static byte[]? Inflate(ReadOnlySpan<byte> body)
    {
        int nul = body[..Math.Min(body.Length, 80)].IndexOf((byte)0);
        if (nul < 1 || nul + 2 > body.Length || body[nul + 1] != 0)
        {
            return null;
        }
        try
        {
            using var input = new MemoryStream(body[(nul + 2)..].ToArray());
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            // An ICC profile is at most a few MB; refuse a decompression bomb.
            var chunk = new byte[81920];
            int read;
            while ((read = zlib.Read(chunk)) > 0)
            {
                output.Write(chunk, 0, read);
                if (output.Length > 16 << 20)
                {
                    return null;
                }
            }
            return output.ToArray();
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }
}
