using MathNet.Numerics.Interpolation;

namespace SmpRender.Zones;

/// <summary>
/// The hairline: a natural cubic spline through the control points over a chord-length parameter, sampled every
/// 0.5 mm, displaced along its normal by the undulation and asymmetry, extended straight past both ends so that it
/// splits the photo in two. Density is a smooth ramp of the signed distance (mm) to that line, modulated by value
/// noise inside the transition, plus small islands (stray dots and clusters) ahead of the line.
/// </summary>
internal sealed class HairlineKernel : SignedFieldKernel
{
    private const double StepMm = 0.5;

    /// <summary>Gaussian radius of one stray-dot island (about one dot at full density).</summary>
    internal const double IslandSigmaMm = 0.42;

    /// <summary>Islands sit at least this far ahead of the line.</summary>
    internal const double IslandNearestMm = 0.6;

    private readonly double _transitionMm, _bandDepthMm, _taperMm, _noiseAmount;
    private readonly bool _bandOnly;
    private readonly ValueNoise _noise, _fineNoise;
    private readonly Island[] _islands;

    /// <param name="pxPerMm">Lattice points per mm (the photo's scale times <paramref name="scale"/>).</param>
    /// <param name="scale">Lattice points per photo pixel (1 on the photo's pixels).</param>
    public HairlineKernel(HairlineZone zone, double pxPerMm, int width, int height, long seed, int stream, double scale = 1)
    {
        Exclude = zone.Exclude;
        _transitionMm = zone.EffectiveTransitionMm;
        _bandDepthMm = zone.BandDepthMm;
        _bandOnly = zone.BandOnly;
        _taperMm = Math.Min(_transitionMm, _bandDepthMm / 2);
        _noiseAmount = zone.Style switch
        {
            HairlineStyle.Defined => 0.10,
            HairlineStyle.Natural => 0.35,
            _ => 0.22,
        };
        var random = new ZoneRandom(seed, stream);
        _noise = new ValueNoise(random.NextULong(), zone.Style == HairlineStyle.Natural ? 2.0 : 2.5);
        _fineNoise = new ValueNoise(random.NextULong(), 1.1);

        Line = BuildLine(zone, pxPerMm, scale, ref random);
        double rangePx = (_bandOnly ? _bandDepthMm : _transitionMm) * pxPerMm + 2;
        double extend = Math.Sqrt((double)width * width + (double)height * height) + rangePx + 16;
        Point2[] p = Line.Points;
        var (t0x, t0y) = Line.StartTangent;
        var (t1x, t1y) = Line.EndTangent;
        var a = new Point2(p[0].X - t0x * extend, p[0].Y - t0y * extend);
        var b = new Point2(p[^1].X + t1x * extend, p[^1].Y + t1y * extend);
        var segments = new List<(Point2, Point2)>(p.Length + 1) { (a, p[0]) };
        for (int i = 0; i + 1 < p.Length; i++)
        {
            segments.Add((p[i], p[i + 1]));
        }
        segments.Add((p[^1], b));
        double far = 3 * extend;
        var polygon = new List<Point2>(p.Length + 4) { a };
        polygon.AddRange(p);
        polygon.Add(b);
        polygon.Add(new Point2(b.X + Line.ScalpX * far, b.Y + Line.ScalpY * far));
        polygon.Add(new Point2(a.X + Line.ScalpX * far, a.Y + Line.ScalpY * far));

        SetBounds(0, 0, width, height, width, height);
        OutsideIsZero = true;
        FarOutside = 0;
        FarInside = _bandOnly ? 0 : 1;
        Build(polygon, segments, rangePx, pxPerMm);
        _islands = BuildIslands(zone, pxPerMm, ref random);
    }

    /// <summary>The displaced line actually drawn (for tests and overlays).</summary>
    internal HairlineGeometry Line { get; }

    internal int IslandCount => _islands.Length;

    protected override float Profile(double signedMm, double x, double y)
    {
        if (signedMm <= 0)
        {
            return 0;
        }
        double b = signedMm >= _transitionMm ? 1 : Ramp(signedMm / _transitionMm);
        if (b > 0 && b < 1)
        {
            double xMm = x / PxPerMm, yMm = y / PxPerMm;
            double n = 0.7 * _noise.At(xMm, yMm) + 0.3 * _fineNoise.At(xMm, yMm);
            b = Math.Clamp(b + _noiseAmount * n * 4 * b * (1 - b), 0, 1);
        }
        if (_bandOnly && signedMm > _bandDepthMm - _taperMm)
        {
            b *= 1 - SmoothStep((signedMm - (_bandDepthMm - _taperMm)) / _taperMm);
        }
        return (float)b;
    }

    /// <summary>
    /// The density ramp over the transition (u = 0 at the line, 1 at full): a cubic rising from 0 with a gentle
    /// slope (0.4, so the front is sparse but not empty and there is no step) to 1 with zero slope.
    /// </summary>
    internal static double Ramp(double u)
    {
        u = u <= 0 ? 0 : u >= 1 ? 1 : u;
        return u * (RampStartSlope + u * (3 - 2 * RampStartSlope + u * (RampStartSlope - 2)));
    }

