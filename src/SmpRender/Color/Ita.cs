namespace SmpRender.Color;

/// <summary>Skin classes by individual typology angle, as in Chardon et al. (1991) and Del Bino et al. (2006).</summary>
public enum ItaClass
{
    /// <summary>ITA° below −30.</summary>
    Dark,
    /// <summary>ITA° from −30 to 10.</summary>
    Brown,
    /// <summary>ITA° from 10 to 28.</summary>
    Tan,
    /// <summary>ITA° from 28 to 41.</summary>
    Intermediate,
    /// <summary>ITA° from 41 to 55.</summary>
    Light,
    /// <summary>ITA° above 55.</summary>
    VeryLight,
}

/// <summary>The individual typology angle (ITA°) of skin colour.</summary>
public static class Ita
{
    /// <summary>
    /// ITA° = atan((L* − 50) / b*) · 180/π, in degrees (−90..90). Skin always has b* &gt; 0; at b* = 0 the
    /// limit ±90 (by the sign of L* − 50) is returned.
    /// </summary>
    public static double Of(Lab lab)
    {
        if (lab.B == 0)
        {
            return lab.L > 50 ? 90 : lab.L < 50 ? -90 : 0;
        }
        return Math.Atan((lab.L - 50) / lab.B) * 180 / Math.PI;
    }

    /// <summary>The class of an ITA° value. Boundaries belong to the lighter class above them (55 is light, 41 intermediate...).</summary>
    public static ItaClass Classify(double ita)
    {
        if (double.IsNaN(ita))
        {
            throw new ArgumentOutOfRangeException(nameof(ita), ita, "must not be NaN");
        }
        return ita > 55 ? ItaClass.VeryLight
            : ita > 41 ? ItaClass.Light
            : ita > 28 ? ItaClass.Intermediate
            : ita > 10 ? ItaClass.Tan
            : ita >= -30 ? ItaClass.Brown
            : ItaClass.Dark;
    }
}
