using System.Runtime.InteropServices;

namespace SmpRender.IO.Native;

/// <summary>Little CMS 2 (liblcms2.so.2).</summary>
internal static unsafe partial class Lcms
{
    // Pixel formats: COLORSPACE_SH(pt) | EXTRA_SH(e) | CHANNELS_SH(c) | BYTES_SH(b), FLAVOR_SH for inverted ink.
    public const uint TypeRgba8 = (4u << 16) | (1u << 7) | (3u << 3) | 1u;
    public const uint TypeCmyk8 = (6u << 16) | (4u << 3) | 1u;
    public const uint TypeCmyk8Reversed = TypeCmyk8 | (1u << 13);

    public const uint IntentPerceptual = 0;
    public const uint IntentRelativeColorimetric = 1;

    public const uint FlagCopyAlpha = 0x04000000;

    public const uint SignatureRgb = 0x52474220; // 'RGB '
    public const uint SignatureCmyk = 0x434D594B; // 'CMYK'
    public const uint SignatureGray = 0x47524159; // 'GRAY'
    public const uint TagProfileDescription = 0x64657363; // 'desc'

    public const int InfoDescription = 0;

    private const string Lib = NativeLibraries.Lcms;

    [StructLayout(LayoutKind.Sequential)]
    public struct CieXyY
    {
        public double X;
        public double Y;
        public double YY;
    }

    [StructLayout(LayoutKind.Sequential)]
    public struct CieXyYTriple
    {
        public CieXyY Red;
        public CieXyY Green;
        public CieXyY Blue;
    }

    [LibraryImport(Lib, EntryPoint = "cmsOpenProfileFromMem")]
    public static partial nint OpenProfileFromMem(byte* memory, uint size);

    [LibraryImport(Lib, EntryPoint = "cmsCreate_sRGBProfile")]
    public static partial nint CreateSrgbProfile();

    [LibraryImport(Lib, EntryPoint = "cmsCreateRGBProfile")]
    public static partial nint CreateRgbProfile(CieXyY* whitePoint, CieXyYTriple* primaries, nint* transferFunction);

    [LibraryImport(Lib, EntryPoint = "cmsBuildParametricToneCurve")]
    public static partial nint BuildParametricToneCurve(nint context, int type, double* parameters);

    [LibraryImport(Lib, EntryPoint = "cmsFreeToneCurve")]
    public static partial void FreeToneCurve(nint curve);

    [LibraryImport(Lib, EntryPoint = "cmsCloseProfile")]
    public static partial int CloseProfile(nint profile);

    [LibraryImport(Lib, EntryPoint = "cmsGetColorSpace")]
    public static partial uint GetColorSpace(nint profile);

    [LibraryImport(Lib, EntryPoint = "cmsGetProfileInfoASCII")]
    public static partial uint GetProfileInfoAscii(nint profile, int info, byte* languageCode, byte* countryCode, byte* buffer, uint bufferSize);

    [LibraryImport(Lib, EntryPoint = "cmsSaveProfileToMem")]
    public static partial int SaveProfileToMem(nint profile, byte* memory, ref uint bytesNeeded);

    [LibraryImport(Lib, EntryPoint = "cmsCreateTransform")]
    public static partial nint CreateTransform(nint input, uint inputFormat, nint output, uint outputFormat, uint intent, uint flags);

    [LibraryImport(Lib, EntryPoint = "cmsDoTransform")]
    public static partial void DoTransform(nint transform, byte* input, byte* output, uint pixelCount);

    [LibraryImport(Lib, EntryPoint = "cmsDeleteTransform")]
    public static partial void DeleteTransform(nint transform);

    [LibraryImport(Lib, EntryPoint = "cmsMLUalloc")]
    public static partial nint MluAlloc(nint context, uint items);

    [LibraryImport(Lib, EntryPoint = "cmsMLUsetASCII")]
    public static partial int MluSetAscii(nint mlu, byte* languageCode, byte* countryCode, byte* text);

    [LibraryImport(Lib, EntryPoint = "cmsMLUfree")]
    public static partial void MluFree(nint mlu);

    [LibraryImport(Lib, EntryPoint = "cmsWriteTag")]
    public static partial int WriteTag(nint profile, uint signature, nint data);
}
