using SmpRender.Color;
using SmpRender.Compositing;
using SmpRender.Imaging;
using SmpRender.Imaging.Synthetic;
using SmpRender.Pigment;
using SmpRender.Sampling;

namespace SmpRender.Tests.Compositing;

public class DotCompositorTests
{
    private static readonly SkinTone Skin4 = SkinTone.FromRgb(MonkSkinTone.Swatch(4));

    private static SyntheticScalp Scalp(int size = 200, SyntheticScar scar = SyntheticScar.None) =>
        ScalpPhotoGenerator.Generate(ScalpPhotoOptions.ForMonk(4, 11) with { Width = size, Height = size, HeadWidthMm = 60, Scar = scar });

    [Fact]
    public void Apply_PixelsOutsideEveryFootprint_BitIdentical()
    {
        using SyntheticScalp s = Scalp();
        DensityMap map = s.ZoneMap(TestScalps.Top);
        DotField dots = TestDots.JitteredGrid(map, 1.2, 3);
        var model = new PigmentModel(new PigmentOptions(), Skin4);
        using Photo after = s.Photo.Clone();
        DotCompositor.Apply(after, dots, model, map);

        int w = after.Width, changedInside = 0, checkedOutside = 0;
        var near = new bool[w * after.Height];
        for (int i = 0; i < dots.Count; i++)
        {
            float extent = model.Appearance(dots.Rank[i], dots.Session[i], 0, dots.PxPerMm).Extent;
            for (int y = (int)(dots.Y[i] - extent) - 1; y <= dots.Y[i] + extent + 1; y++)
            {
                for (int x = (int)(dots.X[i] - extent) - 1; x <= dots.X[i] + extent + 1; x++)
                {
                    if ((uint)x < (uint)w && (uint)y < (uint)after.Height)
                    {
                        near[y * w + x] = true;
                    }
                }
            }
        }
        ReadOnlySpan<byte> a = s.Photo.Pixels, b = after.Pixels;
        for (int p = 0; p < near.Length; p++)
        {
            Assert.Equal(a[p * 4 + 3], b[p * 4 + 3]);
            if (near[p])
            {
                changedInside += a.Slice(p * 4, 3).SequenceEqual(b.Slice(p * 4, 3)) ? 0 : 1;
                continue;
            }
            checkedOutside++;
            Assert.True(a.Slice(p * 4, 4).SequenceEqual(b.Slice(p * 4, 4)), $"pixel {p % w},{p / w} changed outside every dot");
        }
        Assert.True(checkedOutside > near.Length / 3);
        Assert.True(changedInside > dots.Count, $"{changedInside} pixels changed by {dots.Count} dots");
    }

    [Fact]
    public void Apply_AnyThreadCount_BitIdentical()
    {
        using SyntheticScalp s = Scalp(256);
        DensityMap map = s.ZoneMap(TestScalps.Top);
        DotField dots = TestDots.JitteredGrid(map, 0.8, 5, sessions: 3);
        var model = new PigmentModel(new PigmentOptions(seed: 9), Skin4);
        using Photo one = s.Photo.Clone(), many = s.Photo.Clone(), again = s.Photo.Clone();
        DotCompositor.Apply(one, dots, model, map, maxDegreeOfParallelism: 1);
        DotCompositor.Apply(many, dots, model, map, maxDegreeOfParallelism: 4);
        DotCompositor.Apply(again, dots, new PigmentModel(new PigmentOptions(seed: 9), Skin4), map);
        Assert.True(one.Pixels.SequenceEqual(many.Pixels));
        Assert.True(one.Pixels.SequenceEqual(again.Pixels));
        using Photo otherSeed = s.Photo.Clone();
        DotCompositor.Apply(otherSeed, dots, new PigmentModel(new PigmentOptions(seed: 10), Skin4), map);
        Assert.False(one.Pixels.SequenceEqual(otherSeed.Pixels));
    }

