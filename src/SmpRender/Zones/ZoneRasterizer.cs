using System.Numerics;
using SmpRender.Sampling;

namespace SmpRender.Zones;

/// <summary>
/// Rasterizes zones into a <see cref="DensityMap"/>: union of the additive zones by maximum, then every excluded
/// zone multiplies by (1 - its value). Widths are in mm, so one plan at two scales gives the same physical result.
/// The map is held on cells of <see cref="CellSizeFor"/> pixels (zone densities are smooth at the scale of a
/// millimetre), each evaluated at its centre. Rows of cells run in parallel; each row is computed independently, so
/// the output is identical for any thread count.
/// </summary>
public static class ZoneRasterizer
{
    /// <summary>
    /// The largest side of a cell, in mm. Measured, not assumed (ZoneCellTests): with cells up to this size every zone
    /// type (hairline with its irregularity, crown with whorl, feathered region, FUT strip and FUE scars, painted
    /// masks, exclusions), interpolated back to the photo's pixels, keeps its mean density over every 1 mm square
    /// (about one dot spacing: what a dot field can follow) within <see cref="CellTolerance"/> of its rasterization
    /// at one value per pixel, and its total within 0.1%. Cells of 0.5 mm blur the hairline's stray-dot islands
    /// (Gaussians of 0.42 mm) to 0.09.
    /// </summary>
    public const double MaxCellMm = 0.25;

    /// <summary>Largest difference of the local mean relative density (0..1) that cells of <see cref="MaxCellMm"/> make.</summary>
    public const double CellTolerance = 0.025;

    /// <summary>
    /// Photo pixels per cell side at a scale: the largest power of two not over <see cref="MaxCellMm"/> in pixels
    /// (1 below 8 px/mm). A power of two keeps every photo position's cell coordinate exact.
    /// </summary>
    public static int CellSizeFor(double pxPerMm)
    {
        Preconditions.Positive(pxPerMm);
        double px = Math.Min(MaxCellMm * pxPerMm, 1 << 16);
        return px < 2 ? 1 : 1 << BitOperations.Log2((uint)px);
    }

    /// <param name="zones">The zones, in plan order (the index seeds each zone's irregularity).</param>
    /// <param name="width">Photo width in pixels.</param>
    /// <param name="height">Photo height in pixels.</param>
    /// <param name="pxPerMm">Physical scale.</param>
    /// <param name="seed">Seed for the irregularity of hairlines: the same seed gives bit-identical maps.</param>
    /// <param name="loadMask">Loads a mask zone's image from its path; required when a mask zone is present.</param>
    /// <param name="cellSize">Photo pixels per cell side; null for <see cref="CellSizeFor"/> the scale.</param>
    public static DensityMap Rasterize(IReadOnlyList<Zone> zones, int width, int height, double pxPerMm, long seed = 1,
        Func<string, MaskImage>? loadMask = null, int? cellSize = null)
    {
        ArgumentNullException.ThrowIfNull(zones);
        Preconditions.Positive(width);
        Preconditions.Positive(height);
        Preconditions.Positive(pxPerMm);
        int cell = cellSize is { } c ? Preconditions.Positive(c, nameof(cellSize)) : CellSizeFor(pxPerMm);
        int photoWidth = width, photoHeight = height;
        // The kernels work on the cells as on pixels: geometry scaled by 1 / cell, the scale likewise.
        width = (int)((width + (long)cell - 1) / cell);
        height = (int)((height + (long)cell - 1) / cell);
        double scale = 1.0 / cell;
        var kernels = new List<ZoneKernel>(zones.Count);
        for (int i = 0; i < zones.Count; i++)
        {
            ZoneKernel kernel = CreateKernel(zones[i], i, width, height, pxPerMm * scale, scale, photoWidth, photoHeight, seed, loadMask);
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
            if (Covers(ordered, y))
            {
                // The map is fresh memory: a first read would map the shared zero page, and the write after it
                // would copy it and flush every core's page tables, page by page. Writing first costs nothing.
                row.Clear();
                scarRow.Clear();
            }
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
        return new DensityMap(photoWidth, photoHeight, pxPerMm, cell, values, scar);
    }

    private static bool Covers(ZoneKernel[] kernels, int y)
    {
        foreach (ZoneKernel kernel in kernels)
        {
            if (y >= kernel.Y0 && y < kernel.Y1)
            {
                return true;
            }
        }
        return false;
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

    /// <param name="width">Cells per row.</param>
    /// <param name="height">Rows of cells.</param>
    /// <param name="pxPerMm">Cells per mm.</param>
    /// <param name="scale">Cells per photo pixel.</param>
    private static ZoneKernel CreateKernel(Zone zone, int index, int width, int height, double pxPerMm, double scale,
        int photoWidth, int photoHeight, long seed, Func<string, MaskImage>? loadMask) => zone switch
        {
            HairlineZone h => new HairlineKernel(h, pxPerMm, width, height, seed, index, scale),
            CrownZone c => CrownKernel.Create(c, pxPerMm, width, height, scale),
            RegionZone r => new FeatheredPolygonKernel(r.Polygon, r.FeatherMm, pxPerMm, width, height, scale) { Exclude = r.Exclude },
            ScarZone s => new ScarKernel(s, pxPerMm, width, height, scale),
            MaskZone m => new MaskKernel(
                (loadMask ?? throw new ArgumentException($"zone {index} is a mask ({m.Path}) but no mask loader was given", nameof(loadMask)))(m.Path)
                    ?? throw new InvalidOperationException($"the mask loader returned nothing for {m.Path}"),
                m.Fit, m.Exclude, photoWidth, photoHeight, (int)Math.Round(1 / scale)),
            null => throw new ArgumentException($"zone {index} is null", nameof(zone)),
            _ => throw new ArgumentException($"unsupported zone type {zone.GetType().Name}", nameof(zone)),
        };
}
