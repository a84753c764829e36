using SmpRender.IO.Color;
using SmpRender.IO.Metadata;
using SmpRender.IO.Native;

namespace SmpRender.IO.Codecs;

/// <summary>PNG through the libpng simplified API. Every png_image is freed with png_image_free.</summary>
internal static unsafe class PngCodec
{
    public const string Codec = "PNG";

    public static DecodeResult Decode(ReadOnlySpan<byte> data, string path, DecodeOptions options)
    {
        NativeLibraries.Require(NativeLibraries.Png, path, Codec);
        PngChunks chunks = PngChunks.Scan(data);
        // The header is checked before libpng is even asked: it accepts a header claiming 20000x20000.
        if (chunks.Width > 0 && chunks.Height > 0)
        {
            Limits.Check(chunks.Width, chunks.Height, options, path, Codec);
        }
        LibPng.Image image = default;
        image.Version = LibPng.ImageVersion;
        try
        {
            fixed (byte* src = data)
            {
                if (LibPng.BeginReadFromMemory(&image, src, (nuint)data.Length) == 0)
                {
                    throw new PhotoException(path, Codec, Reason(image.MessageText()));
                }
                Limits.Check(image.Width, image.Height, options, path, Codec);
                bool hasAlpha = (image.Format & LibPng.FormatFlagAlpha) != 0;
                using ColorManagement.Profile? profile = chunks.Icc is null ? null : ColorManagement.Open(chunks.Icc, path);
                var info = new PhotoInfo(PhotoFormat.Png, chunks.BitDepth == 16 ? 16 : 8, hasAlpha, chunks.ExifOrientation, profile?.Description);
                // 16-bit samples are sRGB-encoded unless the file says otherwise; without this flag
                // libpng treats them as linear and the photo comes out too bright.
                image.Format = LibPng.FormatRgba;
                image.Flags |= LibPng.ImageFlag16BitSrgb;
                Photo photo = Photo.Create((int)image.Width, (int)image.Height, info, clear: false);
                try
                {
                    fixed (byte* dst = photo.Pixels)
                    {
                        // Row stride is counted in components, not bytes.
                        if (LibPng.FinishRead(&image, null, dst, photo.Width * Photo.Channels, null) == 0)
                        {
                            throw new PhotoException(path, Codec, Reason(image.MessageText()));
                        }
                    }
                }
                catch
                {
                    photo.Dispose();
                    throw;
                }
                byte[]? icc = profile is { IsRgb: true, IsSrgb: false } ? chunks.Icc : null;
                return new DecodeResult(photo, icc, chunks.ExifOrientation);
            }
        }
        finally
        {
            LibPng.Free(&image);
        }
    }

    private static string Reason(string message)
    {
        if (message.Length == 0)
        {
            return "invalid PNG data";
        }
        if (message.Contains("Not enough image data", StringComparison.OrdinalIgnoreCase)
            || message.Contains("unexpected end", StringComparison.OrdinalIgnoreCase)
            || message.Contains("Read Error", StringComparison.OrdinalIgnoreCase))
        {
            return $"truncated data ({message})";
        }
        return message;
    }

    public static void Encode(Photo photo, EncodeOptions options, Stream output, string path)
    {
        NativeLibraries.Require(NativeLibraries.Png, path, Codec);
        bool opaque = IsOpaque(photo);
        int channels = opaque ? 3 : 4;
        byte[]? rgb = null;
        LibPng.Image image = default;
        image.Version = LibPng.ImageVersion;
        image.Width = (uint)photo.Width;
        image.Height = (uint)photo.Height;
        image.Format = opaque ? LibPng.FormatRgb : LibPng.FormatRgba;
        // libpng's fast mode (no filter search, zlib level 3): about 6x faster on a 12 MP photo, about 1.5x larger.
        image.Flags = options.FastPng ? LibPng.ImageFlagFast : 0;
        long rowBytes = (long)photo.Width * channels;
        long raw = (rowBytes + 1) * photo.Height;
        long bound = raw + ((raw + 7) >> 3) + ((raw + 63) >> 6) + 11;
        long maxSize = bound + 8 + 25 + 16 + 44 + 12 + 12 + (12 * (bound / 8192)) + 4096;
        if (maxSize > Array.MaxLength / 2)
        {
            throw new PhotoException(path, Codec, $"{photo.Width}x{photo.Height} is too large to encode as PNG in memory");
        }
        byte[] buffer = Buffers.Pool.Rent((int)maxSize);
        try
        {
            ReadOnlySpan<byte> source = photo.Pixels;
            if (opaque)
            {
                rgb = Buffers.Pool.Rent(checked((int)(rowBytes * photo.Height)));
                DropAlpha(photo.Pixels, rgb);
                source = rgb.AsSpan(0, (int)(rowBytes * photo.Height));
            }
            nuint size = (nuint)buffer.Length;
            fixed (byte* src = source)
            fixed (byte* dst = buffer)
            {
                if (LibPng.WriteToMemory(&image, dst, ref size, 0, src, (int)rowBytes, null) == 0)
                {
                    string message = image.MessageText();
                    throw new PhotoException(path, Codec, message.Length == 0 ? "encoding failed" : message);
                }
            }
            output.Write(buffer, 0, (int)size);
        }
        finally
        {
            LibPng.Free(&image);
            Buffers.Pool.Return(buffer);
            if (rgb is not null)
            {
                Buffers.Pool.Return(rgb);
            }
        }
    }

    private static bool IsOpaque(Photo photo)
    {
        ReadOnlySpan<byte> px = photo.Pixels;
        for (int i = 3; i < px.Length; i += 4)
        {
            if (px[i] != 255)
            {
                return false;
            }
        }
        return true;
    }

    private static void DropAlpha(ReadOnlySpan<byte> rgba, Span<byte> rgb)
    {
        for (int i = 0, j = 0; i < rgba.Length; i += 4, j += 3)
        {
            rgb[j] = rgba[i];
            rgb[j + 1] = rgba[i + 1];
            rgb[j + 2] = rgba[i + 2];
        }
    }
}
