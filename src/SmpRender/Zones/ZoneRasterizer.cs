using System.Numerics;
using SmpRender.Sampling;

namespace SmpRender.Zones;

/// <summary>
/// Rasterizes zones into a <see cref="DensityMap"/>: union of the additive zones by maximum, then every excluded
/// zone multiplies by (1 - its value). Widths are in mm, so one plan at two scales gives the same physical result.
/// Rows run in parallel; each row is computed independently, so the output is identical for any thread count.
/// </summary>
public static class ZoneRasterizer
{
    /// <param name="zones">The zones, in plan order (the index seeds each zone's irregularity).</param>
    /// <param name="width">Photo width in pixels.</param>
    /// <param name="height">Photo height in pixels.</param>
    /// <param name="pxPerMm">Physical scale.</param>
    /// <param name="seed">Seed for the irregularity of hairlines: the same seed gives bit-identical maps.</param>
    /// <param name="loadMask">Loads a mask zone's image from its path; required when a mask zone is present.</param>
    public static DensityMap Rasterize(IReadOnlyList<Zone> zones, int width, int height, double pxPerMm, long seed = 1,
        Func<string, MaskImage>? loadMask = null)
    {
        ArgumentNullException.ThrowIfNull(zones);
        Preconditions.Positive(width);
        Preconditions.Positive(height);
        Preconditions.Positive(pxPerMm);
        var kernels = new List<ZoneKernel>(zones.Count);
        for (int i = 0; i < zones.Count; i++)
        {
            ZoneKernel kernel = CreateKernel(zones[i], i, width, height, pxPerMm, seed, loadMask);
            if (!kernel.IsEmpty)
            {
                kernels.Add(kernel);
            }
        }
        // Additive zones first (max is order-free), then exclusions in plan order.
        ZoneKernel[] ordered = [.. kernels.Where(k => !k.Exclude), .. kernels.Where(k => k.Exclude)];
        bool hasScar = ordered.Any(k => k.WritesScar);
        int maxCrossings = ordered.Length == 0 ? 0 : ordered.Max(k => k.MaxCrossings);
        float[] values = LargeBuffers.Allocate<float>(checked(width * height));
        float[]? scar = hasScar ? LargeBuffers.Allocate<float>(values.Length) : null;

        Parallel.For(0, height, Parallelism.Options, () => new RowScratch(width, maxCrossings), (y, _, scratch) =>
        {
            Span<float> row = values.AsSpan(y * width, width);
            Span<float> scarRow = scar is null ? default : scar.AsSpan(y * width, width);
            foreach (ZoneKernel kernel in ordered)
            {
                if (y < kernel.Y0 || y >= kernel.Y1)
                {
                    continue;
                }
                int n = kernel.X1 - kernel.X0;
                Span<float> v = scratch.Values.AsSpan(0, n);
                Span<float> s = scratch.Scar.AsSpan(0, n);
                kernel.Row(y, v, s, scratch);
                Span<float> target = row.Slice(kernel.X0, n);
                if (kernel.Exclude)
                {
                    MultiplyByComplement(target, v);
                }
                else
                {
                    MaxInto(target, v);
                    if (kernel.WritesScar)
                    {
                        MaxInto(scarRow.Slice(kernel.X0, n), s);
                    }
                }
            }
            return scratch;
        }, _ => { });
        return new DensityMap(width, height, pxPerMm, values, scar);
    }

    private static void MaxInto(Span<float> target, ReadOnlySpan<float> values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= target.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                Vector.Max(new Vector<float>(target[i..]), new Vector<float>(values[i..])).CopyTo(target[i..]);
            }
        }
        for (; i < target.Length; i++)
        {
            target[i] = MathF.Max(target[i], values[i]);
        }
    }

    private static void MultiplyByComplement(Span<float> target, ReadOnlySpan<float> values)
    {
        int i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            for (; i <= target.Length - Vector<float>.Count; i += Vector<float>.Count)
            {
                (new Vector<float>(target[i..]) * (Vector<float>.One - new Vector<float>(values[i..]))).CopyTo(target[i..]);
            }
        }
        for (; i < target.Length; i++)
        {
            target[i] *= 1f - values[i];
        }
    }

    private static ZoneKernel CreateKernel(Zone zone, int index, int width, int height, double pxPerMm, long seed,
        Func<string, MaskImage>? loadMask) => zone switch
        {
            HairlineZone h => new HairlineKernel(h, pxPerMm, width, height, seed, index),
            CrownZone c => CrownKernel.Create(c, pxPerMm, width, height),
            RegionZone r => new FeatheredPolygonKernel(r.Polygon, r.FeatherMm, pxPerMm, width, height) { Exclude = r.Exclude },
            ScarZone s => new ScarKernel(s, pxPerMm, width, height),
            MaskZone m => new MaskKernel(
                (loadMask ?? throw new ArgumentException($"zone {index} is a mask ({m.Path}) but no mask loader was given", nameof(loadMask)))(m.Path)
                    ?? throw new InvalidOperationException($"the mask loader returned nothing for {m.Path}"),
                m.Fit, m.Exclude, width, height),
            null => throw new ArgumentException($"zone {index} is null", nameof(zone)),
            _ => throw new ArgumentException($"unsupported zone type {zone.GetType().Name}", nameof(zone)),
        };
}
