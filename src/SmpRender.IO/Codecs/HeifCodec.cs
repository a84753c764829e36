using SmpRender.IO.Color;
using SmpRender.IO.Metadata;
using SmpRender.IO.Native;

namespace SmpRender.IO.Codecs;

/// <summary>
/// HEIC/HEIF/AVIF through libheif. libheif applies the irot/imir transformations itself, so the
/// EXIF orientation it carries is reported but never applied a second time.
/// </summary>
internal static unsafe class HeifCodec
{
    private static readonly object InitLock = new();
    private static bool _initialised;

    public static DecodeResult Decode(ReadOnlySpan<byte> data, string path, PhotoFormat format, DecodeOptions options)
    {
        string codec = format == PhotoFormat.Avif ? "AVIF" : "HEIF";
        NativeLibraries.Require(NativeLibraries.Heif, path, codec);
        EnsureInitialised();
        nint context = LibHeif.ContextAlloc();
        if (context == 0)
        {
            throw new PhotoException(path, codec, "cannot create a libheif context");
        }
        nint handle = 0;
        nint image = 0;
        try
        {
            fixed (byte* src = data)
            {
                Check(LibHeif.ContextReadFromMemoryWithoutCopy(context, src, (nuint)data.Length, 0), path, codec);
                Check(LibHeif.ContextGetPrimaryImageHandle(context, out handle), path, codec);
                int width = LibHeif.ImageHandleGetWidth(handle);
                int height = LibHeif.ImageHandleGetHeight(handle);
                Limits.Check(width, height, options, path, codec);
                bool hasAlpha = LibHeif.ImageHandleHasAlphaChannel(handle) != 0;
                int bits = LibHeif.ImageHandleGetLumaBitsPerPixel(handle);
                byte[]? icc = ReadProfile(handle);
                int exifOrientation = ReadExifOrientation(handle);
                using ColorManagement.Profile? profile = icc is null ? null : ColorManagement.Open(icc, path);
                var info = new PhotoInfo(format, bits > 8 ? bits : 8, hasAlpha, exifOrientation, profile?.Description);

                Check(LibHeif.DecodeImage(handle, out image, LibHeif.ColorspaceRgb, LibHeif.ChromaInterleavedRgba, 0), path, codec);
                int w = LibHeif.ImageGetWidth(image, LibHeif.ChannelInterleaved);
                int h = LibHeif.ImageGetHeight(image, LibHeif.ChannelInterleaved);
                Limits.Check(w, h, options, path, codec);
                byte* plane = LibHeif.ImageGetPlaneReadonly(image, LibHeif.ChannelInterleaved, out int stride);
                if (plane == null)
                {
                    throw new PhotoException(path, codec, "decoded image has no RGBA plane");
                }
                Photo photo = Photo.Create(w, h, info, clear: false);
                for (int y = 0; y < h; y++)
                {
                    new ReadOnlySpan<byte>(plane + ((long)y * stride), w * Photo.Channels).CopyTo(photo.Row(y));
                }
                byte[]? toApply = profile is { IsRgb: true, IsSrgb: false } ? icc : null;
                // Orientation 0: libheif has already turned the image.
                return new DecodeResult(photo, toApply, 0);
            }
        }
        finally
        {
            if (image != 0)
            {
                LibHeif.ImageRelease(image);
            }
            if (handle != 0)
            {
                LibHeif.ImageHandleRelease(handle);
            }
            LibHeif.ContextFree(context);
        }
    }

    private static void EnsureInitialised()
    {
        lock (InitLock)
        {
            if (!_initialised)
            {
                LibHeif.Init(0);
                _initialised = true;
            }
        }
    }

    private static byte[]? ReadProfile(nint handle)
    {
        int type = LibHeif.ImageHandleGetColorProfileType(handle);
        if (type is not (LibHeif.ColorProfileIcc or LibHeif.ColorProfileRestrictedIcc))
        {
            return null;
        }
        nuint size = LibHeif.ImageHandleGetRawColorProfileSize(handle);
        if (size == 0 || size > 16 << 20)
        {
            return null;
        }
        var icc = new byte[(int)size];
        fixed (byte* p = icc)
        {
            return LibHeif.ImageHandleGetRawColorProfile(handle, p).Ok ? icc : null;
        }
    }

    private static int ReadExifOrientation(nint handle)
    {
        byte* filter = stackalloc byte[5] { (byte)'E', (byte)'x', (byte)'i', (byte)'f', 0 };
        uint id;
        if (LibHeif.ImageHandleGetListOfMetadataBlockIds(handle, filter, &id, 1) < 1)
        {
            return 0;
        }
        nuint size = LibHeif.ImageHandleGetMetadataSize(handle, id);
        if (size < 4 || size > 1 << 20)
        {
            return 0;
        }
        var exif = new byte[(int)size];
        fixed (byte* p = exif)
        {
            if (!LibHeif.ImageHandleGetMetadata(handle, id, p).Ok)
            {
                return 0;
            }
        }
        // The HEIF Exif item starts with a 4-byte offset to the TIFF header.
        uint offset = (uint)((exif[0] << 24) | (exif[1] << 16) | (exif[2] << 8) | exif[3]);
        return offset + 4 < (uint)exif.Length ? ExifReader.ReadOrientation(exif.AsSpan(4 + (int)offset)) : 0;
    }

    private static void Check(LibHeif.Error error, string path, string codec)
    {
        if (!error.Ok)
        {
            throw new PhotoException(path, codec, error.Text);
        }
    }
}
