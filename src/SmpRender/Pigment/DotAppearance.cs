namespace SmpRender.Pigment;

/// <summary>
/// How one dot looks: an elliptical core of pigment blurred by the skin, with a strength and a slight
/// lopsidedness. Lengths are in pixels. Coverage at an offset (dx, dy) from the dot centre is
/// <c>Strength · F(r/σ, d/σ) · (1 + Tilt·(dx, dy))</c> (capped, see <see cref="CapSigma"/>), where F is a disc of radius r convolved with a
/// Gaussian of standard deviation σ (<see cref="Sigma"/>), d the offset in the ellipse's metric, and the
/// pixel is multiplied by <c>1 − coverage · (1 − T)</c> per channel in linear light.
/// </summary>
public readonly struct DotAppearance
{
    public DotAppearance(float radius, float aspect, float angle, float sigma, float strength, float tiltX, float tiltY,
        float capSigma = 0, float capStrength = 0)
    {
        CapSigma = capSigma;
        CapStrength = capStrength;
        Radius = radius;
        Aspect = aspect;
        Cos = MathF.Cos(angle);
        Sin = MathF.Sin(angle);
        Sigma = sigma;
        Strength = strength;
        TiltX = tiltX;
        TiltY = tiltY;
    }

    private DotAppearance(float radius, float aspect, float cos, float sin, float sigma, float strength, float tiltX, float tiltY,
        float capSigma, float capStrength, bool _)
    {
        Radius = radius;
        Aspect = aspect;
        Cos = cos;
        Sin = sin;
        Sigma = sigma;
        Strength = strength;
        TiltX = tiltX;
        TiltY = tiltY;
        CapSigma = capSigma;
        CapStrength = capStrength;
    }

    /// <summary>An appearance from the cosine and sine of its angle.</summary>
    internal static DotAppearance FromParts(float radius, float aspect, float cos, float sin, float sigma, float strength, float tiltX, float tiltY,
        float capSigma, float capStrength) =>
        new(radius, aspect, cos, sin, sigma, strength, tiltX, tiltY, capSigma, capStrength, true);

    /// <summary>Mean core radius, px.</summary>
    public float Radius { get; }

    /// <summary>Ratio of the long to the short axis, ≥ 1.</summary>
    public float Aspect { get; }

    /// <summary>Cosine of the long axis' angle.</summary>
    public float Cos { get; }

    public float Sin { get; }

    /// <summary>Edge softness (skin blur and anti-aliasing), px.</summary>
    public float Sigma { get; }

    /// <summary>Peak opacity of the pigment, 0..1.</summary>
    public float Strength { get; }

    /// <summary>Linear change of strength across the dot per pixel (slightly uneven pigment).</summary>
    public float TiltX { get; }

    public float TiltY { get; }

    /// <summary>
    /// When &gt; 0, the coverage never exceeds that of the same dot with this softness and
    /// <see cref="CapStrength"/>: a faded dot blurs a little but is nowhere darker than it was when healed.
    /// </summary>
    public float CapSigma { get; }

    public float CapStrength { get; }

    /// <summary>Reach of the dot in its ellipse metric: core radius plus 2.5 σ (beyond it a dot darkens by under 0.5 %).</summary>
    public float Reach => Radius + 2.5f * (CapSigma > 0 ? MathF.Min(Sigma, CapSigma) : Sigma);

    /// <summary>Distance from the centre, px, beyond which the dot changes no pixel.</summary>
    public float Extent => MathF.Sqrt(Aspect) * Reach;
}
