using System.Runtime.Intrinsics;

namespace SmpRender.Zones;

/// <summary>
/// Line segments (in pixels) binned into square cells so that every segment within <c>range</c> of any point of a
/// cell is listed in that cell. A cell with no segment is farther than the range from all of them.
/// </summary>
internal sealed class SegmentGrid
{
    private readonly double[] _ax, _ay, _dx, _dy, _invLen2;
    private readonly int[] _cellStart;
    private readonly Item[] _items;
    private readonly double _halfDiagonal;

    public SegmentGrid(IReadOnlyList<(Point2 A, Point2 B)> segments, double rangePx, int x0, int y0, int x1, int y1)
    {
        int n = segments.Count;
        _ax = new double[n];
        _ay = new double[n];
        _dx = new double[n];
        _dy = new double[n];
        _invLen2 = new double[n];
        for (int i = 0; i < n; i++)
        {
            var (a, b) = segments[i];
            _ax[i] = a.X;
            _ay[i] = a.Y;
            _dx[i] = b.X - a.X;
            _dy[i] = b.Y - a.Y;
            double len2 = _dx[i] * _dx[i] + _dy[i] * _dy[i];
            _invLen2[i] = len2 > 0 ? 1.0 / len2 : 0;
        }
        CellSize = (int)Math.Clamp(Math.Ceiling(rangePx * 0.5), 8, 64);
        OriginX = x0;
        OriginY = y0;
        Columns = Math.Max(1, (x1 - x0 + CellSize - 1) / CellSize);
        Rows = Math.Max(1, (y1 - y0 + CellSize - 1) / CellSize);
        RangePx = rangePx;

        double halfDiagonal = CellSize * Math.Sqrt(0.5);
        double reach = rangePx + halfDiagonal;
        double reach2 = reach * reach;
        var counts = new int[Columns * Rows + 1];
        var pairs = new List<(int Cell, int Segment)>();
        for (int s = 0; s < n; s++)
        {
            double minX = Math.Min(_ax[s], _ax[s] + _dx[s]) - reach, maxX = Math.Max(_ax[s], _ax[s] + _dx[s]) + reach;
            double minY = Math.Min(_ay[s], _ay[s] + _dy[s]) - reach, maxY = Math.Max(_ay[s], _ay[s] + _dy[s]) + reach;
            int c0 = Math.Max(0, (int)Math.Floor((minX - x0) / CellSize)), c1 = Math.Min(Columns - 1, (int)Math.Floor((maxX - x0) / CellSize));
            int r0 = Math.Max(0, (int)Math.Floor((minY - y0) / CellSize)), r1 = Math.Min(Rows - 1, (int)Math.Floor((maxY - y0) / CellSize));
            for (int r = r0; r <= r1; r++)
            {
                double cy = y0 + (r + 0.5) * CellSize;
                for (int c = c0; c <= c1; c++)
                {
                    double cx = x0 + (c + 0.5) * CellSize;
                    if (DistanceSquared(s, cx, cy) <= reach2)
                    {
                        pairs.Add((r * Columns + c, s));
                    }
                }
            }
        }
        foreach (var (cell, _) in pairs)
        {
            counts[cell + 1]++;
        }
        for (int i = 1; i < counts.Length; i++)
        {
            counts[i] += counts[i - 1];
        }
        var items = new int[pairs.Count];
        var fill = (int[])counts.Clone();
        foreach (var (cell, segment) in pairs)
        {
            items[fill[cell]++] = segment;
        }

        // Prune: every point of a cell is within U of some listed segment (U = the smallest distance bound over the
        // cell's corners), so a segment farther than U + half a diagonal from the cell centre is never the nearest.
        _cellStart = new int[counts.Length];
        _halfDiagonal = halfDiagonal;
        var kept = new List<Item>(items.Length);
        var cellItems = new List<Item>();
        for (int cell = 0; cell < Columns * Rows; cell++)
        {
            _cellStart[cell] = kept.Count;
            int start = counts[cell], end = counts[cell + 1];
            if (start == end)
            {
                continue;
            }
            double cx0 = x0 + (cell % Columns) * CellSize, cy0 = y0 + (cell / Columns) * CellSize;
            double cx1 = cx0 + CellSize, cy1 = cy0 + CellSize;
            double bound = double.PositiveInfinity;
            for (int i = start; i < end; i++)
            {
                int s = items[i];
                double worst = Math.Max(
                    Math.Max(DistanceSquared(s, cx0, cy0), DistanceSquared(s, cx1, cy0)),
                    Math.Max(DistanceSquared(s, cx0, cy1), DistanceSquared(s, cx1, cy1)));
                bound = Math.Min(bound, worst);
            }
            double keep = Math.Sqrt(bound) + halfDiagonal;
            double cxc = (cx0 + cx1) / 2, cyc = (cy0 + cy1) / 2;
            cellItems.Clear();
            for (int i = start; i < end; i++)
            {
                int s = items[i];
                double centre = Math.Sqrt(DistanceSquared(s, cxc, cyc));
                if (centre <= keep)
                {
                    cellItems.Add(new Item(_ax[s], _ay[s], _dx[s], _dy[s], _invLen2[s], centre));
                }
            }
            // Nearest to the cell centre first, so that the search can stop early.
            cellItems.Sort((a, b) => a.CentreDistance.CompareTo(b.CentreDistance));
            kept.AddRange(cellItems);
        }
        _cellStart[^1] = kept.Count;
        _items = kept.ToArray();
    }

