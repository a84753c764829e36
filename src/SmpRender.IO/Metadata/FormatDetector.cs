using System.Buffers.Binary;
using System.Text;

namespace SmpRender.IO.Metadata;

/// <summary>Tells formats apart by their magic bytes (never by the file extension).</summary>
internal static class FormatDetector
{
    public static PhotoFormat Detect(ReadOnlySpan<byte> data)
    {
        if (data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF)
        {
            return PhotoFormat.Jpeg;
        }
        if (data.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return PhotoFormat.Png;
        }
        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data.Slice(8, 4).SequenceEqual("WEBP"u8))
        {
            return PhotoFormat.WebP;
        }
        return DetectIsoMedia(data);
    }

    /// <summary>HEIF and AVIF: an ISO base media file whose ftyp box names an image brand.</summary>
    private static PhotoFormat DetectIsoMedia(ReadOnlySpan<byte> data)
    {
        if (data.Length < 16 || !data.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            return PhotoFormat.Unknown;
        }
        uint boxSize = BinaryPrimitives.ReadUInt32BigEndian(data);
        int end = (int)Math.Min(Math.Max(boxSize, 16u), (uint)data.Length);
        string major = Encoding.ASCII.GetString(data.Slice(8, 4));
        if (major is not ("mif1" or "msf1"))
        {
            PhotoFormat byMajor = Classify(data.Slice(8, 4));
            if (byMajor != PhotoFormat.Unknown)
            {
                return byMajor;
            }
        }
        // A generic major brand (mif1, or a video brand): the compatible brands decide; AVIF wins over HEIF.
        PhotoFormat found = major is "mif1" or "msf1" ? PhotoFormat.Heif : PhotoFormat.Unknown;
        for (int i = 16; i + 4 <= end; i += 4)
        {
            PhotoFormat brand = Classify(data.Slice(i, 4));
            if (brand == PhotoFormat.Avif)
            {
                return PhotoFormat.Avif;
            }
            if (brand == PhotoFormat.Heif)
            {
                found = PhotoFormat.Heif;
            }
        }
        return found;
    }

    private static PhotoFormat Classify(ReadOnlySpan<byte> brand) => Encoding.ASCII.GetString(brand) switch
    {
        "avif" or "avis" => PhotoFormat.Avif,
        "heic" or "heix" or "hevc" or "hevx" or "heim" or "heis" or "hevm" or "hevs" or "mif1" or "msf1" => PhotoFormat.Heif,
        _ => PhotoFormat.Unknown,
    };

    /// <summary>Names a format SmpRender recognises but does not read, or null when the bytes mean nothing known.</summary>
    public static string? DescribeUnsupported(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith("GIF87a"u8) || data.StartsWith("GIF89a"u8))
        {
            return "GIF";
        }
        if (data.Length >= 14 && data.StartsWith("BM"u8))
        {
            return "BMP";
        }
        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8))
        {
            return "TIFF (or a camera raw file)";
        }
        if (data.StartsWith("%PDF"u8))
        {
            return "PDF";
        }
        if (data.StartsWith("8BPS"u8))
        {
            return "Photoshop PSD";
        }
        if (data.StartsWith((ReadOnlySpan<byte>)[0xFF, 0x0A]) || (data.Length >= 12 && data.Slice(4, 8).SequenceEqual((ReadOnlySpan<byte>)[0x4A, 0x58, 0x4C, 0x20, 0x0D, 0x0A, 0x87, 0x0A])))
        {
            return "JPEG XL";
        }
        if (data.Length >= 12 && data.Slice(4, 8).SequenceEqual((ReadOnlySpan<byte>)[0x6A, 0x50, 0x20, 0x20, 0x0D, 0x0A, 0x87, 0x0A]))
        {
            return "JPEG 2000";
        }
        if (data.StartsWith((ReadOnlySpan<byte>)[0x00, 0x00, 0x01, 0x00]))
        {
            return "ICO";
        }
        if (data.StartsWith("RIFF"u8))
        {
            return "RIFF (not WebP)";
        }
        if (data.Length >= 12 && data.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            return $"ISO media '{Encoding.ASCII.GetString(data.Slice(8, 4))}' (a video or unsupported image brand)";
        }
        if (data.StartsWith("PK\x03\x04"u8))
        {
            return "ZIP archive";
        }
        ReadOnlySpan<byte> head = data[..Math.Min(data.Length, 256)].TrimStart(" \t\r\n"u8).TrimStart((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]);
        if (head.StartsWith("<?xml"u8) || head.StartsWith("<svg"u8))
        {
            return "SVG/XML text";
        }
        return null;
    }
}