    internal const double RampStartSlope = 0.4;

    public override void Row(int y, Span<float> values, Span<float> scar, RowScratch scratch)
    {
        base.Row(y, values, scar, scratch);
        double yc = y + 0.5;
        foreach (ref readonly Island island in _islands.AsSpan())
        {
            double dy = yc - island.Y;
            if (Math.Abs(dy) > island.Reach)
            {
                continue;
            }
            int xa = Math.Max(X0, (int)Math.Floor(island.X - island.Reach)), xb = Math.Min(X1, (int)Math.Ceiling(island.X + island.Reach));
            for (int x = xa; x < xb; x++)
            {
                double dx = x + 0.5 - island.X;
                float v = (float)(island.Peak * Math.Exp(-(dx * dx + dy * dy) * island.InverseTwoSigma2));
                if (v > values[x - X0])
                {
                    values[x - X0] = v;
                }
            }
        }
    }

    private static HairlineGeometry BuildLine(HairlineZone zone, double pxPerMm, double lattice, ref ZoneRandom random)
    {
        var control = new List<Point2>();
        foreach (Point2 q in zone.Points.Select(p => Scaled(p, lattice)))
        {
            if (control.Count == 0 || Distance(control[^1], q) > 1e-6)
            {
                control.Add(q);
            }
        }
        if (control.Count < 2)
        {
            throw new ArgumentException("a hairline needs at least 2 distinct points", nameof(zone));
        }
        var t = new double[control.Count];
        for (int i = 1; i < t.Length; i++)
        {
            t[i] = t[i - 1] + Distance(control[i - 1], control[i]);
        }
        IInterpolation sx, sy;
        double[] xs = control.Select(q => q.X).ToArray(), ys = control.Select(q => q.Y).ToArray();
        if (control.Count == 2)
        {
            sx = LinearSpline.InterpolateSorted(t, xs);
            sy = LinearSpline.InterpolateSorted(t, ys);
        }
        else
        {
            sx = CubicSpline.InterpolateNaturalSorted(t, xs);
            sy = CubicSpline.InterpolateNaturalSorted(t, ys);
        }

        double stepPx = Math.Max(StepMm * pxPerMm, 0.75);
        int m = Math.Max(2, (int)Math.Ceiling(t[^1] / stepPx) + 1);
        var basePoints = new Point2[m];
        var normals = new (double X, double Y)[m];
        for (int j = 0; j < m; j++)
        {
            double u = t[^1] * j / (m - 1);
            basePoints[j] = new Point2(sx.Interpolate(u), sy.Interpolate(u));
            double dx = sx.Differentiate(u), dy = sy.Differentiate(u), len = Math.Sqrt(dx * dx + dy * dy);
            if (len < 1e-12)
            {
                dx = xs[^1] - xs[0];
                dy = ys[^1] - ys[0];
                len = Math.Sqrt(dx * dx + dy * dy);
            }
            normals[j] = (-dy / len, dx / len);
        }

        // Orient the normals towards the scalp.
        var arc = new double[m];
        for (int j = 1; j < m; j++)
        {
            arc[j] = arc[j - 1] + Distance(basePoints[j - 1], basePoints[j]) / pxPerMm;
        }
        double lengthMm = arc[^1];
        double orientation;
        if (zone.ScalpSide.Point is { } scalpPoint)
        {
            Point2 target = Scaled(scalpPoint, lattice);
            int nearest = 0;
            double best = double.PositiveInfinity;
            for (int j = 0; j < m; j++)
            {
                double d = Distance(basePoints[j], target);
                if (d < best)
                {
                    best = d;
                    nearest = j;
                }
            }
            orientation = normals[nearest].X * (target.X - basePoints[nearest].X) + normals[nearest].Y * (target.Y - basePoints[nearest].Y);
        }
        else
        {
            var (vx, vy) = zone.ScalpSide.Vector;
            orientation = 0;
            for (int j = 0; j < m; j++)
            {
                orientation += normals[j].X * vx + normals[j].Y * vy;
            }
        }
        double sign = orientation < 0 ? -1 : 1;
        double scalpX = 0, scalpY = 0;
        for (int j = 0; j < m; j++)
        {
            normals[j] = (normals[j].X * sign, normals[j].Y * sign);
            scalpX += normals[j].X;
            scalpY += normals[j].Y;
        }
        double scalpLen = Math.Sqrt(scalpX * scalpX + scalpY * scalpY);
        if (scalpLen < 1e-9 * m)
        {
            (scalpX, scalpY) = zone.ScalpSide.Point is { } tp
                ? (tp.X * lattice - basePoints[m / 2].X, tp.Y * lattice - basePoints[m / 2].Y)
                : zone.ScalpSide.Vector;
            scalpLen = Math.Max(1e-12, Math.Sqrt(scalpX * scalpX + scalpY * scalpY));
        }
        scalpX /= scalpLen;
        scalpY /= scalpLen;

        // Macro-irregularity: three gentle waves (wavelengths 12-40 mm), scaled so the largest excursion is the amplitude.
        var offsets = new double[m];
        double amplitude = zone.EffectiveUndulationMm;
        Span<double> wavelength = stackalloc double[3], phase = stackalloc double[3];
        double[] weights = [1.0, 0.55, 0.3];
        for (int i = 0; i < 3; i++)
        {
            wavelength[i] = random.Range(12, 40) / (i + 1.0) * (i == 0 ? 1 : 1.4);
            phase[i] = random.Range(0, 2 * Math.PI);
        }
        double peak = 0;
        for (int j = 0; j < m; j++)
        {
            double w = 0;
            for (int i = 0; i < 3; i++)
            {
                w += weights[i] * Math.Sin(2 * Math.PI * arc[j] / wavelength[i] + phase[i]);
            }
            offsets[j] = w;
            peak = Math.Max(peak, Math.Abs(w));
        }
        double scale = peak > 0 ? amplitude / peak : 0;

        // Asymmetry: one side (chosen by the seed) sits forward or back by up to the maximum at its end.
        double asymmetry = zone.EffectiveAsymmetryMm * random.Range(0.6, 1.0) * (random.NextDouble() < 0.5 ? -1 : 1);
        bool rightSide = random.NextDouble() < 0.5;
        var points = new Point2[m];
        for (int j = 0; j < m; j++)
        {
            double along = lengthMm > 0 ? arc[j] / lengthMm : 0;
            double side = rightSide ? along : 1 - along;
            double a = asymmetry * SmoothStep((side - 0.5) * 2);
            double o = (offsets[j] * scale + a) * pxPerMm;
            points[j] = new Point2(basePoints[j].X + normals[j].X * o, basePoints[j].Y + normals[j].Y * o);
        }

        (double, double) Tangent(Point2 from, Point2 to)
        {
            double dx = to.X - from.X, dy = to.Y - from.Y, len = Math.Sqrt(dx * dx + dy * dy);
            return len > 0 ? (dx / len, dy / len) : (-scalpY, scalpX);
        }

        return new HairlineGeometry(points, normals, arc, Tangent(points[0], points[1]), Tangent(points[^2], points[^1]),
            scalpX, scalpY, asymmetry, rightSide);
    }