    public int CellSize { get; }

    public int OriginX { get; }

    public int OriginY { get; }

    public int Columns { get; }

    public int Rows { get; }

    public double RangePx { get; }

    /// <summary>The segments that may be nearest to some point of the cell, nearest to its centre first.</summary>
    public ReadOnlySpan<Item> Cell(int column, int row)
    {
        int i = row * Columns + column;
        return _items.AsSpan(_cellStart[i], _cellStart[i + 1] - _cellStart[i]);
    }

    public double DistanceSquared(int s, double px, double py)
    {
        double wx = px - _ax[s], wy = py - _ay[s];
        double t = (wx * _dx[s] + wy * _dy[s]) * _invLen2[s];
        t = t < 0 ? 0 : t > 1 ? 1 : t;
        double ex = wx - t * _dx[s], ey = wy - t * _dy[s];
        return ex * ex + ey * ey;
    }

    /// <summary>
    /// Smallest squared distance from a point of the cell to its listed segments (infinity when none). Exact: the
    /// search stops once a segment's distance to the cell centre, less half a diagonal, exceeds the best so far.
    /// </summary>
    public double MinDistanceSquared(ReadOnlySpan<Item> candidates, double px, double py)
    {
        double best = double.PositiveInfinity;
        double halfDiagonal = _halfDiagonal;
        foreach (ref readonly Item s in candidates)
        {
            double lower = s.CentreDistance - halfDiagonal;
            if (lower > 0 && lower * lower >= best)
            {
                break;
            }
            double wx = px - s.Ax, wy = py - s.Ay;
            double t = (wx * s.Dx + wy * s.Dy) * s.InverseLength2;
            t = t < 0 ? 0 : t > 1 ? 1 : t;
            double ex = wx - t * s.Dx, ey = wy - t * s.Dy;
            double d2 = ex * ex + ey * ey;
            if (d2 < best)
            {
                best = d2;
            }
        }
        return best;
    }