    [Fact]
    public void Apply_FieldOfManyChunksOnSeveralThreads_SameBytesAsOneThread()
    {
        // 30k dots: several chunks of the per-dot pass and band lists, and enough dot-band pairs for the bands to be drawn
        // in parallel; dots overlap across band edges.
        Rgb8 c = MonkSkinTone.Swatch(3);
        using Photo pristine = Photo.Filled(700, 520, c.R, c.G, c.B);
        var rng = new Random(5);
        const int N = 30_000;
        var xs = new float[N];
        var ys = new float[N];
        for (int i = 0; i < N; i++)
        {
            xs[i] = (float)(rng.NextDouble() * 700);
            ys[i] = (float)(rng.NextDouble() * 520);
        }
        var dots = new DotField(xs, ys, new float[N], [.. Enumerable.Range(0, N).Select(i => (byte)(1 + i % 3))], Enumerable.Range(0, N).ToArray(), N, 12);
        var model = new PigmentModel(new PigmentOptions(seed: 2), Skin4);
        using Photo one = pristine.Clone();
        DotCompositor.Apply(one, dots, model, null, null, 1, 0);
        Assert.False(one.Pixels.SequenceEqual(pristine.Pixels));
        foreach (int threads in new[] { 2, 3, -1 })
        {
            using Photo many = pristine.Clone();
            DotCompositor.Apply(many, dots, model, null, null, threads, 0);
            Assert.True(many.Pixels.SequenceEqual(one.Pixels), $"{threads} threads");
        }
        using Photo scalar = pristine.Clone();
        DotCompositor.Apply(scalar, dots, model, null, null, 2, int.MaxValue, DotCompositor.PixelLoop.Scalar);
        Assert.True(scalar.Pixels.SequenceEqual(one.Pixels));
    }

    /// <summary>The vector pixel loops; each falls back to the scalar loop on a processor without its instructions.</summary>
    private static readonly DotCompositor.PixelLoop[] VectorLoops = [DotCompositor.PixelLoop.Avx2, DotCompositor.PixelLoop.Avx512];

    [Theory]
    [InlineData(0.0, SyntheticScar.None, 4)]
    [InlineData(6.0, SyntheticScar.FutStrip, 4)]
    [InlineData(2.0, SyntheticScar.None, 9)]
    public void Apply_VectorAndScalarPixelLoops_BitIdentical(double years, SyntheticScar scar, int monk)
    {
        // The AVX2 and AVX-512 loops (where the processor has them) and the scalar loop do the same arithmetic: same bytes,
        // for plain dots and for faded (capped) dots on scar tissue, on one thread and on several. A pigment for deep skin
        // on this light photo takes most of it for shine (dots of every strength, some of none).
        using SyntheticScalp s = Scalp(256, scar);
        DensityMap map = s.ZoneMap(TestScalps.Top);
        DotField dots = TestDots.JitteredGrid(map, 0.8, 5, sessions: 3);
        var model = new PigmentModel(new PigmentOptions(seed: 3, fading: new FadingOptions(years)),
            monk == 4 ? Skin4 : SkinTone.FromRgb(MonkSkinTone.Swatch(monk)));
        using Photo scalar = s.Photo.Clone();
        DotCompositor.Apply(scalar, dots, model, map, null, 1, int.MaxValue, DotCompositor.PixelLoop.Scalar);
        Assert.False(scalar.Pixels.SequenceEqual(s.Photo.Pixels));
        foreach (DotCompositor.PixelLoop loop in VectorLoops)
        {
            foreach (int threads in new[] { 1, 4 })
            {
                using Photo vector = s.Photo.Clone();
                DotCompositor.Apply(vector, dots, model, map, null, threads, 0, loop);
                Assert.True(vector.Pixels.SequenceEqual(scalar.Pixels), $"{loop} on {threads} threads");
            }
        }
    }

