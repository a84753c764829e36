using System.Runtime.CompilerServices;

namespace SmpRender.Compositing;

/// <summary>
/// F(ρ, t): a uniform disc of radius ρ convolved with a unit Gaussian, evaluated at distance t from the
/// disc's centre (both in units of the Gaussian's σ). F(ρ, 0) = 1 − exp(−ρ²/2); the integral of F over the
/// plane is πρ², so a dot smaller than a pixel still darkens the photo by exactly its area: the anti-aliasing
/// is analytic. Tabulated once (ρ 0..8 by 1/4, t 0..12 by 1/8) and read bilinearly; beyond ρ = 8 the edge
/// profile is shifted.
/// </summary>
internal static class DiscCoverage
{
    public const float RhoStep = 0.25f;
    public const int RhoCount = 33;     // 0..8
    public const float TStep = 0.125f;
    public const int TCount = 97;       // 0..12
    public const float MaxRho = (RhoCount - 1) * RhoStep;
    public const float MaxT = (TCount - 1) * TStep;

    /// <summary>Row-major [rho][t], with one padding column of zeros.</summary>
    internal static readonly float[] Table = Build();

    /// <summary>Rows of the profile table: ρ = k / 16, k = 0..128.</summary>
    public const int ProfileRowsPerRho = 16;
    public const int ProfileRowCount = 129;

    /// <summary>Samples per profile: a dot's whole profile fits two 512-bit registers.</summary>
    public const int ProfileLength = 32;

    /// <summary>A profile covers t from 0 to ρ + <see cref="ProfileMargin"/>; beyond it F is taken as 0.</summary>
    public const float ProfileMargin = 3f;

    /// <summary>
    /// F of each ρ row (nearest ρ, 1/16 apart) sampled at 32 evenly spaced distances t_i = i · (ρ + 3) / 31, read
    /// linearly: a dot's pixels index it by distance × <see cref="ProfileStepsPerT"/>. Row-major [ρ·16][i].
    /// </summary>
    internal static readonly float[] ProfileTable = BuildProfiles();

    /// <summary>
    /// The differences of neighbouring samples of <see cref="ProfileTable"/> (the last of each row 0): a linear read is
    /// <c>P[j] + S[j] · w</c>, the same float as <c>P[j] + (P[j + 1] − P[j]) · w</c>.
    /// </summary>
    internal static readonly float[] ProfileSlopes = BuildSlopes(ProfileTable);

    private static float[] BuildSlopes(float[] profiles)
    {
        var slopes = new float[profiles.Length];
        for (int k = 0; k < ProfileRowCount; k++)
        {
            for (int i = 0; i + 1 < ProfileLength; i++)
            {
                slopes[k * ProfileLength + i] = profiles[k * ProfileLength + i + 1] - profiles[k * ProfileLength + i];
            }
        }
        return slopes;
    }

    /// <summary>
    /// Per profile row k ≥ 1, πρ² over the darkening its samples give as drawn (read linearly, out to ρ + 2.5, where a
    /// dot's pixels stop): the factor on a dot's strength that makes it take exactly its area's light. The samples come
    /// from the table of ρ in steps of 1/4 read linearly in ρ, while F grows as ρ² when ρ is small: uncorrected, a dot
    /// with ρ = 1/8 (a sub-pixel dot on a soft photo) would take twice its area, one with ρ = 3/8 a tenth too much.
    /// </summary>
    internal static readonly float[] ProfileMassRatio = BuildMassRatios(ProfileTable);

    private static float[] BuildMassRatios(float[] profiles)
    {
        var ratios = new float[ProfileRowCount];
        const int SubSteps = 16;
        for (int k = 1; k < ProfileRowCount; k++)
        {
            double rho = k / (double)ProfileRowsPerRho, step = 1 / (double)ProfileStepsPerT(k), end = rho + 2.5, mass = 0;
            for (int i = 0; i + 1 < ProfileLength; i++)
            {
                double p0 = profiles[k * ProfileLength + i], p1 = profiles[k * ProfileLength + i + 1];
                for (int m = 0; m < SubSteps; m++)
                {
                    // Midpoint rule over the linear read of samples i and i + 1, in rings of width h.
                    double w = (m + 0.5) / SubSteps, t = (i + w) * step;
                    if (t < end)
                    {
                        mass += (p0 + (p1 - p0) * w) * 2 * Math.PI * t * (step / SubSteps);
                    }
                }
            }
            ratios[k] = (float)(Math.PI * rho * rho / mass);
        }
        return ratios;
    }

