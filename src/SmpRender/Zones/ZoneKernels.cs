namespace SmpRender.Zones;

/// <summary>Per-thread scratch rows, allocated once per worker, never per pixel.</summary>
internal sealed class RowScratch
{
    public RowScratch(int width, int maxCrossings)
    {
        Values = new float[width];
        Scar = new float[width];
        Crossings = new double[Math.Max(4, maxCrossings)];
    }

    /// <summary>Squared distances of a run of pixels within one cell of a segment grid (cells are at most 64 pixels).</summary>
    public double[] Distances { get; } = new double[64];

    public float[] Values { get; }

    public float[] Scar { get; }

    public double[] Crossings { get; }
}

/// <summary>
/// Rasterizes one zone row by row inside its clipped bounding box [X0, X1) x [Y0, Y1) of a lattice whose points sit
/// at integer + 0.5: the photo's pixels, or the cells of a coarser density map. A kernel on cells sees the zone's
/// geometry scaled by 1 / cell size and a scale of pxPerMm / cell size, so that every width in mm is kept.
/// </summary>
internal abstract class ZoneKernel
{
    public bool Exclude { get; init; }

    public int X0 { get; protected set; }

    public int Y0 { get; protected set; }

    public int X1 { get; protected set; }

    public int Y1 { get; protected set; }

    public virtual bool WritesScar => false;

    public virtual int MaxCrossings => 0;

    public bool IsEmpty => X1 <= X0 || Y1 <= Y0;

    /// <summary>Writes the zone's value for pixels X0..X1-1 of row y into values[0..X1-X0] (and scar weights when it has them).</summary>
    public abstract void Row(int y, Span<float> values, Span<float> scar, RowScratch scratch);

    protected void SetBounds(double x0, double y0, double x1, double y1, int width, int height)
    {
        X0 = (int)Math.Clamp(Math.Floor(x0), 0, width);
        Y0 = (int)Math.Clamp(Math.Floor(y0), 0, height);
        X1 = (int)Math.Clamp(Math.Ceiling(x1), 0, width);
        Y1 = (int)Math.Clamp(Math.Ceiling(y1), 0, height);
    }

    /// <summary>A photo position in lattice units (<paramref name="scale"/> = lattice points per photo pixel).</summary>
    protected static Point2 Scaled(Point2 p, double scale) => new(p.X * scale, p.Y * scale);

    public static float SmoothStep(double t)
    {
        t = t <= 0 ? 0 : t >= 1 ? 1 : t;
        return (float)(t * t * (3 - 2 * t));
    }
}

/// <summary>
/// A zone defined by a closed region (inside via even-odd scanlines) and a boundary (distance via a segment grid):
/// the profile maps the signed distance in mm (positive inside) to density near the boundary; far from it the
/// value is constant.
/// </summary>
internal abstract class SignedFieldKernel : ZoneKernel
{
    private ScanlinePolygon _polygon = null!;
    private SegmentGrid _grid = null!;

    protected double PxPerMm { get; private set; }

    protected float FarInside { get; set; } = 1f;

    protected float FarOutside { get; set; }

    /// <summary>When the profile is 0 everywhere outside, outside pixels skip the distance search.</summary>
    protected bool OutsideIsZero { get; set; }

    public override int MaxCrossings => _polygon.EdgeCount;

    protected void Build(IReadOnlyList<Point2> polygon, IReadOnlyList<(Point2 A, Point2 B)> boundary, double rangePx, double pxPerMm)
    {
        PxPerMm = pxPerMm;
        _polygon = new ScanlinePolygon(polygon);
        _grid = new SegmentGrid(boundary, rangePx, X0, Y0, Math.Max(X1, X0 + 1), Math.Max(Y1, Y0 + 1));
    }

    protected abstract float Profile(double signedMm, double x, double y);