    [Theory]
    [InlineData(0.7, 0.0)]
    [InlineData(3, 0.0)]
    [InlineData(60, 0.0)]
    [InlineData(400, 0.0)]
    [InlineData(400, 10.0)]
    public void Apply_TinyAndHugeDotsOverEveryEdge_AllPixelLoopsBitIdentical(double pxPerMm, double years)
    {
        // Sub-pixel dots (0.7 px/mm: a 0.25 mm dot is a fifth of a pixel), dots a few pixels across, and dots some hundred
        // pixels across (more rows than a band, more pixels than a loop lists before shading), with centres inside, on and
        // past every edge of a photo whose width is not a multiple of eight, several dots overlapping.
        Rgb8 c = MonkSkinTone.Swatch(6);
        using Photo pristine = Photo.Filled(203, 141, c.R, c.G, c.B);
        for (int y = 0; y < pristine.Height; y++)
        {
            Span<byte> row = pristine.Row(y);
            for (int x = 0; x < pristine.Width; x++)
            {
                row[x * 4] = (byte)(x + 3 * y);
                row[x * 4 + 1] = (byte)(7 * x ^ y);
                row[x * 4 + 2] = (byte)(255 - x);
                row[x * 4 + 3] = (byte)(x * y);
            }
        }
        var xs = new List<float>();
        var ys = new List<float>();
        var rng = new Random(17);
        foreach (float x in new[] { -3f, 0, 0.5f, 1.3f, 101.7f, 201.9f, 202.5f, 203, 205.5f })
        {
            foreach (float y in new[] { -2.5f, 0, 0.9f, 70.2f, 139.6f, 140.5f, 141, 144 })
            {
                xs.Add(x);
                ys.Add(y);
            }
        }
        for (int i = 0; i < 200; i++)
        {
            xs.Add((float)(rng.NextDouble() * 203));
            ys.Add((float)(rng.NextDouble() * 141));
        }
        int n = xs.Count;
        var dots = new DotField(xs.ToArray(), ys.ToArray(), new float[n], [.. Enumerable.Range(0, n).Select(i => (byte)(1 + i % 3))],
            Enumerable.Range(0, n).ToArray(), n, pxPerMm);
        var model = new PigmentModel(new PigmentOptions(seed: 8, fading: new FadingOptions(years)), Skin4);
        using Photo scalar = pristine.Clone();
        DotCompositor.Apply(scalar, dots, model, null, null, 1, int.MaxValue, DotCompositor.PixelLoop.Scalar);
        Assert.False(scalar.Pixels.SequenceEqual(pristine.Pixels));
        for (int p = 3; p < scalar.Pixels.Length; p += 4)
        {
            Assert.Equal(pristine.Pixels[p], scalar.Pixels[p]);
        }
        foreach (DotCompositor.PixelLoop loop in VectorLoops)
        {
            foreach (int threads in new[] { 1, 3 })
            {
                using Photo vector = pristine.Clone();
                DotCompositor.Apply(vector, dots, model, null, null, threads, 0, loop);
                Assert.True(vector.Pixels.SequenceEqual(scalar.Pixels), $"{loop} on {threads} threads");
            }
        }
    }

    [Fact]
    public void Apply_DotsNotFiniteOrOffThePhoto_ChangeNothing_DotsOverTheEdgeAreClipped()
    {
        Rgb8 c = MonkSkinTone.Swatch(4);
        var model = new PigmentModel(new PigmentOptions(seed: 4), Skin4);
        using Photo pristine = Photo.Filled(64, 48, c.R, c.G, c.B);
        var away = new DotField([float.NaN, 10, -1e9f, 1e9f, 10, -5, 70, 30, float.PositiveInfinity],
            [10, float.PositiveInfinity, 10, 10, -1e30f, 20, 20, 53, float.NaN], new float[9], [1, 2, 3, 1, 2, 3, 1, 2, 3],
            Enumerable.Range(0, 9).ToArray(), 9, 20);
        foreach (DotCompositor.PixelLoop loop in Enum.GetValues<DotCompositor.PixelLoop>())
        {
            using Photo photo = pristine.Clone();
            DotCompositor.Apply(photo, away, model, null, null, 1, loop == DotCompositor.PixelLoop.Scalar ? int.MaxValue : 0, loop);
            Assert.True(photo.Pixels.SequenceEqual(pristine.Pixels));
        }
        // Centres just outside, and on, every edge: the part of the dot inside the photo is drawn, the same by both loops.
        var edges = new DotField([-1, 64.5f, 32, 32, 0, 63.9f], [24, 24, -1.5f, 49, 0, 47.9f], new float[6], [1, 2, 3, 1, 2, 3],
            Enumerable.Range(0, 6).ToArray(), 6, 20);
        using Photo withVector = pristine.Clone(), withScalar = pristine.Clone(), withAvx2 = pristine.Clone();
        DotCompositor.Apply(withVector, edges, model, null, null, 1, vectorFrom: 0);
        DotCompositor.Apply(withAvx2, edges, model, null, null, 1, 0, DotCompositor.PixelLoop.Avx2);
        DotCompositor.Apply(withScalar, edges, model, null, null, 1, vectorFrom: int.MaxValue);
        Assert.True(withVector.Pixels.SequenceEqual(withScalar.Pixels));
        Assert.True(withAvx2.Pixels.SequenceEqual(withScalar.Pixels));
        Assert.Equal(c.R, withVector.Row(24)[32 * 4]);
        foreach ((int x, int y) in new[] { (0, 24), (63, 24), (32, 0), (32, 47), (0, 0), (63, 47) })
        {
            Assert.True(withVector.Row(y)[x * 4 + 1] < c.G, $"pixel {x},{y} not darkened");
        }
    }

