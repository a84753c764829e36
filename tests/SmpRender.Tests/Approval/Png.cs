using System.Buffers.Binary;
using System.IO.Compression;
using SmpRender.Imaging;

namespace SmpRender.Tests.Approval;

/// <summary>
/// A minimal PNG writer and reader for reference images: 8-bit RGBA, filter type 0 on every row,
/// one IDAT chunk compressed with zlib. The reader accepts only what the writer produces.
/// </summary>
internal static class Png
{
    private static readonly byte[] Signature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    public static void Write(Photo photo, Stream output)
    {
        int w = photo.Width, h = photo.Height;
        output.Write(Signature);
        Span<byte> ihdr = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, w);
        BinaryPrimitives.WriteInt32BigEndian(ihdr[4..], h);
        ihdr[8] = 8;  // bit depth
        ihdr[9] = 6;  // colour type RGBA
        ihdr[10] = 0; // deflate
        ihdr[11] = 0; // filter method
        ihdr[12] = 0; // no interlace
        WriteChunk(output, "IHDR", ihdr);

        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            for (int y = 0; y < h; y++)
            {
                z.WriteByte(0);
                z.Write(photo.Row(y));
            }
        }
        WriteChunk(output, "IDAT", raw.GetBuffer().AsSpan(0, (int)raw.Length));
        WriteChunk(output, "IEND", []);
    }

    public static void Write(Photo photo, string path)
    {
        using FileStream f = File.Create(path);
        Write(photo, f);
    }

    public static Photo Read(string path)
    {
        byte[] data = File.ReadAllBytes(path);
        if (data.Length < 8 || !data.AsSpan(0, 8).SequenceEqual(Signature))
        {
            throw new InvalidDataException($"{path} is not a PNG file");
        }
        int pos = 8, w = 0, h = 0;
        using var idat = new MemoryStream();
        while (pos + 8 <= data.Length)
        {
            int len = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(pos));
            string type = System.Text.Encoding.ASCII.GetString(data, pos + 4, 4);
            ReadOnlySpan<byte> body = data.AsSpan(pos + 8, len);
            uint crc = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(pos + 8 + len));
            if (crc != Crc(data.AsSpan(pos + 4, 4 + len)))
            {
                throw new InvalidDataException($"{path}: bad CRC in {type}");
            }
            if (type == "IHDR")
            {
                w = BinaryPrimitives.ReadInt32BigEndian(body);
                h = BinaryPrimitives.ReadInt32BigEndian(body[4..]);
                if (body[8] != 8 || body[9] != 6 || body[12] != 0)
                {
                    throw new InvalidDataException($"{path}: only 8-bit RGBA non-interlaced PNG files written by this helper are read");
                }
            }
            else if (type == "IDAT")
            {
                idat.Write(body);
            }
            else if (type == "IEND")
            {
                break;
            }
            pos += 12 + len;
        }
        Photo photo = Photo.Create(w, h, new PhotoInfo(PhotoFormat.Png, HasAlpha: true));
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        for (int y = 0; y < h; y++)
        {
            int filter = z.ReadByte();
            if (filter != 0)
            {
                throw new InvalidDataException($"{path}: row {y} uses filter {filter}; only filter 0 is read");
            }
            z.ReadExactly(photo.Row(y));
        }
        return photo;
    }

    private static void WriteChunk(Stream output, string type, ReadOnlySpan<byte> body)
    {
        Span<byte> head = stackalloc byte[8];
        BinaryPrimitives.WriteInt32BigEndian(head, body.Length);
        for (int i = 0; i < 4; i++)
        {
            head[4 + i] = (byte)type[i];
        }
        output.Write(head);
        output.Write(body);
        Span<byte> tail = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(tail, ~Update(Update(0xFFFFFFFFu, head[4..]), body));
        output.Write(tail);
    }

    private static readonly uint[] CrcTable = BuildCrcTable();

    private static uint Crc(ReadOnlySpan<byte> bytes) => ~Update(0xFFFFFFFFu, bytes);

    private static uint Update(uint crc, ReadOnlySpan<byte> bytes)
    {
        foreach (byte b in bytes)
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            table[n] = c;
        }
        return table;
    }
}
