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

    /// <summary>Rows of the squared table: ρ = k / 16, k = 0..128.</summary>
    public const int SquaredRowsPerRho = 16;
    public const int SquaredRowCount = 129;

    /// <summary>Columns of the squared table per unit of t²; t² from 0 to 121 (t = 11).</summary>
    public const int SquaredStepsPerT2 = 4;
    public const int SquaredColumnCount = 121 * SquaredStepsPerT2 + 1;
    public const int SquaredStride = SquaredColumnCount + 1;

    /// <summary>
    /// F resampled on t² (F is even in t, so smooth in t²) with nearest-ρ rows 1/16 apart: a pixel needs no square
    /// root and one linear interpolation. Row-major [ρ·16][t²·4], one padding column of zeros.
    /// </summary>
    internal static readonly float[] SquaredTable = BuildSquared();

    private static float[] BuildSquared()
    {
        var table = new float[SquaredRowCount * SquaredStride];
        for (int k = 0; k < SquaredRowCount; k++)
        {
            float rho = k / (float)SquaredRowsPerRho;
            Row(rho, out int row, out float weight, out float shift);
            for (int c = 0; c < SquaredColumnCount; c++)
            {
                float t = MathF.Sqrt(c / (float)SquaredStepsPerT2);
                table[k * SquaredStride + c] = At(Table, row, weight, t - shift);
            }
        }
        return table;
    }

    private static float[] Build()
    {
        const int Stride = TCount + 1;
        var table = new float[RhoCount * Stride];
        const int RadialSteps = 64, AngleSteps = 48;
        for (int i = 0; i < RhoCount; i++)
        {
            double rho = i * RhoStep;
            for (int j = 0; j < TCount; j++)
            {
                double t = j * TStep;
                if (rho == 0)
                {
                    table[i * Stride + j] = 0;
                    continue;
                }
                double sum = 0, dr = rho / RadialSteps, dphi = Math.PI / AngleSteps;
                for (int a = 0; a < RadialSteps; a++)
                {
                    double r = (a + 0.5) * dr;
                    double inner = 0;
                    for (int b = 0; b < AngleSteps; b++)
                    {
                        double phi = (b + 0.5) * dphi;
                        inner += Math.Exp(-(r * r + t * t - 2 * r * t * Math.Cos(phi)) / 2);
                    }
                    sum += inner * dphi * 2 * r * dr;
                }
                table[i * Stride + j] = (float)(sum / (2 * Math.PI));
            }
        }
        return table;
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