    public override void Row(int y, Span<float> values, Span<float> scar, RowScratch scratch)
    {
        Span<double> xs = scratch.Crossings;
        int n = _polygon.Crossings(y, xs);
        int k = 0;
        double yc = y + 0.5;
        double range2 = _grid.RangePx * _grid.RangePx;
        double mmPerPx = 1.0 / PxPerMm;
        int cs = _grid.CellSize;
        int row = Math.Min((y - _grid.OriginY) / cs, _grid.Rows - 1);
        for (int column = 0; column < _grid.Columns; column++)
        {
            int xa = Math.Max(X0, _grid.OriginX + column * cs), xb = Math.Min(X1, _grid.OriginX + (column + 1) * cs);
            ReadOnlySpan<SegmentGrid.Item> candidates = _grid.Cell(column, row);
            if (candidates.IsEmpty)
            {
                // Far from the boundary: constant runs between crossings.
                int x = xa;
                while (x < xb)
                {
                    while (k < n && xs[k] < x + 0.5)
                    {
                        k++;
                    }
                    int end = k < n ? Math.Min(xb, (int)Math.Ceiling(xs[k] - 0.5)) : xb;
                    end = Math.Max(end, x + 1);
                    values[(x - X0)..(end - X0)].Fill((k & 1) == 1 ? FarInside : FarOutside);
                    x = end;
                }
                continue;
            }
            Span<double> distances = scratch.Distances.AsSpan(0, Math.Max(0, xb - xa));
            _grid.MinDistanceSquaredRun(candidates, xa + 0.5, yc, distances);
            for (int x = xa; x < xb; x++)
            {
                double xc = x + 0.5;
                while (k < n && xs[k] < xc)
                {
                    k++;
                }
                bool inside = (k & 1) == 1;
                float v;
                if (candidates.IsEmpty || (!inside && OutsideIsZero))
                {
                    v = inside ? FarInside : FarOutside;
                }
                else
                {
                    double d2 = distances[x - xa];
                    if (d2 > range2)
                    {
                        v = inside ? FarInside : FarOutside;
                    }
                    else
                    {
                        double d = Math.Sqrt(d2) * mmPerPx;
                        v = Profile(inside ? d : -d, xc, yc);
                    }
                }
                values[x - X0] = v;
            }
        }
    }

    protected static List<(Point2, Point2)> ClosedEdges(IReadOnlyList<Point2> polygon)
    {
        var edges = new List<(Point2, Point2)>(polygon.Count);
        for (int i = 0; i < polygon.Count; i++)
        {
            edges.Add((polygon[i], polygon[(i + 1) % polygon.Count]));
        }
        return edges;
    }
}

/// <summary>A polygon with a feather straddling its edge (half inside, half outside).</summary>
internal class FeatheredPolygonKernel : SignedFieldKernel
{
    private readonly double _featherMm;

    public FeatheredPolygonKernel(IReadOnlyList<Point2> polygon, double featherMm, double pxPerMm, int width, int height, double scale = 1)
    {
        polygon = scale == 1 ? polygon : [.. polygon.Select(p => Scaled(p, scale))];
        _featherMm = Math.Max(featherMm, 1.0 / pxPerMm);
        double rangePx = _featherMm * pxPerMm / 2 + 1;
        SetBounds(polygon.Min(p => p.X) - rangePx, polygon.Min(p => p.Y) - rangePx,
            polygon.Max(p => p.X) + rangePx, polygon.Max(p => p.Y) + rangePx, width, height);
        Build(polygon, ClosedEdges(polygon), rangePx, pxPerMm);
    }

    protected override float Profile(double signedMm, double x, double y) => SmoothStep(0.5 + signedMm / _featherMm);
}

/// <summary>An ellipse (as a fine polygon) with a feather and an optional whorl dip.</summary>
internal sealed class CrownKernel : FeatheredPolygonKernel
{
    public const double WhorlDip = 0.25;
    public const double WhorlSigmaMm = 5;

    private readonly Point2? _whorl;
    private readonly double _whorlSigmaPx;

    private CrownKernel(IReadOnlyList<Point2> polygon, CrownZone zone, double pxPerMm, int width, int height, double scale)
        : base(polygon, zone.FeatherMm, pxPerMm, width, height)
    {
        _whorl = zone.Whorl is { } w ? Scaled(w, scale) : null;
        _whorlSigmaPx = WhorlSigmaMm * pxPerMm;
    }

