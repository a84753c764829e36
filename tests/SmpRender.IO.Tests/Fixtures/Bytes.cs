using System.Buffers.Binary;
using System.IO.Compression;

namespace SmpRender.IO.Tests.Fixtures;

/// <summary>Hand-made file structures: PNG chunks, JPEG segments, EXIF blocks.</summary>
public static class Bytes
{
    private static readonly uint[] CrcTable = MakeCrcTable();

    public static uint Crc32(ReadOnlySpan<byte> data)
    {
        uint c = 0xFFFFFFFF;
        foreach (byte b in data)
        {
            c = CrcTable[(c ^ b) & 0xFF] ^ (c >> 8);
        }
        return c ^ 0xFFFFFFFF;
    }

    private static uint[] MakeCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320 ^ (c >> 1) : c >> 1;
            }
            table[n] = c;
        }
        return table;
    }

    public static byte[] PngChunk(string type, ReadOnlySpan<byte> body)
    {
        var chunk = new byte[12 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(chunk, (uint)body.Length);
        System.Text.Encoding.ASCII.GetBytes(type, chunk.AsSpan(4));
        body.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + body.Length), Crc32(chunk.AsSpan(4, 4 + body.Length)));
        return chunk;
    }

    /// <summary>A PNG written by hand (filter 0 on every row), so bit depth and colour type are exactly what the test asks.</summary>
    public static byte[] Png(int width, int height, int bitDepth, int colorType, byte[] rawRows, params byte[][] extraChunksBeforeIdat)
    {
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), (uint)height);
        ihdr[8] = (byte)bitDepth;
        ihdr[9] = (byte)colorType;
        int rowBytes = rawRows.Length / height;
        using var filtered = new MemoryStream();
        for (int y = 0; y < height; y++)
        {
            filtered.WriteByte(0);
            filtered.Write(rawRows, y * rowBytes, rowBytes);
        }
        using var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true))
        {
            filtered.Position = 0;
            filtered.CopyTo(z);
        }
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        png.Write(PngChunk("IHDR", ihdr));
        foreach (byte[] chunk in extraChunksBeforeIdat)
        {
            png.Write(chunk);
        }
        png.Write(PngChunk("IDAT", compressed.ToArray()));
        png.Write(PngChunk("IEND", []));
        return png.ToArray();
    }

    /// <summary>iCCP chunk body: name, NUL, method 0, zlib-compressed profile.</summary>
    public static byte[] IccpChunk(byte[] icc)
    {
        using var body = new MemoryStream();
        body.Write("ICC\0\0"u8);
        using (var z = new ZLibStream(body, CompressionLevel.Optimal, leaveOpen: true))
        {
            z.Write(icc);
        }
        return PngChunk("iCCP", body.ToArray());
    }

    /// <summary>Removes every chunk of a type from a PNG.</summary>
    public static byte[] RemovePngChunks(byte[] png, string type)
    {
        using var output = new MemoryStream();
        output.Write(png, 0, 8);
        int pos = 8;
        while (pos < png.Length)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
            string t = System.Text.Encoding.ASCII.GetString(png, pos + 4, 4);
            if (t != type)
            {
                output.Write(png, pos, 12 + length);
            }
            pos += 12 + length;
        }
        return output.ToArray();
    }

    /// <summary>Inserts PNG chunks right after IHDR.</summary>
    public static byte[] InsertPngChunksAfterHeader(byte[] png, params byte[][] chunks)
    {
        int afterIhdr = 8 + 12 + 13;
        return [.. png.AsSpan(0, afterIhdr), .. chunks.SelectMany(c => c), .. png.AsSpan(afterIhdr)];
    }

    public static List<string> PngChunkTypes(byte[] png)
    {
        var types = new List<string>();
        int pos = 8;
        while (pos + 8 <= png.Length)
        {
            int length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(pos));
            types.Add(System.Text.Encoding.ASCII.GetString(png, pos + 4, 4));
            pos += 12 + length;
        }
        return types;
    }

    /// <summary>A JPEG marker segment: FF marker, 16-bit length, payload.</summary>
    public static byte[] JpegSegment(byte marker, ReadOnlySpan<byte> payload) =>
        [0xFF, marker, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];

    /// <summary>Inserts segments right after SOI (before whatever the encoder wrote first).</summary>
    public static byte[] InsertAfterSoi(byte[] jpeg, params byte[][] segments) =>
        [.. jpeg.AsSpan(0, 2), .. segments.SelectMany(s => s), .. jpeg.AsSpan(2)];

    /// <summary>The markers of a JPEG's header segments, in order, up to the first scan.</summary>
    public static List<byte> JpegMarkers(byte[] jpeg)
    {
        var markers = new List<byte>();
        int pos = 2;
        while (pos + 4 <= jpeg.Length && jpeg[pos] == 0xFF)
        {
            byte marker = jpeg[pos + 1];
            markers.Add(marker);
            if (marker == 0xDA)
            {
                break;
            }
            pos += 2 + ((jpeg[pos + 2] << 8) | jpeg[pos + 3]);
        }
        return markers;
    }

    /// <summary>A TIFF block whose IFD0 holds one Orientation entry (plus one unrelated tag before it).</summary>
    public static byte[] ExifTiff(int orientation, bool littleEndian)
    {
        var tiff = new byte[8 + 2 + (2 * 12) + 4];
        void U16(int at, int v)
        {
            if (littleEndian)
            {
                BinaryPrimitives.WriteUInt16LittleEndian(tiff.AsSpan(at), (ushort)v);
            }
            else
            {
                BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(at), (ushort)v);
            }
        }
        void U32(int at, uint v)
        {
            if (littleEndian)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(tiff.AsSpan(at), v);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(at), v);
            }
        }
        tiff[0] = tiff[1] = (byte)(littleEndian ? 'I' : 'M');
        U16(2, 42);
        U32(4, 8);
        U16(8, 2);
        // ImageWidth (0x0100, LONG) = 1234: a tag the reader must skip.
        U16(10, 0x0100);
        U16(12, 4);
        U32(14, 1);
        U32(18, 1234);
        // Orientation (0x0112, SHORT, count 1), value left-justified in the 4-byte field.
        U16(22, 0x0112);
        U16(24, 3);
        U32(26, 1);
        U16(30, orientation);
        U32(34, 0);
        return tiff;
    }

    public static byte[] ExifApp1(int orientation, bool littleEndian) =>
        JpegSegment(0xE1, [.. "Exif\0\0"u8, .. ExifTiff(orientation, littleEndian)]);
}