    /// <summary>Profile samples per unit of t (in σ) for row <paramref name="k"/>.</summary>
    public static float ProfileStepsPerT(int k) => (ProfileLength - 1) / (k / (float)ProfileRowsPerRho + ProfileMargin);

    private static float[] BuildProfiles()
    {
        var table = new float[ProfileRowCount * ProfileLength];
        for (int k = 0; k < ProfileRowCount; k++)
        {
            float rho = k / (float)ProfileRowsPerRho;
            Row(rho, out int row, out float weight, out float shift);
            float step = 1 / ProfileStepsPerT(k);
            for (int i = 0; i < ProfileLength; i++)
            {
                table[k * ProfileLength + i] = At(Table, row, weight, i * step - shift);
            }
        }
        return table;
    }

    /// <summary>
    /// F(ρ, t) = ∫₀^ρ r · exp(−(r² + t²)/2) · I₀(r t) dr, by the midpoint rule on 64 radial steps; the angular integral
    /// of the Gaussian is the modified Bessel function I₀, taken in its scaled form e^(−z) I₀(z) so that nothing overflows.
    /// </summary>
    private static float[] Build()
    {
        const int Stride = TCount + 1;
        var table = new float[RhoCount * Stride];
        const int RadialSteps = 64;
        for (int i = 1; i < RhoCount; i++)
        {
            double rho = i * RhoStep, dr = rho / RadialSteps;
            for (int j = 0; j < TCount; j++)
            {
                double t = j * TStep, sum = 0;
                for (int a = 0; a < RadialSteps; a++)
                {
                    double r = (a + 0.5) * dr, d = r - t;
                    sum += r * Math.Exp(-0.5 * d * d) * ScaledBesselI0(r * t);
                }
                table[i * Stride + j] = (float)(sum * dr);
            }
        }
        return table;
    }

    /// <summary>e^(−z) I₀(z) for z ≥ 0 (Abramowitz and Stegun 9.8.1-9.8.2: relative error below 2·10⁻⁷).</summary>
    internal static double ScaledBesselI0(double z)
    {
        if (z < 3.75)
        {
            double y = z / 3.75;
            y *= y;
            return Math.Exp(-z) * (1 + y * (3.5156229 + y * (3.0899424 + y * (1.2067492 + y * (0.2659732 + y * (0.0360768 + y * 0.0045813))))));
        }
        double u = 3.75 / z;
        return (0.39894228 + u * (0.01328592 + u * (0.00225319 + u * (-0.00157565 + u * (0.00916281 + u * (-0.02057706
            + u * (0.02635537 + u * (-0.01647633 + u * 0.00392377)))))))) / Math.Sqrt(z);
    }

    /// <summary>The same F by brute force (48 angles × 64 radii of the Gaussian), for tests.</summary>
    internal static double Reference(double rho, double t)
    {
        const int RadialSteps = 64, AngleSteps = 48;
        double sum = 0, dr = rho / RadialSteps, dphi = Math.PI / AngleSteps;
        for (int a = 0; a < RadialSteps; a++)
        {
            double r = (a + 0.5) * dr, inner = 0;
            for (int b = 0; b < AngleSteps; b++)
            {
                inner += Math.Exp(-(r * r + t * t - 2 * r * t * Math.Cos((b + 0.5) * dphi)) / 2);
            }
            sum += inner * dphi * 2 * r * dr;
        }
        return sum / (2 * Math.PI);
    }

    /// <summary>Row offset and weight for a given ρ (fixed per dot), with the t shift for ρ beyond the table.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Row(float rho, out int row, out float weight, out float tShift)
    {
        tShift = 0;
        if (rho >= MaxRho)
        {
            tShift = rho - MaxRho;
            row = RhoCount - 2;
            weight = 1;
            return;
        }
        float f = rho / RhoStep;
        row = (int)f;
        weight = f - row;
    }

    /// <summary>F at distance t for a row pair chosen by <see cref="Row"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static float At(float[] table, int row, float weight, float t)
    {
        float f = t * (1 / TStep);
        if (f < 0)
        {
            f = 0;
        }
        if (f >= TCount - 1)
        {
            return 0;
        }
        int j = (int)f;
        float wt = f - j;
        int i0 = row * (TCount + 1) + j, i1 = i0 + TCount + 1;
        float a = table[i0] + (table[i0 + 1] - table[i0]) * wt;
        float b = table[i1] + (table[i1 + 1] - table[i1]) * wt;
        return a + (b - a) * weight;
    }
}