    /// <param name="pxPerMm">Lattice points per mm (the photo's scale times <paramref name="scale"/>).</param>
    /// <param name="scale">Lattice points per photo pixel.</param>
    public static CrownKernel Create(CrownZone zone, double pxPerMm, int width, int height, double scale = 1)
    {
        // A radius in photo pixels scales with the lattice; one in mm is converted at the lattice's scale.
        double rx = zone.RadiusX.ToPixels(pxPerMm / scale) * scale, ry = zone.RadiusY.ToPixels(pxPerMm / scale) * scale;
        Point2 center = Scaled(zone.Center, scale);
        double perimeterMm = Math.PI * (3 * (rx + ry) - Math.Sqrt((3 * rx + ry) * (rx + 3 * ry))) / pxPerMm;
        int count = (int)Math.Clamp(Math.Ceiling(perimeterMm / 0.5), 64, 4096);
        double angle = zone.AngleDeg * Math.PI / 180, cos = Math.Cos(angle), sin = Math.Sin(angle);
        var polygon = new Point2[count];
        for (int i = 0; i < count; i++)
        {
            double t = 2 * Math.PI * i / count;
            double ex = rx * Math.Cos(t), ey = ry * Math.Sin(t);
            polygon[i] = new Point2(center.X + ex * cos - ey * sin, center.Y + ex * sin + ey * cos);
        }
        return new CrownKernel(polygon, zone, pxPerMm, width, height, scale) { Exclude = zone.Exclude };
    }

    public override void Row(int y, Span<float> values, Span<float> scar, RowScratch scratch)
    {
        base.Row(y, values, scar, scratch);
        if (_whorl is not { } w)
        {
            return;
        }
        double reach = 3.5 * _whorlSigmaPx;
        double dy = y + 0.5 - w.Y;
        if (Math.Abs(dy) > reach)
        {
            return;
        }
        int xa = Math.Max(X0, (int)Math.Floor(w.X - reach)), xb = Math.Min(X1, (int)Math.Ceiling(w.X + reach));
        double inv2s2 = 1.0 / (2 * _whorlSigmaPx * _whorlSigmaPx);
        for (int x = xa; x < xb; x++)
        {
            double dx = x + 0.5 - w.X;
            values[x - X0] *= (float)(1 - WhorlDip * Math.Exp(-(dx * dx + dy * dy) * inv2s2));
        }
    }
}

/// <summary>A strip or dot scar: full density over the scar and a margin, then a feather; the body marks the scar layer.</summary>
internal sealed class ScarKernel : ZoneKernel
{
    private readonly SegmentGrid _grid;
    private readonly double _pxPerMm, _halfMm, _fullMm, _featherMm;

    public ScarKernel(ScarZone zone, double pxPerMm, int width, int height, double scale = 1)
    {
        Exclude = zone.Exclude;
        _pxPerMm = pxPerMm;
        _halfMm = zone.SizeMm / 2;
        _fullMm = _halfMm + zone.MarginMm;
        _featherMm = Math.Max(zone.FeatherMm, 1.0 / pxPerMm);
        double rangePx = (_fullMm + _featherMm) * pxPerMm + 1;
        var segments = new List<(Point2, Point2)>();
        IReadOnlyList<Point2> p = scale == 1 ? zone.Points : [.. zone.Points.Select(q => Scaled(q, scale))];
        if (zone.IsStrip)
        {
            for (int i = 0; i + 1 < p.Count; i++)
            {
                segments.Add((p[i], p[i + 1]));
            }
        }
        else
        {
            foreach (var point in p)
            {
                segments.Add((point, point));
            }
        }
        SetBounds(p.Min(q => q.X) - rangePx, p.Min(q => q.Y) - rangePx, p.Max(q => q.X) + rangePx, p.Max(q => q.Y) + rangePx, width, height);
        _grid = new SegmentGrid(segments, rangePx, X0, Y0, Math.Max(X1, X0 + 1), Math.Max(Y1, Y0 + 1));
    }

    public override bool WritesScar => !Exclude;

