using System.Diagnostics;
using SmpRender.Plans;
using SmpRender.Sampling;
using SmpRender.Zones;

namespace SmpRender.Rendering;

/// <summary>
/// The part of a preview that needs only the photo's size, not its pixels: the plan's zones rasterized into a
/// density map and, unless the plan keeps the dots away from existing hairs (which are found in the pixels), the
/// dot field of every session. It can run while the photo is being decoded;
/// <see cref="PreviewScene.Prepare(SmpRender.Imaging.Photo, SceneZones)"/> then completes the scene.
/// </summary>
public sealed class SceneZones
{
    private SceneZones(Plan plan, DensityMap density, double densityMs, DotField? dots, double sampleMs)
    {
        Plan = plan;
        Density = density;
        DensityMs = densityMs;
        SampledDots = dots;
        SampleMs = sampleMs;
    }

    public Plan Plan { get; }

    public DensityMap Density { get; }

    public double DensityMs { get; }

    /// <summary>The dot field, when it was sampled ahead of the photo (see <see cref="DotsNeedPhoto"/>).</summary>
    public DotField? SampledDots { get; }

    public double SampleMs { get; }

    /// <summary>True when the dots depend on the photo's pixels (the plan avoids existing hairs).</summary>
    public bool DotsNeedPhoto => Plan.Hair?.AvoidExisting == true;

    /// <summary>Rasterizes the plan's zones for a photo of the given size; the dots are left to the scene.</summary>
    /// <exception cref="PlanException">A mask cannot be read or does not fit the photo.</exception>
    public static SceneZones Rasterize(Plan plan, int width, int height, Func<string, MaskImage>? loadMask = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        long start = Stopwatch.GetTimestamp();
        DensityMap density = PlanRasterizer.Rasterize(plan, width, height, loadMask);
        return new SceneZones(plan, density, Stopwatch.GetElapsedTime(start).TotalMilliseconds, null, 0);
    }

    /// <summary>
    /// Rasterizes the plan's zones for a photo of the given size and samples the dots too, unless they depend
    /// on the photo's pixels.
    /// </summary>
    /// <exception cref="PlanException">A mask cannot be read or does not fit the photo.</exception>
    public static SceneZones RasterizeAndSample(Plan plan, int width, int height, Func<string, MaskImage>? loadMask = null) =>
        Rasterize(plan, width, height, loadMask).WithSampledDots();

    /// <summary>
    /// These zones with their dots sampled, unless the dots depend on the photo's pixels (then these zones). The same as
    /// <see cref="RasterizeAndSample"/> gives.
    /// </summary>
    public SceneZones WithSampledDots()
    {
        if (SampledDots is not null || DotsNeedPhoto)
        {
            return this;
        }
        long start = Stopwatch.GetTimestamp();
        DotField dots = PreviewScene.SampleDots(Plan, Density, []);
        return new SceneZones(Plan, Density, DensityMs, dots, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }
}
