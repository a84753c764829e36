namespace SmpRender.Color;

/// <summary>
/// The Monk Skin Tone scale (Ellis Monk, 2019; published by Google in 2022): ten reference colours,
/// level 1 the lightest to level 10 the deepest.
/// </summary>
public static class MonkSkinTone
{
    private static readonly Rgb8[] Swatches =
    [
        Rgb8.FromHex("#f6ede4"), Rgb8.FromHex("#f3e7db"), Rgb8.FromHex("#f7ead0"), Rgb8.FromHex("#eadaba"),
        Rgb8.FromHex("#d7bd96"), Rgb8.FromHex("#a07e56"), Rgb8.FromHex("#825c43"), Rgb8.FromHex("#604134"),
        Rgb8.FromHex("#3a312a"), Rgb8.FromHex("#292420"),
    ];

    private static readonly Lab[] LabSwatches = Array.ConvertAll(Swatches, s => s.ToLab());

    public const int Levels = 10;

    /// <summary>The sRGB swatch of a level (1..10).</summary>
    public static Rgb8 Swatch(int level) => Swatches[CheckLevel(level) - 1];

    /// <summary>The CIELAB colour of a level (1..10).</summary>
    public static Lab LabOf(int level) => LabSwatches[CheckLevel(level) - 1];

    /// <summary>The level whose swatch is nearest by CIEDE2000 (ties go to the lighter level).</summary>
    public static int Nearest(Lab lab)
    {
        int best = 1;
        double bestD = double.PositiveInfinity;
        for (int i = 0; i < LabSwatches.Length; i++)
        {
            double d = DeltaE.Ciede2000(lab, LabSwatches[i]);
            if (d < bestD)
            {
                bestD = d;
                best = i + 1;
            }
        }
        return best;
    }

    private static int CheckLevel(int level) =>
        level is >= 1 and <= Levels ? level : throw new ArgumentOutOfRangeException(nameof(level), level, "must be 1..10");
}