    [Theory]
    [InlineData(2, 1)]
    [InlineData(4, 3)]
    [InlineData(8, 5)]
    public void Apply_DotCentres_MatchChosenShadeWithinTolerance(int monk, int preset)
    {
        // 40 px/mm: dots ~8 px across, so their centres show the full shade.
        SkinTone skin = SkinTone.FromRgb(MonkSkinTone.Swatch(monk));
        Rgb8 c = MonkSkinTone.Swatch(monk);
        using Photo photo = Photo.Filled(400, 400, c.R, c.G, c.B);
        var points = new List<(float, float)>();
        for (int y = 0; y < 10; y++)
        {
            for (int x = 0; x < 10; x++)
            {
                points.Add((20.5f + 40 * x, 20.5f + 40 * y));
            }
        }
        DotField dots = TestDots.At(40, 2, points.ToArray());
        var model = new PigmentModel(new PigmentOptions(PigmentShade.Preset(preset)), skin);
        DotCompositor.Apply(photo, dots, model);
        double sumContrast = 0;
        foreach ((float x, float y) in points)
        {
            ReadOnlySpan<byte> row = photo.Row((int)y);
            int i = (int)x * 4;
            sumContrast += skin.Lab.L - new Rgb8(row[i], row[i + 1], row[i + 2]).ToLab().L;
        }
        double meanContrast = sumContrast / points.Count;
        // 15 %: opacity jitter averaged through the non-linear L* costs a few percent on deep skin.
        Assert.True(Math.Abs(meanContrast - model.ContrastL) <= 0.15 * model.ContrastL,
            $"mean centre ΔL* {meanContrast:0.0}, chosen shade ΔL* {model.ContrastL:0.0}");
    }

