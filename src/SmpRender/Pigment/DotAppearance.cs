namespace SmpRender.Pigment;

/// <summary>
/// How one dot looks: an elliptical core of pigment blurred by the skin, with a strength and a slight
/// lopsidedness. Lengths are in pixels. Coverage at an offset (dx, dy) from the dot centre is
/// <c>Strength · F(r/σ, d/σ) · (1 + Tilt·(dx, dy))</c>, where F is a disc of radius r convolved with a
/// Gaussian of standard deviation σ (<see cref="Sigma"/>), d the offset in the ellipse's metric, and the
/// pixel is multiplied by <c>1 − coverage · (1 − T)</c> per channel in linear light.
/// </summary>
public readonly struct DotAppearance
{
    public DotAppearance(float radius, float aspect, float angle, float sigma, float strength, float tiltX, float tiltY)
    {
        Radius = radius;
        Aspect = aspect;
        Cos = MathF.Cos(angle);
        Sin = MathF.Sin(angle);
        Sigma = sigma;
        Strength = strength;
        TiltX = tiltX;
        TiltY = tiltY;
    }

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

    /// <summary>Distance from the centre, px, beyond which the dot changes no pixel.</summary>
    public float Extent => Radius * MathF.Sqrt(Aspect) + 3.5f * Sigma + 0.5f;
}
