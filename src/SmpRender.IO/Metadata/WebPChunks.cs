using System.Buffers.Binary;

namespace SmpRender.IO.Metadata;

/// <summary>What the RIFF chunks of a WebP say: alpha, animation, ICC profile, EXIF orientation.</summary>
internal sealed class WebPChunks
{
    public bool HasAlpha { get; private set; }

    public bool IsAnimated { get; private set; }

    public byte[]? Icc { get; private set; }

    public int ExifOrientation { get; private set; }

    public static WebPChunks Scan(ReadOnlySpan<byte> data)
    {
        var result = new WebPChunks();
        int pos = 12;
        while (pos + 8 <= data.Length)
        {
            ReadOnlySpan<byte> type = data.Slice(pos, 4);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(data[(pos + 4)..]);
            int available = (int)Math.Min(size, (uint)(data.Length - pos - 8));
            ReadOnlySpan<byte> body = data.Slice(pos + 8, available);
            if (type.SequenceEqual("VP8X"u8) && body.Length >= 1)
            {
                result.HasAlpha |= (body[0] & 0x10) != 0;
                result.IsAnimated |= (body[0] & 0x02) != 0;
            }
            else if (type.SequenceEqual("VP8L"u8) && body.Length >= 5)
            {
                result.HasAlpha |= (body[4] & 0x10) != 0;
            }
            else if (type.SequenceEqual("ALPH"u8))
            {
                result.HasAlpha = true;
            }
            else if (type.SequenceEqual("ICCP"u8) && available == size)
            {
                result.Icc = body.ToArray();
            }
            else if (type.SequenceEqual("EXIF"u8))
            {
                result.ExifOrientation = ExifReader.ReadOrientation(body);
            }
            else if (type.SequenceEqual("ANIM"u8) || type.SequenceEqual("ANMF"u8))
            {
                result.IsAnimated = true;
            }
            if (size > int.MaxValue - 16)
            {
                break;
            }
            pos += 8 + (int)size + (int)(size & 1);
        }
        return result;
    }
}