    [Fact]
    public void Apply_Fading_MonotoneLighterNeverDarkerThanYearZeroAndHueKept()
    {
        Rgb8 c = MonkSkinTone.Swatch(5);
        SkinTone skin = SkinTone.FromRgb(c);
        DotField dots = TestDots.At(30, 2, (50.5f, 50.5f), (110.5f, 50.5f), (50.5f, 110.5f), (110.5f, 110.5f));
        LinearRgb skinLin = c.ToLinear();
        double previousMass = double.PositiveInfinity;
        double? hue0 = null;
        using Photo year0 = Render(0);
        foreach (double years in new[] { 0.0, 1, 3, 5, 8, 12, 20 })
        {
            using Photo photo = Render(years);
            // Never darker than year 0, pixel by pixel.
            ReadOnlySpan<byte> p = photo.Pixels, q = year0.Pixels;
            for (int i = 0; i < p.Length; i++)
            {
                Assert.True(p[i] >= q[i], $"year {years}: byte {i} darker than at year 0");
            }
            // Pigment mass (total linear darkening) decreases with the years.
            double mass = 0, dr = 0, dg = 0, db = 0;
            for (int i = 0; i < p.Length; i += 4)
            {
                double r = skinLin.R - Srgb.ToLinear(p[i]), g = skinLin.G - Srgb.ToLinear(p[i + 1]), b = skinLin.B - Srgb.ToLinear(p[i + 2]);
                mass += r + g + b;
                dr += r; dg += g; db += b;
            }
            Assert.True(mass < previousMass, $"year {years}: mass {mass:0.000} not below {previousMass:0.000}");
            previousMass = mass;
            // The darkening keeps its colour: the same per-channel proportions.
            double hue = Math.Atan2(db / mass, dr / mass);
            hue0 ??= hue;
            Assert.True(Math.Abs(hue - hue0.Value) < 0.03, $"year {years}: darkening direction {hue:0.000} vs {hue0:0.000}");
            // And the centre's CIELAB hue stays near year 0's.
            ReadOnlySpan<byte> centre = photo.Row(50).Slice(50 * 4, 3);
            Lab lab = new Rgb8(centre[0], centre[1], centre[2]).ToLab();
            ReadOnlySpan<byte> centre0 = year0.Row(50).Slice(50 * 4, 3);
            Lab lab0 = new Rgb8(centre0[0], centre0[1], centre0[2]).ToLab();
            Assert.True(Math.Abs(lab.Hue - lab0.Hue) < 6, $"year {years}: hue {lab.Hue:0.0} vs {lab0.Hue:0.0}");
        }

        Photo Render(double years)
        {
            Photo photo = Photo.Filled(160, 160, c.R, c.G, c.B);
            DotCompositor.Apply(photo, dots, new PigmentModel(new PigmentOptions(fading: new FadingOptions(years)), skin));
            return photo;
        }
    }

    [Fact]
    public void Apply_OnScar_DotsLighter()
    {
        Rgb8 c = MonkSkinTone.Swatch(4);
        DotField dots = TestDots.At(20, 2, (40.5f, 40.5f), (120.5f, 40.5f));
        var scar = new float[160 * 80];
        for (int y = 0; y < 80; y++)
        {
            for (int x = 80; x < 160; x++)
            {
                scar[y * 160 + x] = 1;
            }
        }
        var map = new DensityMap(160, 80, 20, new float[160 * 80], scar);
        using Photo photo = Photo.Filled(160, 80, c.R, c.G, c.B);
        // Same rank for both dots so that only the scar differs.
        var same = new DotField([40.5f, 120.5f], [40.5f, 40.5f], [0, 0], [2, 2], [7, 7], 2, 20);
        DotCompositor.Apply(photo, same, new PigmentModel(new PigmentOptions(), Skin4), map);
        double healthy = new Rgb8(photo.Row(40)[40 * 4], photo.Row(40)[40 * 4 + 1], photo.Row(40)[40 * 4 + 2]).ToLab().L;
        double onScar = new Rgb8(photo.Row(40)[120 * 4], photo.Row(40)[120 * 4 + 1], photo.Row(40)[120 * 4 + 2]).ToLab().L;
        Assert.True(onScar > healthy + 3, $"scar dot L* {onScar:0.0}, healthy {healthy:0.0}");
        Assert.Equal(2, dots.Count);
    }

    [Fact]
    public void Apply_SessionSelection_RendersOnlyChosenSessions()
    {
        Rgb8 c = MonkSkinTone.Swatch(3);
        var field = new DotField([20.5f, 60.5f, 100.5f], [20.5f, 20.5f, 20.5f], [0, 0, 0], [1, 2, 3], [0, 1, 2], 3, 20);
        var model = new PigmentModel(new PigmentOptions(), Skin4);
        bool[] Touched(SessionSelection sel)
        {
            using Photo photo = Photo.Filled(120, 40, c.R, c.G, c.B);
            DotCompositor.Apply(photo, field, model, sessions: sel);
            return [photo.Row(20)[20 * 4] != c.R, photo.Row(20)[60 * 4] != c.R, photo.Row(20)[100 * 4] != c.R];
        }
        Assert.Equal([true, false, false], Touched(SessionSelection.Only(1)));
        Assert.Equal([false, true, false], Touched(SessionSelection.Only(2)));
        Assert.Equal([true, true, false], Touched(SessionSelection.UpTo(2)));
        Assert.Equal([true, true, true], Touched(SessionSelection.All));
    }

