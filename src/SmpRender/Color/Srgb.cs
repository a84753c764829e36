using System.Runtime.CompilerServices;

namespace SmpRender.Color;

/// <summary>
/// The sRGB transfer function (IEC 61966-2-1): 8-bit encoded values to linear light and back.
/// Decoding 8-bit values goes through a 256-entry table; encoding linear light to 8 bits goes through a
/// 4,096-entry table indexed by the square root of the linear value (fine in the shadows, small enough to stay
/// in the L1 cache), so that every 8-bit code round-trips exactly.
/// </summary>
public static class Srgb
{
    private const int EncodeSteps = 4095;

    private static readonly float[] DecodeTable = BuildDecodeTable();
    private static readonly byte[] EncodeTable = BuildEncodeTable();

    /// <summary>Linear value in [0, 1] of every 8-bit sRGB code.</summary>
    public static ReadOnlySpan<float> DecodeLut => DecodeTable;

    /// <summary>Exact sRGB decode of an encoded value in [0, 1].</summary>
    public static double ToLinear(double encoded) =>
        encoded <= 0.04045 ? encoded / 12.92 : Math.Pow((encoded + 0.055) / 1.055, 2.4);

    /// <summary>Exact sRGB encode of a linear value in [0, 1].</summary>
    public static double FromLinear(double linear) =>
        linear <= 0.0031308 ? linear * 12.92 : 1.055 * Math.Pow(linear, 1.0 / 2.4) - 0.055;

    /// <summary>Linear value of an 8-bit code (table lookup).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float ToLinear(byte code) => DecodeTable[code];

    /// <summary>Relative luminance Y (D65, 0 to 1) of an 8-bit sRGB pixel.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float Luminance(byte r, byte g, byte b) =>
        0.2126729f * ToLinear(r) + 0.7151522f * ToLinear(g) + 0.0721750f * ToLinear(b);

    /// <summary>8-bit code nearest to a linear value (table lookup; clamps to [0, 1]).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static byte ToByte(float linear)
    {
        int i = (int)(MathF.Sqrt(MathF.Max(linear, 0f)) * EncodeSteps + 0.5f);
        return EncodeTable[Math.Min(i, EncodeSteps)];
    }

    /// <summary>The encode table: entry i is the 8-bit code of the linear value (i / 4095)².</summary>
    internal static byte[] EncodeLut => EncodeTable;

    internal const int EncodeLutSteps = EncodeSteps;

    /// <summary>8-bit code nearest to a linear value, exact (no table).</summary>
    public static byte ToByteExact(double linear) =>
        (byte)Math.Clamp((int)Math.Round(FromLinear(Math.Clamp(linear, 0, 1)) * 255.0), 0, 255);

    private static float[] BuildDecodeTable()
    {
        var table = new float[256];
        for (int i = 0; i < 256; i++)
        {
            table[i] = (float)ToLinear(i / 255.0);
        }
        return table;
    }

    private static byte[] BuildEncodeTable()
    {
        var table = new byte[EncodeSteps + 1];
        for (int i = 0; i <= EncodeSteps; i++)
        {
            double root = i / (double)EncodeSteps;
            table[i] = ToByteExact(root * root);
        }
        return table;
    }
}
