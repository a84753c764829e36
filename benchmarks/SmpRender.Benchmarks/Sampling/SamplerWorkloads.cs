using SmpRender.Sampling;

namespace SmpRender.Benchmarks.Sampling;

/// <summary>
/// The sampler's benchmark fields, shared by the BenchmarkDotNet suite and the peers comparison:
/// 100 dots/cm² at 5 px/mm (spacing ≈ 4.2 px), sized to hold about the requested number of dots.
/// </summary>
public static class SamplerWorkloads
{
    public const double DotsPerCm2 = 100;
    public const double PxPerMm = 5;

    /// <summary>Dots per square pixel at relative density 1.</summary>
    public const double DotsPerPx2 = DotsPerCm2 / 100 / (PxPerMm * PxPerMm);

    public static double Spacing => PoissonDiscSampler.SpacingPx(DotsPerCm2, PxPerMm);

    public static DensityMap Create(string field, int dots) => field switch
    {
        "uniform" => Uniform(dots),
        "ellipse" => Ellipse(dots),
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, "uniform or ellipse"),
    };

    public static DensityMap Uniform(int dots)
    {
        int side = (int)Math.Round(Math.Sqrt(dots / DotsPerPx2));
        return DensityMap.Uniform(side, side, PxPerMm);
    }

    /// <summary>A feathered ellipse: 1 inside, a smooth fall to 0 over a band of width/7.5, 0 outside.</summary>
    public static DensityMap Ellipse(int dots)
    {
        // Ellipse of semi-axes 0.4 W and 0.35 H with H = 0.78 W holds about π·0.4·0.35·0.78 W² of density.
        int width = (int)Math.Round(Math.Sqrt(dots / (DotsPerPx2 * Math.PI * 0.4 * 0.35 * 0.78)));
        int height = (int)Math.Round(width * 0.78);
        return new DensityMap(width, height, PxPerMm, EllipseValues(width, height, width / 7.5));
    }

    public static float[] EllipseValues(int width, int height, double feather)
    {
        var values = new float[width * height];
        double cx = width / 2.0, cy = height / 2.0, ax = width * 0.4, ay = height * 0.35;
        Parallel.For(0, height, y =>
        {
            for (int x = 0; x < width; x++)
            {
                double dx = (x + 0.5 - cx) / ax, dy = (y + 0.5 - cy) / ay;
                double d = (Math.Sqrt(dx * dx + dy * dy) - 1) * Math.Min(ax, ay);
                double t = Math.Clamp(0.5 - d / feather, 0, 1);
                values[y * width + x] = (float)(t * t * (3 - 2 * t));
            }
        });
        return values;
    }

    /// <summary>A box well inside the full-density part of the field, for ρ.</summary>
    public static (double X0, double Y0, double X1, double Y1) Interior(string field, DensityMap map)
    {
        double m = 3 * Spacing;
        return field == "uniform"
            ? (m, m, map.Width - m, map.Height - m)
            : (map.Width * 0.3, map.Height * 0.3, map.Width * 0.7, map.Height * 0.7);
    }
}
