namespace SmpRender.Imaging;

/// <summary>sRGB transfer function tables: 8-bit code to linear light, and linear light back to 8-bit.</summary>
internal static class SrgbLut
{
    private const int InverseSize = 4096;

    /// <summary>Linear light (0..1) of each 8-bit sRGB code.</summary>
    public static readonly float[] ToLinear = BuildToLinear();

    private static readonly byte[] Inverse = BuildInverse();

    /// <summary>Nearest 8-bit sRGB code of a linear value, clamped to [0, 1].</summary>
    public static byte FromLinear(float linear)
    {
        if (!(linear > 0f))
        {
            return 0;
        }
        if (linear >= 1f)
        {
            return 255;
        }
        return Inverse[(int)(linear * (InverseSize - 1) + 0.5f)];
    }

    public static double Decode(double v) => v <= 0.04045 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);

    public static double Encode(double v) => v <= 0.0031308 ? v * 12.92 : 1.055 * Math.Pow(v, 1 / 2.4) - 0.055;

    private static float[] BuildToLinear()
    {
        var table = new float[256];
        for (int i = 0; i < 256; i++)
        {
            table[i] = (float)Decode(i / 255.0);
        }
        return table;
    }

    private static byte[] BuildInverse()
    {
        var table = new byte[InverseSize];
        for (int i = 0; i < InverseSize; i++)
        {
            table[i] = (byte)Math.Clamp(Math.Round(Encode(i / (double)(InverseSize - 1)) * 255), 0, 255);
        }
        return table;
    }
}
