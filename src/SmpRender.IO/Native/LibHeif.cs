using System.Runtime.InteropServices;

namespace SmpRender.IO.Native;

/// <summary>The decode API of libheif 1.x (libheif.so.1).</summary>
internal static unsafe partial class LibHeif
{
    public const int ColorspaceRgb = 1;
    public const int ChromaInterleavedRgba = 11;
    public const int ChannelInterleaved = 10;
    public const int ColorProfileRestrictedIcc = 0x72494343; // 'rICC'
    public const int ColorProfileIcc = 0x70726f66; // 'prof'

    private const string Lib = NativeLibraries.Heif;

    [StructLayout(LayoutKind.Sequential)]
    public struct Error
    {
        public int Code;
        public int Subcode;
        public nint Message;

        public readonly bool Ok => Code == 0;

        public readonly string Text => Marshal.PtrToStringUTF8(Message) ?? $"error {Code}.{Subcode}";
    }

    [LibraryImport(Lib, EntryPoint = "heif_init")]
    public static partial Error Init(nint parameters);

    [LibraryImport(Lib, EntryPoint = "heif_context_alloc")]
    public static partial nint ContextAlloc();

    [LibraryImport(Lib, EntryPoint = "heif_context_free")]
    public static partial void ContextFree(nint context);

    [LibraryImport(Lib, EntryPoint = "heif_context_read_from_memory_without_copy")]
    public static partial Error ContextReadFromMemoryWithoutCopy(nint context, byte* memory, nuint size, nint options);

    [LibraryImport(Lib, EntryPoint = "heif_context_get_primary_image_handle")]
    public static partial Error ContextGetPrimaryImageHandle(nint context, out nint handle);

    [LibraryImport(Lib, EntryPoint = "heif_image_handle_release")]
    public static partial void ImageHandleRelease(nint handle);

    [LibraryImport(Lib, EntryPoint = "heif_image_handle_get_width")]
    public static partial int ImageHandleGetWidth(nint handle);

    [LibraryImport(Lib, EntryPoint = "heif_image_handle_get_height")]
    public static partial int ImageHandleGetHeight(nint handle);

    [LibraryImport(Lib, EntryPoint = "heif_image_handle_has_alpha_channel")]
    public static partial int ImageHandleHasAlphaChannel(nint handle);

    [LibraryImport(Lib, EntryPoint = "heif_image_handle_get_luma_bits_per_pixel")]
    public static partial int ImageHandleGetLumaBitsPerPixel(nint handle);

    [LibraryImport(Lib, EntryPoint = "heif_image_handle_get_color_profile_type")]
    public static partial int ImageHandleGetColorProfileType(nint handle);

    [LibraryImport(Lib, EntryPoint = "heif_image_handle_get_raw_color_profile_size")]
    public static partial nuint ImageHandleGetRawColorProfileSize(nint handle);

    [LibraryImport(Lib, EntryPoint = "heif_image_handle_get_raw_color_profile")]
    public static partial Error ImageHandleGetRawColorProfile(nint handle, byte* output);

    [LibraryImport(Lib, EntryPoint = "heif_image_handle_get_list_of_metadata_block_IDs")]
    public static partial int ImageHandleGetListOfMetadataBlockIds(nint handle, byte* typeFilter, uint* ids, int count);

    [LibraryImport(Lib, EntryPoint = "heif_image_handle_get_metadata_size")]
    public static partial nuint ImageHandleGetMetadataSize(nint handle, uint id);

    [LibraryImport(Lib, EntryPoint = "heif_image_handle_get_metadata")]
    public static partial Error ImageHandleGetMetadata(nint handle, uint id, byte* output);

    [LibraryImport(Lib, EntryPoint = "heif_decode_image")]
    public static partial Error DecodeImage(nint handle, out nint image, int colorspace, int chroma, nint options);

    [LibraryImport(Lib, EntryPoint = "heif_image_get_plane_readonly")]
    public static partial byte* ImageGetPlaneReadonly(nint image, int channel, out int stride);

    [LibraryImport(Lib, EntryPoint = "heif_image_get_width")]
    public static partial int ImageGetWidth(nint image, int channel);

    [LibraryImport(Lib, EntryPoint = "heif_image_get_height")]
    public static partial int ImageGetHeight(nint image, int channel);

    [LibraryImport(Lib, EntryPoint = "heif_image_release")]
    public static partial void ImageRelease(nint image);
}
