using System.Text;
using SmpRender.IO.Native;

namespace SmpRender.IO.Color;

/// <summary>
/// Conversion of embedded ICC profiles to sRGB through Little CMS, with the relative colorimetric
/// intent (matrix/TRC profiles such as Display P3 and Adobe RGB have no perceptual tables; this maps
/// in-gamut colours exactly and clips the rest).
/// </summary>
internal static unsafe class ColorManagement
{
    private const string Codec = "ICC";

    private static readonly Lazy<byte[]> SrgbProfile = new(CreateSrgbProfileBytes);

    /// <summary>The built-in sRGB profile (Little CMS <c>cmsCreate_sRGBProfile</c>) as ICC bytes, embedded in outputs.</summary>
    public static byte[] SrgbProfileBytes => SrgbProfile.Value;

    /// <summary>An opened profile: its description, colour space and whether it is sRGB already.</summary>
    public sealed class Profile : IDisposable
    {
        private nint _handle;

        internal Profile(nint handle, string? description, uint colorSpace)
        {
            _handle = handle;
            Description = description;
            ColorSpace = colorSpace;
        }

        public string? Description { get; }

        public uint ColorSpace { get; }

        public bool IsRgb => ColorSpace == Lcms.SignatureRgb;

        public bool IsCmyk => ColorSpace == Lcms.SignatureCmyk;

        /// <summary>Whether the profile describes sRGB itself, so converting would only add rounding.</summary>
        public bool IsSrgb => Description is not null && Description.Contains("sRGB", StringComparison.OrdinalIgnoreCase);

        public nint Handle => _handle != 0 ? _handle : throw new ObjectDisposedException(nameof(Profile));

        public void Dispose()
        {
            nint handle = Interlocked.Exchange(ref _handle, 0);
            if (handle != 0)
            {
                Lcms.CloseProfile(handle);
            }
        }
    }

    /// <summary>Opens an embedded profile; null when Little CMS cannot parse it (the photo is then read as sRGB).</summary>
    public static Profile? Open(byte[] icc, string pathForErrors)
    {
        NativeLibraries.Require(NativeLibraries.Lcms, pathForErrors, Codec);
        nint handle;
        fixed (byte* p = icc)
        {
            handle = Lcms.OpenProfileFromMem(p, (uint)icc.Length);
        }
        if (handle == 0)
        {
            return null;
        }
        return new Profile(handle, Describe(handle), Lcms.GetColorSpace(handle));
    }

    public static string? Describe(nint profile)
    {
        byte* buffer = stackalloc byte[512];
        byte* language = stackalloc byte[3] { (byte)'e', (byte)'n', 0 };
        byte* country = stackalloc byte[3] { (byte)'U', (byte)'S', 0 };
        uint n = Lcms.GetProfileInfoAscii(profile, Lcms.InfoDescription, language, country, buffer, 512);
        if (n == 0)
        {
            return null;
        }
        string text = Encoding.ASCII.GetString(buffer, (int)Math.Min(n, 512)).TrimEnd('\0').Trim();
        return text.Length == 0 ? null : text;
    }

    /// <summary>Converts RGBA pixels from an RGB profile to sRGB, in place, alpha untouched.</summary>
    public static void ConvertRgbaToSrgb(Photo photo, Profile profile, string pathForErrors)
    {
        nint srgb = Lcms.CreateSrgbProfile();
        try
        {
            nint transform = Lcms.CreateTransform(
                profile.Handle, Lcms.TypeRgba8, srgb, Lcms.TypeRgba8, Lcms.IntentRelativeColorimetric, Lcms.FlagCopyAlpha);
            if (transform == 0)
            {
                throw new PhotoException(pathForErrors, Codec, $"cannot convert from profile '{profile.Description}' to sRGB");
            }
            try
            {
                TransformRows(transform, photo.Pixels, photo.Pixels, photo.Width, photo.Height, Photo.Channels);
            }
            finally
            {
                Lcms.DeleteTransform(transform);
            }
        }
        finally
        {
            Lcms.CloseProfile(srgb);
        }
    }

    /// <summary>Converts CMYK (inverted when <paramref name="inverted"/>, as Adobe writes it) to opaque sRGB through a CMYK profile.</summary>
    public static void ConvertCmykToSrgb(ReadOnlySpan<byte> cmyk, Photo photo, Profile profile, bool inverted, string pathForErrors)
    {
        photo.Pixels.Fill(255);
        nint srgb = Lcms.CreateSrgbProfile();
        try
        {
            nint transform = Lcms.CreateTransform(
                profile.Handle, inverted ? Lcms.TypeCmyk8Reversed : Lcms.TypeCmyk8, srgb, Lcms.TypeRgba8, Lcms.IntentPerceptual, 0);
            if (transform == 0)
            {
                throw new PhotoException(pathForErrors, Codec, $"cannot convert from CMYK profile '{profile.Description}' to sRGB");
            }
            try
            {
                TransformRows(transform, cmyk, photo.Pixels, photo.Width, photo.Height, 4);
            }
            finally
            {
                Lcms.DeleteTransform(transform);
            }
        }
        finally
        {
            Lcms.CloseProfile(srgb);
        }
    }

    private static void TransformRows(nint transform, ReadOnlySpan<byte> input, Span<byte> output, int width, int height, int inputBytesPerPixel)
    {
        // Row bands keep each call short; the transform is used from this thread only.
        const int Band = 64;
        fixed (byte* src = input)
        fixed (byte* dst = output)
        {
            for (int y = 0; y < height; y += Band)
            {
                int rows = Math.Min(Band, height - y);
                Lcms.DoTransform(
                    transform,
                    src + ((long)y * width * inputBytesPerPixel),
                    dst + ((long)y * width * Photo.Channels),
                    (uint)(rows * width));
            }
        }
    }

    internal const int ProfileDateOffset = 24;
    internal const int ProfileDateLength = 12;

    private static byte[] CreateSrgbProfileBytes()
    {
        NativeLibraries.Require(NativeLibraries.Lcms, "sRGB profile", Codec);
        nint profile = Lcms.CreateSrgbProfile();
        try
        {
            uint size = 0;
            if (Lcms.SaveProfileToMem(profile, null, ref size) == 0 || size == 0)
            {
                throw new InvalidOperationException("Little CMS could not serialise its sRGB profile.");
            }
            var bytes = new byte[size];
            fixed (byte* p = bytes)
            {
                if (Lcms.SaveProfileToMem(profile, p, ref size) == 0)
                {
                    throw new InvalidOperationException("Little CMS could not serialise its sRGB profile.");
                }
            }

            // Little CMS stamps the profile with the time it was made (header bytes 24-35); a fixed
            // date keeps output files byte-identical from one run to the next.
            bytes.AsSpan(ProfileDateOffset, ProfileDateLength).Clear();
            return bytes;
        }
        finally
        {
            Lcms.CloseProfile(profile);
        }
    }
}