    /// <summary>
    /// <see cref="MinDistanceSquared"/> for a run of pixel centres (firstX + i, py) of one cell, written to
    /// <paramref name="best"/>: the same values, four or eight pixels at a time. The search stops once no
    /// further segment can be nearer to any pixel of the run.
    /// </summary>
    public void MinDistanceSquaredRun(ReadOnlySpan<Item> candidates, double firstX, double py, Span<double> best)
    {
        best.Fill(double.PositiveInfinity);
        if (!Vector256.IsHardwareAccelerated || best.Length < Vector256<double>.Count)
        {
            for (int i = 0; i < best.Length; i++)
            {
                best[i] = MinDistanceSquared(candidates, firstX + i, py);
            }
            return;
        }
        double worst = double.PositiveInfinity;
        Vector256<double> lane = Vector256.Create(0.0, 1.0, 2.0, 3.0);
        int last = best.Length - Vector256<double>.Count;
        foreach (ref readonly Item s in candidates)
        {
            double lower = s.CentreDistance - _halfDiagonal;
            if (lower > 0 && lower * lower >= worst)
            {
                break;
            }
            double wyScalar = py - s.Ay;
            Vector256<double> wy = Vector256.Create(wyScalar);
            Vector256<double> wyDy = Vector256.Create(wyScalar * s.Dy);
            Vector256<double> dx = Vector256.Create(s.Dx), dy = Vector256.Create(s.Dy);
            Vector256<double> inv = Vector256.Create(s.InverseLength2);
            Vector256<double> ax = Vector256.Create(s.Ax);
            Vector256<double> max = Vector256<double>.Zero;
            for (int i = 0; ; i += Vector256<double>.Count)
            {
                // The last vector may overlap the one before it: the minimum is the same when computed twice.
                i = Math.Min(i, last);
                // The pixel centres are exact (whole numbers and a half), so wx rounds as in the scalar search.
                Vector256<double> wx = Vector256.Create(firstX + i) + lane - ax;
                Vector256<double> t = (wx * dx + wyDy) * inv;
                t = Vector256.Min(Vector256.Max(t, Vector256<double>.Zero), Vector256<double>.One);
                Vector256<double> ex = wx - t * dx, ey = wy - t * dy;
                Vector256<double> d2 = Vector256.Min(Vector256.LoadUnsafe(ref best[i]), ex * ex + ey * ey);
                d2.StoreUnsafe(ref best[i]);
                max = Vector256.Max(max, d2);
                if (i == last)
                {
                    break;
                }
            }
            worst = Math.Max(Math.Max(max[0], max[1]), Math.Max(max[2], max[3]));
        }
    }

    internal readonly record struct Item(double Ax, double Ay, double Dx, double Dy, double InverseLength2, double CentreDistance);
}

/// <summary>Even-odd scanline crossings of a closed polygon with the horizontal line through a row's pixel centres.</summary>
internal sealed class ScanlinePolygon
{
    private readonly double[] _x, _y;

    public ScanlinePolygon(IReadOnlyList<Point2> vertices)
    {
        _x = new double[vertices.Count];
        _y = new double[vertices.Count];
        for (int i = 0; i < vertices.Count; i++)
        {
            _x[i] = vertices[i].X;
            _y[i] = vertices[i].Y;
        }
    }

    public int EdgeCount => _x.Length;

    /// <summary>Writes the sorted x of every crossing at y = row + 0.5 into <paramref name="crossings"/>; returns how many.</summary>
    public int Crossings(int row, Span<double> crossings)
    {
        double yc = row + 0.5;
        int n = 0;
        int count = _x.Length;
        for (int i = 0, j = count - 1; i < count; j = i++)
        {
            double ya = _y[j], yb = _y[i];
            if ((ya <= yc) != (yb <= yc))
            {
                crossings[n++] = _x[j] + (yc - ya) * (_x[i] - _x[j]) / (yb - ya);
            }
        }
        if (n <= 16)
        {
            // A scanline crosses a zone's outline a few times: insertion sort, in order and without a general sort's set-up.
            for (int i = 1; i < n; i++)
            {
                double v = crossings[i];
                int k = i - 1;
                for (; k >= 0 && crossings[k] > v; k--)
                {
                    crossings[k + 1] = crossings[k];
                }
                crossings[k + 1] = v;
            }
        }
        else
        {
            crossings[..n].Sort();
        }
        return n;
    }
}
