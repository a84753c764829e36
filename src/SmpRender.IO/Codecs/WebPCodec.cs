using SmpRender.IO.Color;
using SmpRender.IO.Metadata;
using SmpRender.IO.Native;

namespace SmpRender.IO.Codecs;

/// <summary>WebP through libwebp's simple API. libwebp returns NULL without a message on bad data.</summary>
internal static unsafe class WebPCodec
{
    public const string Codec = "WebP";

    public static DecodeResult Decode(ReadOnlySpan<byte> data, string path, DecodeOptions options)
    {
        NativeLibraries.Require(NativeLibraries.WebP, path, Codec);
        WebPChunks chunks = WebPChunks.Scan(data);
        if (chunks.IsAnimated)
        {
            throw new PhotoException(path, Codec, "animated WebP is not supported");
        }
        fixed (byte* src = data)
        {
            if (LibWebP.GetInfo(src, (nuint)data.Length, out int width, out int height) == 0)
            {
                throw new PhotoException(path, Codec, "invalid WebP header");
            }
            Limits.Check(width, height, options, path, Codec);
            using ColorManagement.Profile? profile = chunks.Icc is null ? null : ColorManagement.Open(chunks.Icc, path);
            var info = new PhotoInfo(PhotoFormat.WebP, 8, chunks.HasAlpha, chunks.ExifOrientation, profile?.Description);
            Photo photo = Photo.Create(width, height, info, clear: false);
            try
            {
                fixed (byte* dst = photo.Pixels)
                {
                    if (LibWebP.DecodeRgbaInto(src, (nuint)data.Length, dst, (nuint)photo.Pixels.Length, photo.Stride) == null)
                    {
                        throw new PhotoException(path, Codec, "invalid or truncated WebP data (libwebp could not decode it)");
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

    public static void Encode(Photo photo, EncodeOptions options, Stream output, string path)
    {
        NativeLibraries.Require(NativeLibraries.WebP, path, Codec);
        if (photo.Width > 16383 || photo.Height > 16383)
        {
            throw new PhotoException(path, Codec, $"{photo.Width}x{photo.Height} exceeds the WebP limit of 16383x16383");
        }
        nint encoded = 0;
        try
        {
            nuint size;
            fixed (byte* src = photo.Pixels)
            {
                size = options.Lossless
                    ? LibWebP.EncodeLosslessRgba(src, photo.Width, photo.Height, photo.Stride, out encoded)
                    : LibWebP.EncodeRgba(src, photo.Width, photo.Height, photo.Stride, options.Quality, out encoded);
            }
            if (size == 0 || encoded == 0)
            {
                throw new PhotoException(path, Codec, "encoding failed");
            }
            output.Write(new ReadOnlySpan<byte>((void*)encoded, checked((int)size)));
        }
        finally
        {
            if (encoded != 0)
            {
                LibWebP.Free(encoded);
            }
        }
    }
}
