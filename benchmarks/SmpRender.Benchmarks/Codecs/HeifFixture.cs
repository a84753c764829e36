using System.Runtime.InteropServices;
using SmpRender.Imaging;
using SmpRender.IO.Native;

namespace SmpRender.Benchmarks.Codecs;

/// <summary>Makes a HEIC or AVIF of a photo with libheif's encoders (x265, aom) so decoding can be measured.</summary>
internal static unsafe partial class HeifFixture
{
    private const string Lib = "libheif.so.1";

    [StructLayout(LayoutKind.Sequential)]
    private struct HeifError
    {
        public int Code;
        public int Subcode;
        public nint Message;
    }

    public static byte[] Encode(Photo photo, bool avif, int quality)
    {
        NativeLibraries.Require(NativeLibraries.Heif, "benchmark", "HEIF");
        Init(0);
        nint context = ContextAlloc();
        nint encoder = 0;
        nint image = 0;
        nint handle = 0;
        string file = Path.Combine(Path.GetTempPath(), $"smprender-bench-{Guid.NewGuid():N}.{(avif ? "avif" : "heic")}");
        try
        {
            Ok(ContextGetEncoderForFormat(context, avif ? 4 : 1, out encoder));
            Ok(EncoderSetLossyQuality(encoder, quality));
            if (avif)
            {
                // The fastest aom preset: setting up the benchmark should not take minutes.
                EncoderSetParameterInteger(encoder, "speed", 9);
            }
            Ok(ImageCreate(photo.Width, photo.Height, 1, 11, out image));
            Ok(ImageAddPlane(image, 10, photo.Width, photo.Height, 8));
            byte* plane = ImageGetPlane(image, 10, out int stride);
            for (int y = 0; y < photo.Height; y++)
            {
                photo.Row(y).CopyTo(new Span<byte>(plane + ((long)y * stride), photo.Stride));
            }
            Ok(ContextEncodeImage(context, image, encoder, 0, out handle));
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

    [LibraryImport(Lib, EntryPoint = "heif_encoder_set_parameter_integer", StringMarshalling = StringMarshalling.Utf8)]
    private static partial HeifError EncoderSetParameterInteger(nint encoder, string name, int value);

    [LibraryImport(Lib, EntryPoint = "heif_encoder_release")]
    private static partial void EncoderRelease(nint encoder);

    [LibraryImport(Lib, EntryPoint = "heif_image_create")]
    private static partial HeifError ImageCreate(int width, int height, int colorspace, int chroma, out nint image);

    [LibraryImport(Lib, EntryPoint = "heif_image_add_plane")]
    private static partial HeifError ImageAddPlane(nint image, int channel, int width, int height, int bitDepth);

    [LibraryImport(Lib, EntryPoint = "heif_image_get_plane")]
    private static partial byte* ImageGetPlane(nint image, int channel, out int stride);

    [LibraryImport(Lib, EntryPoint = "heif_image_release")]
    private static partial void ImageRelease(nint image);

    [LibraryImport(Lib, EntryPoint = "heif_context_encode_image")]
    private static partial HeifError ContextEncodeImage(nint context, nint image, nint encoder, nint options, out nint handle);

    [LibraryImport(Lib, EntryPoint = "heif_image_handle_release")]
    private static partial void ImageHandleRelease(nint handle);

    [LibraryImport(Lib, EntryPoint = "heif_context_write_to_file", StringMarshalling = StringMarshalling.Utf8)]
    private static partial HeifError ContextWriteToFile(nint context, string path);
}
