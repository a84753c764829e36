namespace SmpRender.Color;

/// <summary>The estimated skin colour of a scalp.</summary>
/// <param name="Lab">Skin colour in CIELAB (D65).</param>
/// <param name="Ita">Individual typology angle, degrees.</param>
/// <param name="ItaClass">Skin class by ITA°.</param>
/// <param name="Monk">Nearest Monk Skin Tone level (1..10) by CIEDE2000.</param>
/// <param name="SampleCount">Pixels the estimate rests on (after rejecting hair, shadows and highlights).</param>
public sealed record SkinTone(Lab Lab, double Ita, ItaClass ItaClass, int Monk, int SampleCount)
{
    /// <summary>The skin tone of a known colour (for previews with a skin colour given by hand).</summary>
    public static SkinTone FromLab(Lab lab, int sampleCount = 0)
    {
        double ita = Color.Ita.Of(lab);
        return new SkinTone(lab, ita, Color.Ita.Classify(ita), MonkSkinTone.Nearest(lab), sampleCount);
    }

    public static SkinTone FromRgb(Rgb8 rgb) => FromLab(rgb.ToLab());

    /// <summary>The skin colour as 8-bit sRGB.</summary>
    public Rgb8 Srgb => Lab.ToRgb8();

    /// <summary>The skin colour in linear light.</summary>
    public LinearRgb Linear => Lab.ToLinearRgb();
}

/// <summary>The estimated colour of existing hair or stubble.</summary>
/// <param name="Lab">Hair colour in CIELAB (D65), from the darkest, least mixed hair pixels.</param>
/// <param name="SampleCount">Hair pixels found.</param>
/// <param name="Coverage">Fraction of the analysed pixels that are hair, 0..1.</param>
public sealed record HairColor(Lab Lab, int SampleCount, double Coverage)
{
    public Rgb8 Srgb => Lab.ToRgb8();
}
