using System.Globalization;

namespace SmpRender.Color;

/// <summary>An 8-bit sRGB colour.</summary>
public readonly record struct Rgb8(byte R, byte G, byte B)
{
    /// <summary>Parses <c>#rrggbb</c> or <c>rrggbb</c>.</summary>
    public static Rgb8 FromHex(string hex)
    {
        ArgumentNullException.ThrowIfNull(hex);
        ReadOnlySpan<char> s = hex.AsSpan().Trim();
        if (s.StartsWith("#"))
        {
            s = s[1..];
        }
        if (s.Length != 6 || !int.TryParse(s, NumberStyles.HexNumber, CultureInfo.InvariantCulture, out int v))
        {
            throw new FormatException($"'{hex}' is not a colour of the form #rrggbb");
        }
        return new Rgb8((byte)(v >> 16), (byte)(v >> 8), (byte)v);
    }

    public string ToHex() => $"#{R:x2}{G:x2}{B:x2}";

    public LinearRgb ToLinear() => new(Srgb.ToLinear(R), Srgb.ToLinear(G), Srgb.ToLinear(B));

    public Lab ToLab() => ToLinear().ToLab();

    public override string ToString() => ToHex();
}

/// <summary>A colour in linear-light sRGB primaries (D65), components nominally in [0, 1].</summary>
public readonly record struct LinearRgb(double R, double G, double B)
{
    /// <summary>Relative luminance Y (0..1).</summary>
    public double Luminance => 0.2126729 * R + 0.7151522 * G + 0.0721750 * B;

    public Xyz ToXyz() => new(
        0.4124564 * R + 0.3575761 * G + 0.1804375 * B,
        0.2126729 * R + 0.7151522 * G + 0.0721750 * B,
        0.0193339 * R + 0.1191920 * G + 0.9503041 * B);

    public Lab ToLab() => ToXyz().ToLab();

    /// <summary>Nearest 8-bit sRGB colour (components clamped to [0, 1]).</summary>
    public Rgb8 ToRgb8() => new(Srgb.ToByteExact(R), Srgb.ToByteExact(G), Srgb.ToByteExact(B));

    public static LinearRgb operator *(LinearRgb a, LinearRgb b) => new(a.R * b.R, a.G * b.G, a.B * b.B);
}

/// <summary>CIE 1931 XYZ tristimulus values with the D65 white at Y = 1.</summary>
public readonly record struct Xyz(double X, double Y, double Z)
{
    /// <summary>The D65 reference white (2° observer), Y = 1.</summary>
    public static Xyz D65 { get; } = new(0.95047, 1.0, 1.08883);

    public LinearRgb ToLinearRgb() => new(
        3.2404542 * X - 1.5371385 * Y - 0.4985314 * Z,
        -0.9692660 * X + 1.8760108 * Y + 0.0415560 * Z,
        0.0556434 * X - 0.2040259 * Y + 1.0572252 * Z);

    public Lab ToLab()
    {
        double fx = F(X / D65.X), fy = F(Y / D65.Y), fz = F(Z / D65.Z);
        return new Lab(116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz));
    }

    private static double F(double t) =>
        t > Lab.Epsilon ? Math.Cbrt(t) : (Lab.Kappa * t + 16) / 116;
}

/// <summary>A CIELAB (D65) colour: L* in [0, 100], a* and b* unbounded.</summary>
public readonly record struct Lab(double L, double A, double B)
{
    internal const double Epsilon = 216.0 / 24389.0;
    internal const double Kappa = 24389.0 / 27.0;

    /// <summary>Chroma C*ab.</summary>
    public double Chroma => Math.Sqrt(A * A + B * B);

    /// <summary>Hue angle h_ab in degrees, [0, 360).</summary>
    public double Hue
    {
        get
        {
            double h = Math.Atan2(B, A) * 180 / Math.PI;
            return h < 0 ? h + 360 : h;
        }
    }

    public Xyz ToXyz()
    {
        double fy = (L + 16) / 116, fx = fy + A / 500, fz = fy - B / 200;
        double xr = fx * fx * fx > Epsilon ? fx * fx * fx : (116 * fx - 16) / Kappa;
        double yr = L > Kappa * Epsilon ? fy * fy * fy : L / Kappa;
        double zr = fz * fz * fz > Epsilon ? fz * fz * fz : (116 * fz - 16) / Kappa;
        return new Xyz(xr * Xyz.D65.X, yr * Xyz.D65.Y, zr * Xyz.D65.Z);
    }

    public LinearRgb ToLinearRgb() => ToXyz().ToLinearRgb();

    public Rgb8 ToRgb8() => ToLinearRgb().ToRgb8();

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"L*{L:0.0} a*{A:0.0} b*{B:0.0}");
}
