using System.IO.Compression;
using SmpRender.Sampling;

namespace SmpRender.Tests.Zones;

/// <summary>Writes density maps as 8-bit greyscale PNG for inspection (white = full density).</summary>
internal static class DensityPng
{
    private static readonly uint[] CrcTable = BuildCrcTable();

    /// <summary>Saves the map when SMP_TEST_IMAGES names a folder; used to look at failures and new shapes.</summary>
    public static void SaveIfRequested(DensityMap map, string name, bool scar = false)
    {
        string? folder = Environment.GetEnvironmentVariable("SMP_TEST_IMAGES");
        if (string.IsNullOrEmpty(folder))
        {
            return;
        }
        Directory.CreateDirectory(folder);
        // Per photo pixel, interpolated from the cells as the sampler sees them.
        var grey = new byte[map.Width * map.Height];
        for (int i = 0; i < grey.Length; i++)
        {
            float v = scar ? map.ScarAt(i % map.Width, i / map.Width) : map.At(i % map.Width, i / map.Width);
            grey[i] = (byte)Math.Round(Math.Clamp(v, 0f, 1f) * 255);
        }
        File.WriteAllBytes(Path.Combine(folder, name + ".png"), Encode(map.Width, map.Height, grey));
    }

    public static byte[] Encode(int width, int height, byte[] grey)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        WriteBigEndian(header, 0, (uint)width);
        WriteBigEndian(header, 4, (uint)height);
        header[8] = 8;
        header[9] = 0;
        Chunk(output, "IHDR", header);
        using var raw = new MemoryStream();
        using (var z = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
        {
            for (int y = 0; y < height; y++)
            {
                z.WriteByte(0);
                z.Write(grey, y * width, width);
            }
        }
        Chunk(output, "IDAT", raw.ToArray());
        Chunk(output, "IEND", []);
        return output.ToArray();
    }

    private static void Chunk(Stream output, string type, byte[] data)
    {
        var length = new byte[4];
        WriteBigEndian(length, 0, (uint)data.Length);
        output.Write(length);
        byte[] typeBytes = System.Text.Encoding.ASCII.GetBytes(type);
        output.Write(typeBytes);
        output.Write(data);
        uint crc = 0xFFFFFFFF;
        foreach (byte b in typeBytes.Concat(data))
        {
            crc = CrcTable[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }
        var crcBytes = new byte[4];
        WriteBigEndian(crcBytes, 0, crc ^ 0xFFFFFFFF);
        output.Write(crcBytes);
    }

    private static void WriteBigEndian(byte[] buffer, int offset, uint value)
    {
        buffer[offset] = (byte)(value >> 24);
        buffer[offset + 1] = (byte)(value >> 16);
        buffer[offset + 2] = (byte)(value >> 8);
        buffer[offset + 3] = (byte)value;
    }

    private static uint[] BuildCrcTable()
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
}
