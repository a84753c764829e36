namespace SmpRender.Zones;

/// <summary>A position in photo pixels (as displayed, after orientation); pixel centres sit at integer + 0.5.</summary>
public readonly record struct Point2(double X, double Y)
{
    public override string ToString() => FormattableString.Invariant($"({X}, {Y})");

    internal static Point2 Checked(Point2 p, string name)
    {
        if (!double.IsFinite(p.X) || !double.IsFinite(p.Y))
        {
            throw new ArgumentOutOfRangeException(name, p, "coordinates must be finite numbers");
        }
        return p;
    }
}

/// <summary>Unit of a length given in a plan.</summary>
public enum LengthUnit
{
    Millimetres,
    Pixels,
}

/// <summary>A length in millimetres or photo pixels.</summary>
public readonly record struct Length(double Value, LengthUnit Unit)
{
    public static Length Mm(double value) => new(value, LengthUnit.Millimetres);

    public static Length Px(double value) => new(value, LengthUnit.Pixels);

    public double ToPixels(double pxPerMm) => Unit == LengthUnit.Pixels ? Value : Value * pxPerMm;

    public double ToMillimetres(double pxPerMm) => Unit == LengthUnit.Millimetres ? Value : Value / pxPerMm;
}