    [Fact]
    public void Apply_SubPixelDot_DarkensByItsAreaWherEverItSits()
    {
        // Dots smaller than a pixel darken the photo by the same total amount at any sub-pixel offset
        // (36 dots per offset so that 8-bit rounding averages out).
        const byte Grey = 230;
        double lin = Srgb.ToLinear(Grey);
        var model = new PigmentModel(new PigmentOptions(PigmentShade.Preset(5)) { SizeJitter = 0, OpacityJitter = 0 },
            SkinTone.FromRgb(new Rgb8(Grey, Grey, Grey)));
        var masses = new List<double>();
        foreach (float offset in new[] { 0.0f, 0.25f, 0.5f, 0.75f })
        {
            using Photo photo = Photo.Filled(60, 60, Grey, Grey, Grey);
            var points = new List<(float, float)>();
            for (int j = 0; j < 6; j++)
            {
                for (int i = 0; i < 6; i++)
                {
                    points.Add((5 + 10 * i + offset, 5 + 10 * j + offset * 0.6f));
                }
            }
            DotCompositor.Apply(photo, TestDots.At(3, 2, points.ToArray()), model);
            double mass = 0;
            ReadOnlySpan<byte> p = photo.Pixels;
            for (int i = 0; i < p.Length; i += 4)
            {
                mass += lin - Srgb.ToLinear(p[i + 1]);
            }
            masses.Add(mass);
        }
        Assert.True(masses.Min() > 0);
        Assert.True(masses.Max() / masses.Min() < 1.06, string.Join(", ", masses.Select(m => m.ToString("0.0000"))));
    }

    [Fact]
    public void Apply_SoftPhoto_DotsAsSoftWithTheSameDarkening()
    {
        // On a photo whose own blur is 2 px, a dot is spread like the photo's smallest spots: a lower, wider darkening of
        // the same total (within 3 %: the coverage is applied in 1/256 steps, which a hundred jittered dots average out).
        const byte Grey = 200;
        var model = new PigmentModel(new PigmentOptions(PigmentShade.Preset(4)), SkinTone.FromRgb(new Rgb8(Grey, Grey, Grey)));
        var soft = new PigmentModel(model.Options, model.Skin, photoBlurPx: 2);
        var points = new List<(float, float)>();
        for (int j = 0; j < 10; j++)
        {
            for (int i = 0; i < 10; i++)
            {
                points.Add((12 + 24 * i + 0.37f * i, 12 + 24 * j + 0.23f * j));
            }
        }
        (double sharpMass, double sharpPeak, int sharpTouched) = Darkening(model);
        (double softMass, double softPeak, int softTouched) = Darkening(soft);
        Assert.InRange(softMass / sharpMass, 0.97, 1.03);
        Assert.True(softPeak < 0.6 * sharpPeak, $"peak {softPeak:0.000} against {sharpPeak:0.000}");
        Assert.True(softTouched > 2 * sharpTouched, $"{softTouched} pixels against {sharpTouched}");

        (double Mass, double Peak, int Touched) Darkening(PigmentModel pigment)
        {
            using Photo photo = Photo.Filled(240, 240, Grey, Grey, Grey);
            DotCompositor.Apply(photo, TestDots.At(12, 2, points.ToArray()), pigment);
            double lin = Srgb.ToLinear(Grey), mass = 0, peak = 0;
            int touched = 0;
            ReadOnlySpan<byte> p = photo.Pixels;
            for (int i = 0; i < p.Length; i += 4)
            {
                double d = lin - Srgb.ToLinear(p[i + 1]);
                mass += d;
                peak = Math.Max(peak, d);
                touched += p[i + 1] != Grey ? 1 : 0;
            }
            return (mass, peak, touched);
        }
    }

