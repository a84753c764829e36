using SmpRender.Color;
using SmpRender.Sampling;
using SmpRender.Zones;

namespace SmpRender.Imaging.Synthetic;

/// <summary>
/// A generated scalp photo and what is known about it: its physical scale, the head outline,
/// the true skin colour, where every hair grows, and the scar tissue.
/// </summary>
public sealed class SyntheticScalp : IDisposable
{
    private readonly float[] _hairX;
    private readonly float[] _hairY;
    private readonly float[]? _scar;

    internal SyntheticScalp(Photo photo, ScalpPhotoOptions options, double pxPerMm, double centerX, double centerY,
        double radiusX, double radiusY, float[] hairX, float[] hairY, float[]? scar)
    {
        Photo = photo;
        Options = options;
        PxPerMm = pxPerMm;
        CenterX = centerX;
        CenterY = centerY;
        RadiusX = radiusX;
        RadiusY = radiusY;
        _hairX = hairX;
        _hairY = hairY;
        _scar = scar;
    }

    public Photo Photo { get; }

    public ScalpPhotoOptions Options { get; }

    /// <summary>Physical scale: pixels per millimetre.</summary>
    public double PxPerMm { get; }

    /// <summary>Head centre in pixels (the top of the head, head coordinates (0, 0)).</summary>
    public double CenterX { get; }

    public double CenterY { get; }

    /// <summary>Head half-width in pixels (head coordinate u = ±1).</summary>
    public double RadiusX { get; }

    /// <summary>Head half-length in pixels (head coordinate v = ±1).</summary>
    public double RadiusY { get; }

    /// <summary>The true skin colour in CIELAB (D65).</summary>
    public Lab SkinLab => Options.Skin.ToLab();

    /// <summary>The true hair colour in CIELAB (D65).</summary>
    public Lab HairLab => Options.Hair.ToLab();

    /// <summary>Root positions of every hair in pixels (pixel centres at +0.5).</summary>
    public ReadOnlySpan<float> HairX => _hairX;

    public ReadOnlySpan<float> HairY => _hairY;

    public int HairCount => _hairX.Length;

    /// <summary>Scar weight per pixel (row-major, 0..1), empty when there is no scar.</summary>
    public ReadOnlySpan<float> ScarMask => _scar;

    /// <summary>Pixel position of a point in head coordinates.</summary>
    public (double X, double Y) ToPixel(double u, double v) =>
        (CenterX + u * RadiusX * (1 + 0.07 * Math.Clamp(v, -1, 1)), CenterY + v * RadiusY);

    /// <summary>Head coordinates of a pixel position.</summary>
    public (double U, double V) ToHead(double x, double y) => ScalpPhotoGenerator.HeadCoords(x, y, CenterX, CenterY, RadiusX, RadiusY);

    /// <summary>
    /// A density map that is <paramref name="density"/> inside <paramref name="zone"/> (head coordinates), fading
    /// to 0 over <paramref name="feather"/> of its radius, zero off the head; carries the scar layer when there is one.
    /// Held on the cells a plan at this scale would get (<see cref="ZoneRasterizer.CellSizeFor"/>): each cell holds the
    /// zone at its centre, and the scar layer the mean of the cell's pixels.
    /// </summary>
    public DensityMap ZoneMap(HeadEllipse zone, float density = 1f, double feather = 0.15)
    {
        ArgumentNullException.ThrowIfNull(zone);
        Preconditions.InRange(density, 0, 1);
        Preconditions.InRange(feather, 0, 10);
        int w = Photo.Width, h = Photo.Height;
        int cell = ZoneRasterizer.CellSizeFor(PxPerMm);
        int gw = (w + cell - 1) / cell, gh = (h + cell - 1) / cell;
        var values = new float[gw * gh];
        for (int j = 0; j < gh; j++)
        {
            for (int i = 0; i < gw; i++)
            {
                (double u, double v) = ToHead((i + 0.5) * cell, (j + 0.5) * cell);
                if (u * u + v * v >= 1)
                {
                    continue;
                }
                double wgt = feather > 0 ? zone.Weight(u, v, feather) : zone.Contains(u, v) ? 1 : 0;
                values[j * gw + i] = (float)(density * wgt);
            }
        }
        return new DensityMap(w, h, PxPerMm, cell, values, _scar is null ? null : CellMeans(_scar, w, h, cell));
    }

    /// <summary>The mean of each cell's pixels (cells on the right and bottom edges hold fewer).</summary>
    private static float[] CellMeans(float[] pixels, int w, int h, int cell)
    {
        int gw = (w + cell - 1) / cell, gh = (h + cell - 1) / cell;
        var cells = new float[gw * gh];
        for (int j = 0; j < gh; j++)
        {
            int y0 = j * cell, y1 = Math.Min(h, y0 + cell);
            for (int i = 0; i < gw; i++)
            {
                int x0 = i * cell, x1 = Math.Min(w, x0 + cell);
                float sum = 0;
                for (int y = y0; y < y1; y++)
                {
                    foreach (float p in pixels.AsSpan(y * w + x0, x1 - x0))
                    {
                        sum += p;
                    }
                }
                cells[j * gw + i] = Math.Clamp(sum / ((x1 - x0) * (y1 - y0)), 0f, 1f);
            }
        }
        return cells;
    }

    public void Dispose() => Photo.Dispose();
}
