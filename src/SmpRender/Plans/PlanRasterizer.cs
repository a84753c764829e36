using SmpRender.Sampling;
using SmpRender.Zones;

namespace SmpRender.Plans;

/// <summary>The whole chain from a plan to its density map.</summary>
public static class PlanRasterizer
{
    /// <summary>
    /// Rasterizes the plan's zones for a <paramref name="width"/> x <paramref name="height"/> photo at the plan's scale.
    /// </summary>
    /// <param name="loadMask">Reads a mask zone's image (path already resolved); required when the plan has masks.</param>
    /// <param name="cellSize">Photo pixels per cell side of the map; null for <see cref="ZoneRasterizer.CellSizeFor"/> the plan's scale.</param>
    /// <exception cref="PlanException">A mask cannot be read or its size differs from the photo without "fit": "stretch".</exception>
    public static DensityMap Rasterize(Plan plan, int width, int height, Func<string, MaskImage>? loadMask = null, int? cellSize = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Preconditions.Positive(width);
        Preconditions.Positive(height);
        var masks = new Dictionary<string, MaskImage>(StringComparer.Ordinal);
        var errors = new List<PlanError>();
        for (int i = 0; i < plan.Zones.Count; i++)
        {
            if (plan.Zones[i] is not MaskZone m)
            {
                continue;
            }
            string path = $"zones[{i}].path";
            if (loadMask is null)
            {
                throw new ArgumentNullException(nameof(loadMask), $"{path}: the plan has a mask, so a mask loader is needed");
            }
            if (!masks.TryGetValue(m.Path, out MaskImage? mask))
            {
                try
                {
                    mask = loadMask(m.Path) ?? throw new InvalidOperationException("the loader returned no image");
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or InvalidDataException or NotSupportedException)
                {
                    errors.Add(new PlanError(path, $"cannot read mask {m.Path}: {ex.Message}"));
                    continue;
                }
                masks[m.Path] = mask;
            }
            if (m.Fit == MaskFit.Exact && (mask.Width != width || mask.Height != height))
            {
                errors.Add(new PlanError(path,
                    $"the mask is {mask.Width}x{mask.Height} but the photo is {width}x{height}: paint it at the photo's size or set \"fit\": \"stretch\""));
            }
        }
        if (errors.Count > 0)
        {
            throw new PlanException(errors);
        }
        return ZoneRasterizer.Rasterize(plan.Zones, width, height, plan.Scale.PxPerMm, plan.Seed, path => masks[path], cellSize);
    }
}
