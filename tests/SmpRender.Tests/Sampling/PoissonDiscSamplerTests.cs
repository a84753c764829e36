using SmpRender.Sampling;

namespace SmpRender.Tests.Sampling;

/// <summary>Shared fixtures of the sampler tests; the tests are split by concern into partial files.</summary>
public sealed partial class PoissonDiscSamplerTests
{
    private static readonly PoissonDiscSampler Sampler = new();

    /// <summary>A uniform field holding about <paramref name="dots"/> dots at a scale giving a spacing of ~6 px.</summary>
    private static (DotField Field, double Margin) Uniform(double dotsPerCm2, int dots, ulong seed, int threads = 1)
    {
        double spacingMm = PoissonDiscSampler.SpacingConstant / Math.Sqrt(dotsPerCm2 / 100);
        double pxPerMm = 6 / spacingMm;
        double sideMm = Math.Sqrt(dots / dotsPerCm2) * 10;
        int side = (int)Math.Ceiling(sideMm * pxPerMm);
        DotField field = Sampler.Sample(DensityMap.Uniform(side, side, pxPerMm), new PoissonDiscOptions(dotsPerCm2, seed, MaxDegreeOfParallelism: threads));
        return (field, 3 * 6.0);
    }

    /// <summary>Feathered ellipse: 1 inside, falling smoothly to 0 across a band, 0 outside.</summary>
    internal static float[] Ellipse(int width, int height, double feather)
    {
        var values = new float[width * height];
        double cx = width / 2.0, cy = height / 2.0, ax = width * 0.4, ay = height * 0.35;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double dx = (x + 0.5 - cx) / ax, dy = (y + 0.5 - cy) / ay;
                double d = (Math.Sqrt(dx * dx + dy * dy) - 1) * Math.Min(ax, ay); // signed distance-ish in px
                double t = Math.Clamp(0.5 - d / feather, 0, 1);
                values[y * width + x] = (float)(t * t * (3 - 2 * t));
            }
        }
        return values;
    }
}