    private Island[] BuildIslands(HairlineZone zone, double pxPerMm, ref ZoneRandom random)
    {
        double micro = zone.EffectiveMicroMm;
        double lengthMm = Line.ArcMm[^1];
        if (micro <= 0 || lengthMm <= 0)
        {
            return [];
        }
        double perTenMm = zone.Style switch
        {
            HairlineStyle.Defined => 0.6,
            HairlineStyle.Natural => 1.8,
            _ => 1.1,
        };
        int count = (int)Math.Round(lengthMm / 10 * perTenMm);
        var islands = new List<Island>(count * 2);
        double sigmaPx = IslandSigmaMm * pxPerMm;
        for (int i = 0; i < count; i++)
        {
            double s = random.Range(0.03, 0.97) * lengthMm;
            // Strays thin out away from the line: more of them close to it.
            double nearest = Math.Min(IslandNearestMm, micro);
            double ahead = nearest + (micro - nearest) * Math.Pow(random.NextDouble(), 1.6);
            int blobs = random.NextDouble() < 0.65 ? 1 : 2 + (int)(random.NextDouble() * 3);
            for (int b = 0; b < blobs; b++)
            {
                // A cluster: neighbours about a dot spacing apart, along the line, staying within the micro band.
                double sb = Math.Clamp(s + (b == 0 ? 0 : random.Range(-1.6, 1.6)), 0, lengthMm);
                double ab = b == 0 ? ahead : Math.Clamp(ahead + random.Range(-0.8, 0.8), Math.Min(IslandNearestMm, micro), micro);
                int k = Array.BinarySearch(Line.ArcMm, sb);
                int j = Math.Clamp(k < 0 ? ~k : k, 0, Line.Points.Length - 1);
                var n = Line.Normals[j];
                islands.Add(new Island(Line.Points[j].X - n.X * ab * pxPerMm, Line.Points[j].Y - n.Y * ab * pxPerMm,
                    random.Range(0.5, 0.85), sigmaPx));
            }
        }
        return islands.ToArray();
    }

    private static double Distance(Point2 a, Point2 b) => Math.Sqrt((a.X - b.X) * (a.X - b.X) + (a.Y - b.Y) * (a.Y - b.Y));

    private readonly record struct Island(double X, double Y, double Peak, double SigmaPx)
    {
        public double Reach => 3 * SigmaPx;

        public double InverseTwoSigma2 => 1.0 / (2 * SigmaPx * SigmaPx);
    }
}

/// <summary>The hairline as drawn: displaced points, their scalp-side unit normals and arc length in mm.</summary>
internal sealed record HairlineGeometry(
    Point2[] Points,
    (double X, double Y)[] Normals,
    double[] ArcMm,
    (double X, double Y) StartTangent,
    (double X, double Y) EndTangent,
    double ScalpX,
    double ScalpY,
    double AsymmetryMm,
    bool AsymmetryOnRight);