    [Theory]
    [InlineData(50, 2.0, 2.0)]
    [InlineData(50, 3.0, 2.0)]
    [InlineData(50, 4.0, 1.0)]
    [InlineData(120, 2.0, 2.0)]
    [InlineData(120, 3.0, 1.0)]
    [InlineData(220, 2.0, 2.0)]
    [InlineData(220, 3.0, 2.0)]
    [InlineData(50, 12.0, 0.0)]
    [InlineData(220, 12.0, 2.0)]
    public void Apply_SoftOrSubPixelDots_TakeTheirAreasLightOnAnySkin(byte grey, double pxPerMm, double photoBlurPx)
    {
        // A dot takes from the photo its area times its strength and the pigment's absorption, in linear light, however
        // much softer than a pixel it is drawn: on deep skin a soft sub-pixel dot changes each pixel by a small part of a
        // code (they once rounded away: none of it was drawn), and its profile's ρ = r/σ is far below the table's first
        // step (it once took twice its area). Over 400 dots the total is within 6 % (the rounding's own noise).
        var options = new PigmentOptions(PigmentShade.Preset(4));
        var model = new PigmentModel(options, SkinTone.FromRgb(new Rgb8(grey, grey, grey)), photoBlurPx: photoBlurPx);
        const int Side = 20;
        int spacing = (int)Math.Ceiling(6 * (photoBlurPx + 1)) + 4;
        var points = new List<(float, float)>();
        for (int j = 0; j < Side; j++)
        {
            for (int i = 0; i < Side; i++)
            {
                points.Add((spacing * (i + 0.5f) + 0.37f * i, spacing * (j + 0.5f) + 0.23f * j));
            }
        }
        using Photo photo = Photo.Filled(spacing * Side + 8, spacing * Side + 8, grey, grey, grey);
        DotField dots = TestDots.At(pxPerMm, 2, points.ToArray());
        DotCompositor.Apply(photo, dots, model);
        double lin = Srgb.ToLinear(grey), taken = 0, expected = 0;
        ReadOnlySpan<byte> p = photo.Pixels;
        for (int i = 0; i < p.Length; i += 4)
        {
            taken += lin - Srgb.ToLinear(p[i + 1]);
        }
        for (int i = 0; i < dots.Count; i++)
        {
            DotAppearance a = model.Appearance(dots.Rank[i], 2, 0, pxPerMm);
            expected += lin * (1 - model.Transmittance.G) * a.Strength * Math.PI * a.Radius * a.Radius;
        }
        Assert.InRange(taken / expected, 0.94, 1.06);
    }

    [Fact]
    public void Apply_TextureUnderDot_ShowsThrough()
    {
        // Two halves of different brightness under one dot: both are multiplied by the same factor in linear light.
        using Photo photo = Photo.Filled(40, 40, 200, 180, 160);
        for (int y = 0; y < 40; y++)
        {
            for (int x = 20; x < 40; x++)
            {
                Span<byte> row = photo.Row(y);
                row[x * 4] = 240; row[x * 4 + 1] = 216; row[x * 4 + 2] = 192;
            }
        }
        var model = new PigmentModel(new PigmentOptions(PigmentShade.Preset(3)), Skin4);
        DotCompositor.Apply(photo, new DotField([20f], [20f], [0], [2], [0], 1, 40), model);
        double left = Srgb.ToLinear(photo.Row(20)[19 * 4 + 1]) / Srgb.ToLinear((byte)180);
        double right = Srgb.ToLinear(photo.Row(20)[20 * 4 + 1]) / Srgb.ToLinear((byte)216);
        Assert.True(left < 0.8);
        Assert.Equal(left, right, 1);
        Assert.True(photo.Row(20)[20 * 4 + 1] > photo.Row(20)[19 * 4 + 1], "the brighter half stays brighter under the dot");
    }

    [Fact]
    public void Apply_MismatchedMap_Throws()
    {
        using Photo photo = Photo.Filled(10, 10, 1, 2, 3);
        var model = new PigmentModel(new PigmentOptions(), Skin4);
        Assert.Throws<ArgumentException>(() => DotCompositor.Apply(photo, DotField.Empty(1), model, DensityMap.Uniform(5, 5, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => DotCompositor.Apply(photo, DotField.Empty(1), model, maxDegreeOfParallelism: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => SessionSelection.Only(0));
    }
}
