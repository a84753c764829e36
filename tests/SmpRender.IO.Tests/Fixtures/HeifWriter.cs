using System.Runtime.InteropServices;
using SmpRender.Imaging;
using SmpRender.IO.Native;

namespace SmpRender.IO.Tests.Fixtures;

/// <summary>Makes HEIC and AVIF files at test time with libheif's encoders (x265 and aom on Debian).</summary>
public static unsafe partial class HeifWriter
{
    private const string Lib = "libheif.so.1";
    private const int FormatHevc = 1;
    private const int FormatAv1 = 4;
    private const int ChannelInterleaved = 10;

    public static byte[] Encode(Photo photo, bool avif, int quality = 90, byte[]? exif = null, byte[]? icc = null)
    {
        NativeLibraries.Require(NativeLibraries.Heif, "test", "HEIF");
        Init(0);
        nint context = ContextAlloc();
        nint encoder = 0;
        nint image = 0;
        nint handle = 0;
        string file = Path.Combine(Path.GetTempPath(), $"smprender-heif-{Guid.NewGuid():N}.{(avif ? "avif" : "heic")}");
        try
        {
            Ok(ContextGetEncoderForFormat(context, avif ? FormatAv1 : FormatHevc, out encoder));
            Ok(EncoderSetLossyQuality(encoder, quality));
            Ok(ImageCreate(photo.Width, photo.Height, 1, 11, out image));
            Ok(ImageAddPlane(image, ChannelInterleaved, photo.Width, photo.Height, 8));
            byte* plane = ImageGetPlane(image, ChannelInterleaved, out int stride);
            for (int y = 0; y < photo.Height; y++)
            {
                photo.Row(y).CopyTo(new Span<byte>(plane + (y * stride), photo.Stride));
            }
            if (icc is not null)
            {
                byte* type = stackalloc byte[5] { (byte)'p', (byte)'r', (byte)'o', (byte)'f', 0 };
                fixed (byte* p = icc)
                {
                    Ok(ImageSetRawColorProfile(image, type, p, (nuint)icc.Length));
                }
            }
            Ok(ContextEncodeImage(context, image, encoder, 0, out handle));
            if (exif is not null)
            {
                fixed (byte* p = exif)
                {
                    Ok(ContextAddExifMetadata(context, handle, p, exif.Length));
                }
            }
            Ok(ContextWriteToFile(context, file));
            return File.ReadAllBytes(file);
        }
        finally
        {
            if (handle != 0)
            {
                ImageHandleRelease(handle);
            }
            if (image != 0)
            {
                ImageRelease(image);
            }
            if (encoder != 0)
            {
                EncoderRelease(encoder);
            }
            ContextFree(context);
            File.Delete(file);
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct HeifError
    {
        public int Code;
        public int Subcode;
        public nint Message;
    }

    private static void Ok(HeifError error)
    {
        if (error.Code != 0)
        {
            throw new InvalidOperationException($"libheif: {Marshal.PtrToStringUTF8(error.Message)}");
        }
    }

    [LibraryImport(Lib, EntryPoint = "heif_init")]
    private static partial HeifError Init(nint parameters);

    [LibraryImport(Lib, EntryPoint = "heif_context_alloc")]
    private static partial nint ContextAlloc();

    [LibraryImport(Lib, EntryPoint = "heif_context_free")]
    private static partial void ContextFree(nint context);

    [LibraryImport(Lib, EntryPoint = "heif_context_get_encoder_for_format")]
    private static partial HeifError ContextGetEncoderForFormat(nint context, int format, out nint encoder);

    [LibraryImport(Lib, EntryPoint = "heif_encoder_set_lossy_quality")]
    private static partial HeifError EncoderSetLossyQuality(nint encoder, int quality);

    [LibraryImport(Lib, EntryPoint = "heif_encoder_release")]
    private static partial void EncoderRelease(nint encoder);

    [LibraryImport(Lib, EntryPoint = "heif_image_create")]
    private static partial HeifError ImageCreate(int width, int height, int colorspace, int chroma, out nint image);

    [LibraryImport(Lib, EntryPoint = "heif_image_add_plane")]
    private static partial HeifError ImageAddPlane(nint image, int channel, int width, int height, int bitDepth);

    [LibraryImport(Lib, EntryPoint = "heif_image_get_plane")]
    private static partial byte* ImageGetPlane(nint image, int channel, out int stride);

    [LibraryImport(Lib, EntryPoint = "heif_image_set_raw_color_profile")]
    private static partial HeifError ImageSetRawColorProfile(nint image, byte* type, byte* data, nuint size);

    [LibraryImport(Lib, EntryPoint = "heif_image_release")]
    private static partial void ImageRelease(nint image);

    [LibraryImport(Lib, EntryPoint = "heif_context_encode_image")]
    private static partial HeifError ContextEncodeImage(nint context, nint image, nint encoder, nint options, out nint handle);

    [LibraryImport(Lib, EntryPoint = "heif_context_add_exif_metadata")]
    private static partial HeifError ContextAddExifMetadata(nint context, nint handle, byte* data, int size);

    [LibraryImport(Lib, EntryPoint = "heif_image_handle_release")]
    private static partial void ImageHandleRelease(nint handle);

    [LibraryImport(Lib, EntryPoint = "heif_context_write_to_file", StringMarshalling = StringMarshalling.Utf8)]
    private static partial HeifError ContextWriteToFile(nint context, string path);
}