    public override void Row(int y, Span<float> values, Span<float> scar, RowScratch scratch)
    {
        double yc = y + 0.5;
        double range2 = _grid.RangePx * _grid.RangePx;
        int cs = _grid.CellSize;
        int row = Math.Min((y - _grid.OriginY) / cs, _grid.Rows - 1);
        for (int column = 0; column < _grid.Columns; column++)
        {
            int xa = Math.Max(X0, _grid.OriginX + column * cs), xb = Math.Min(X1, _grid.OriginX + (column + 1) * cs);
            ReadOnlySpan<SegmentGrid.Item> candidates = _grid.Cell(column, row);
            Span<double> distances = scratch.Distances.AsSpan(0, Math.Max(0, xb - xa));
            if (!candidates.IsEmpty)
            {
                _grid.MinDistanceSquaredRun(candidates, xa + 0.5, yc, distances);
            }
            for (int x = xa; x < xb; x++)
            {
                float v = 0, s = 0;
                if (!candidates.IsEmpty)
                {
                    double d2 = distances[x - xa];
                    if (d2 <= range2)
                    {
                        double dPx = Math.Sqrt(d2);
                        double dMm = dPx / _pxPerMm;
                        v = dMm <= _fullMm ? 1f : SmoothStep(1 - (dMm - _fullMm) / _featherMm);
                        s = (float)Math.Clamp(_halfMm * _pxPerMm - dPx + 0.5, 0, 1);
                    }
                }
                values[x - X0] = v;
                scar[x - X0] = s;
            }
        }
    }
}

/// <summary>
/// A painted mask: copied, or stretched bilinearly to the photo's size. On cells of several pixels, a mask of the
/// photo's size is averaged over each cell's pixels (a painted edge becomes a ramp one cell wide) and a stretched
/// mask is read bilinearly at the cell's centre.
/// </summary>
internal sealed class MaskKernel : ZoneKernel
{
    private readonly MaskImage _mask;
    private readonly int _width, _height, _cellSize;

    /// <param name="width">Photo width in pixels.</param>
    /// <param name="height">Photo height in pixels.</param>
    /// <param name="cellSize">Photo pixels per lattice point (the kernel's rows are rows of cells).</param>
    public MaskKernel(MaskImage mask, MaskFit fit, bool exclude, int width, int height, int cellSize = 1)
    {
        if (fit == MaskFit.Exact && (mask.Width != width || mask.Height != height))
        {
            throw new ArgumentException(
                $"the mask is {mask.Width}x{mask.Height} but the photo is {width}x{height}; paint it at the photo's size or set \"fit\": \"stretch\"",
                nameof(mask));
        }
        Exclude = exclude;
        _mask = mask;
        _width = width;
        _height = height;
        _cellSize = cellSize;
        int columns = (width + cellSize - 1) / cellSize, rows = (height + cellSize - 1) / cellSize;
        SetBounds(0, 0, columns, rows, columns, rows);
    }

    public override void Row(int y, Span<float> values, Span<float> scar, RowScratch scratch)
    {
        float[] m = _mask.Array;
        int mw = _mask.Width, mh = _mask.Height;
        int c = _cellSize;
        if (mw == _width && mh == _height)
        {
            if (c == 1)
            {
                m.AsSpan(y * mw, mw).CopyTo(values);
                return;
            }
            // The mean of the cell's pixels (cells on the right and bottom edges hold fewer).
            int py0 = y * c, py1 = Math.Min(mh, py0 + c);
            for (int i = 0; i < values.Length; i++)
            {
                int px0 = i * c, px1 = Math.Min(mw, px0 + c);
                float sum = 0;
                for (int py = py0; py < py1; py++)
                {
                    foreach (float v in m.AsSpan(py * mw + px0, px1 - px0))
                    {
                        sum += v;
                    }
                }
                values[i] = Math.Clamp(sum / ((px1 - px0) * (py1 - py0)), 0f, 1f);
            }
            return;
        }
        double fy = (y + 0.5) * c * mh / _height - 0.5;
        int y0 = (int)Math.Floor(fy);
        float ty = (float)(fy - y0);
        int ya = Math.Clamp(y0, 0, mh - 1) * mw, yb = Math.Clamp(y0 + 1, 0, mh - 1) * mw;
        double sx = (double)mw / _width;
        for (int x = 0; x < values.Length; x++)
        {
            double fx = (x + 0.5) * c * sx - 0.5;
            int x0 = (int)Math.Floor(fx);
            float tx = (float)(fx - x0);
            int xa = Math.Clamp(x0, 0, mw - 1), xb = Math.Clamp(x0 + 1, 0, mw - 1);
            float top = m[ya + xa] + (m[ya + xb] - m[ya + xa]) * tx;
            float bottom = m[yb + xa] + (m[yb + xb] - m[yb + xa]) * tx;
            values[x] = Math.Clamp(top + (bottom - top) * ty, 0f, 1f);
        }
    }
}
