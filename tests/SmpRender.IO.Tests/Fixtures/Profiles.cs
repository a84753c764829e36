using System.Text;
using SmpRender.IO.Native;

namespace SmpRender.IO.Tests.Fixtures;

/// <summary>ICC profiles made in code with Little CMS.</summary>
public static unsafe class Profiles
{
    /// <summary>Display P3: DCI-P3 primaries, D65 white, the sRGB transfer curve.</summary>
    public static byte[] DisplayP3(string description = "Display P3 (SmpRender test)")
    {
        NativeLibraries.Require(NativeLibraries.Lcms, "test", "ICC");
        var white = new Lcms.CieXyY { X = 0.3127, Y = 0.3290, YY = 1.0 };
        var primaries = new Lcms.CieXyYTriple
        {
            Red = new Lcms.CieXyY { X = 0.680, Y = 0.320, YY = 1.0 },
            Green = new Lcms.CieXyY { X = 0.265, Y = 0.690, YY = 1.0 },
            Blue = new Lcms.CieXyY { X = 0.150, Y = 0.060, YY = 1.0 },
        };
        double* srgbCurve = stackalloc double[5] { 2.4, 1 / 1.055, 0.055 / 1.055, 1 / 12.92, 0.04045 };
        nint curve = Lcms.BuildParametricToneCurve(0, 4, srgbCurve);
        nint* curves = stackalloc nint[3] { curve, curve, curve };
        nint profile = Lcms.CreateRgbProfile(&white, &primaries, curves);
        Lcms.FreeToneCurve(curve);
        Assert.NotEqual(0, profile);
        try
        {
            nint mlu = Lcms.MluAlloc(0, 1);
            byte[] text = Encoding.ASCII.GetBytes(description + "\0");
            byte* lang = stackalloc byte[3] { (byte)'e', (byte)'n', 0 };
            byte* country = stackalloc byte[3] { (byte)'U', (byte)'S', 0 };
            fixed (byte* t = text)
            {
                Assert.NotEqual(0, Lcms.MluSetAscii(mlu, lang, country, t));
            }
            Assert.NotEqual(0, Lcms.WriteTag(profile, Lcms.TagProfileDescription, mlu));
            Lcms.MluFree(mlu);
            uint size = 0;
            Assert.NotEqual(0, Lcms.SaveProfileToMem(profile, null, ref size));
            var bytes = new byte[size];
            fixed (byte* p = bytes)
            {
                Assert.NotEqual(0, Lcms.SaveProfileToMem(profile, p, ref size));
            }
            return bytes;
        }
        finally
        {
            Lcms.CloseProfile(profile);
        }
    }

    /// <summary>
    /// The sRGB value of a Display P3 colour, computed from the published matrices
    /// (P3-D65 RGB to XYZ, then XYZ to linear sRGB, IEC 61966-2-1), independently of Little CMS.
    /// </summary>
    public static (double R, double G, double B) P3ToSrgb(byte r, byte g, byte b)
    {
        double[,] p3ToXyz =
        {
            { 0.4865709, 0.2656677, 0.1982173 },
            { 0.2289746, 0.6917385, 0.0792869 },
            { 0.0000000, 0.0451134, 1.0439444 },
        };
        double[,] xyzToSrgb =
        {
            { 3.2404542, -1.5371385, -0.4985314 },
            { -0.9692660, 1.8760108, 0.0415560 },
            { 0.0556434, -0.2040259, 1.0572252 },
        };
        double[] linear = [Decode(r / 255.0), Decode(g / 255.0), Decode(b / 255.0)];
        double[] xyz = Multiply(p3ToXyz, linear);
        double[] srgb = Multiply(xyzToSrgb, xyz);
        return (255 * Encode(srgb[0]), 255 * Encode(srgb[1]), 255 * Encode(srgb[2]));
    }

    private static double[] Multiply(double[,] m, double[] v) =>
        [
            (m[0, 0] * v[0]) + (m[0, 1] * v[1]) + (m[0, 2] * v[2]),
            (m[1, 0] * v[0]) + (m[1, 1] * v[1]) + (m[1, 2] * v[2]),
            (m[2, 0] * v[0]) + (m[2, 1] * v[1]) + (m[2, 2] * v[2]),
        ];

    private static double Decode(double v) => v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);

    private static double Encode(double v)
    {
        v = Math.Clamp(v, 0, 1);
        return v <= 0.0031308 ? 12.92 * v : (1.055 * Math.Pow(v, 1 / 2.4)) - 0.055;
    }
}
