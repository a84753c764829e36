using SmpRender.Color;
using SmpRender.Imaging;
using SmpRender.Imaging.Synthetic;
using SmpRender.Sampling;

namespace SmpRender.Tests.Color;

/// <summary>
/// The analyses look at a sample of the pixels (skin: a regular lattice of about 40,000 points and medians read
/// from histograms; hair: the neighbourhood mean on a coarser lattice, nearness to the zones on cells). These
/// tests hold them to full-resolution references on generated scalps of several tones and sizes.
/// </summary>
public class SkinToneAnalyzerSamplingTests
{
    /// <summary>Largest CIEDE2000 difference allowed between the sampled skin estimate and the reference.</summary>
    private const double SkinTolerance = 0.5;

    /// <summary>Largest CIEDE2000 difference allowed between the sampled hair colour and the reference.</summary>
    private const double HairTolerance = 1.0;

    public static TheoryData<int, int, int> SkinCases => new()
    {
        // Monk level, width, height: 800x600 is sampled on a stride of 2, 320x280 on every pixel.
        { 1, 800, 600 },
        { 4, 800, 600 },
        { 7, 800, 600 },
        { 10, 800, 600 },
        { 3, 320, 280 },
        { 8, 320, 280 },
        { 5, 48, 40 },
    };

    [Theory]
    [MemberData(nameof(SkinCases))]
    public void Analyze_GeneratedScalp_AgreesWithEveryPixelExactMedians(int level, int width, int height)
    {
        var options = ScalpPhotoOptions.ForMonk(level, seed: (ulong)(300 + level)) with
        {
            Width = width,
            Height = height,
            Noise = 3,
            ThinningArea = new HeadEllipse(0.1, 0.1, 0.3, 0.3),
            ThinningDensity = 0.3,
        };
        using SyntheticScalp s = ScalpPhotoGenerator.Generate(options);
        DensityMap zones = s.ZoneMap(TestScalps.Top);

        AssertSkinAgrees(s.Photo, zones);
    }

    [Fact]
    public void Analyze_ZoneThreePixelsWide_AgreesWithEveryPixelExactMedians()
    {
        using SyntheticScalp s = ScalpPhotoGenerator.Generate(ScalpPhotoOptions.ForMonk(6, 31) with { Width = 800, Height = 600, Noise = 3 });
        DensityMap zones = Band(s, x0: 398, width: 3, y0: 200, y1: 400);

        AssertSkinAgrees(s.Photo, zones);
    }

    [Fact]
    public void Analyze_WithoutZones_AgreesWithEveryPixelExactMedians()
    {
        using SyntheticScalp s = ScalpPhotoGenerator.Generate(ScalpPhotoOptions.ForMonk(2, 32) with { Width = 800, Height = 600, Noise = 3 });

        AssertSkinAgrees(s.Photo, null);
    }

    public static TheoryData<int, int, int, double> HairCases => new()
    {
        // Monk level, width, height, hair density: at 1200x900 (6.7 px/mm) the mean's lattice is 2 px and the
        // cells 3 px; at 1600x1200 (9 px/mm) 2 px and 4 px.
        { 2, 1200, 900, 0.6 },
        { 5, 1200, 900, 0.9 },
        { 8, 1200, 900, 0.3 },
        { 9, 1600, 1200, 0.6 },
    };

    [Theory]
    [MemberData(nameof(HairCases))]
    public void AnalyzeHair_GeneratedScalp_AgreesWithEveryLatticePoint(int level, int width, int height, double hairDensity)
    {
        var options = ScalpPhotoOptions.ForMonk(level, seed: (ulong)(400 + level)) with
        {
            Width = width,
            Height = height,
            Noise = 3,
            HairDensity = hairDensity,
            ThinningArea = new HeadEllipse(0, 0.2, 0.3, 0.28),
            ThinningDensity = 0.2,
        };
        using SyntheticScalp s = ScalpPhotoGenerator.Generate(options);
        DensityMap zones = s.ZoneMap(TestScalps.Top);

        HairColor? sampled = AssertHairAgrees(s.Photo, zones);

        Assert.NotNull(sampled);
    }

    [Fact]
    public void AnalyzeHair_ZoneThreePixelsWide_AgreesWithEveryLatticePoint()
    {
        using SyntheticScalp s = ScalpPhotoGenerator.Generate(ScalpPhotoOptions.ForMonk(3, 33) with { Width = 800, Height = 600, HairDensity = 0.9 });
        // Down the side of the head, through the stubble.
        DensityMap zones = Band(s, x0: 130, width: 3, y0: 200, y1: 400);

        AssertHairAgrees(s.Photo, zones);
    }

    [Fact]
    public void AnalyzeHair_TinyPhoto_SameAsEveryLatticePoint()
    {
        // 64x48: a fraction of a pixel per millimetre, so every point is read and every pixel is its own cell.
        using SyntheticScalp s = ScalpPhotoGenerator.Generate(ScalpPhotoOptions.ForMonk(4, 34) with { Width = 64, Height = 48, HeadWidthMm = 50, HairDensity = 0.9 });
        DensityMap zones = s.ZoneMap(new HeadEllipse(0.55, 0.3, 0.3, 0.3));
        SkinTone skin = SkinToneAnalyzer.Analyze(s.Photo, zones);

        HairColor? sampled = SkinToneAnalyzer.AnalyzeHair(s.Photo, zones, skin);
        HairColor? full = SkinToneAnalyzer.AnalyzeHair(s.Photo, zones, skin, SkinToneAnalyzer.HairSampling.Full(zones.PxPerMm));

        Assert.Equal(full, sampled);
    }

    [Fact]
    public void HairSampling_For_LatticesNestAndStayWithinTheirScales()
    {
        foreach (double pxPerMm in new[] { 0.3, 1, 2.5, 4, 6.7, 11, 13.4, 22.4, 40, 90 })
        {
            SkinToneAnalyzer.HairSampling sampling = SkinToneAnalyzer.HairSampling.For(pxPerMm);

            Assert.Equal(Math.Max(1, (int)(pxPerMm / 8)), sampling.Step);
            Assert.Equal(0, sampling.MeanStep % sampling.Step);
            // The mean's lattice leaves about 3 points each side within the 0.75 mm half-window.
            Assert.True(sampling.MeanStep <= Math.Max(sampling.Step, 0.75 * pxPerMm / 3 + sampling.Step), $"{pxPerMm}: {sampling}");
            Assert.InRange(sampling.Cell, 1, Math.Max(1, pxPerMm / 2 + 0.5));
        }
    }

    [Fact]
    public void Envelope_AnySize_IsTheQuantileOfTheSortedValues()
    {
        var random = new Random(5);
        foreach (int n in new[] { 1, 2, 3, 9, 10, 11, 36, 49, 144, 400 })
        {
            for (int trial = 0; trial < 20; trial++)
            {
                // Few distinct values, so that ties are common.
                float[] values = [.. Enumerable.Range(0, n).Select(_ => (float)random.Next(0, trial % 2 == 0 ? 8 : 1000))];
                float[] sorted = [.. values.Order()];

                float envelope = SkinToneAnalyzer.Envelope(values, new float[n]);

                Assert.Equal(sorted[(int)(SkinToneAnalyzer.SkinEnvelopeQuantile * (n - 1))], envelope);
            }
        }
    }

    private static DensityMap Band(SyntheticScalp s, int x0, int width, int y0, int y1)
    {
        int w = s.Photo.Width, h = s.Photo.Height;
        var values = new float[w * h];
        for (int y = y0; y < y1; y++)
        {
            values.AsSpan(y * w + x0, width).Fill(1f);
        }
        return new DensityMap(w, h, s.PxPerMm, values);
    }

    private static void AssertSkinAgrees(Photo photo, DensityMap? zones)
    {
        SkinTone sampled = SkinToneAnalyzer.Analyze(photo, zones);
        SkinTone reference = SkinTone.FromLab(ReferenceSkin(photo, zones));
        double de = DeltaE.Ciede2000(reference.Lab, sampled.Lab);

        Assert.True(de <= SkinTolerance, $"sampled {sampled.Lab} vs every pixel {reference.Lab}: ΔE2000 {de:0.000}");
        Assert.Equal(reference.Monk, sampled.Monk);
        Assert.Equal(reference.ItaClass, sampled.ItaClass);
    }

    private static HairColor? AssertHairAgrees(Photo photo, DensityMap zones)
    {
        SkinTone skin = SkinToneAnalyzer.Analyze(photo, zones);
        HairColor? sampled = SkinToneAnalyzer.AnalyzeHair(photo, zones, skin);
        HairColor? full = SkinToneAnalyzer.AnalyzeHair(photo, zones, skin, SkinToneAnalyzer.HairSampling.Full(zones.PxPerMm));

        Assert.Equal(full is null, sampled is null);
        if (full is not null && sampled is not null)
        {
            double de = DeltaE.Ciede2000(full.Lab, sampled.Lab);
            Assert.True(de <= HairTolerance, $"sampled {sampled.Lab} vs every lattice point {full.Lab}: ΔE2000 {de:0.000}");
            Assert.True(sampled.Coverage >= 0.8 * full.Coverage && sampled.Coverage <= 1.25 * full.Coverage,
                $"coverage {sampled.Coverage:0.00000} ({sampled.SampleCount}) vs every lattice point {full.Coverage:0.00000} ({full.SampleCount}); ΔE2000 {de:0.000}");
        }
        return sampled;
    }

    /// <summary>
    /// The estimate the analyzer documents, computed the slow way: every pixel in the zones (the central 40 %
    /// without zones) in double precision, blocks of the same size in pixels as the analyzer's, exact quantiles
    /// and medians from sorted copies.
    /// </summary>
    private static Lab ReferenceSkin(Photo photo, DensityMap? zones)
    {
        Assert.True(LabImage.Region(photo, zones, out int x0, out int y0, out int x1, out int y1));
        double pxPerMm = zones?.PxPerMm ?? Math.Max(photo.Width, photo.Height) / 200.0;
        long inZones = 0;
        for (int y = y0; y < y1; y++)
        {
            for (int x = x0; x < x1; x++)
            {
                inZones += zones is null || zones.At(x, y) > 0 ? 1 : 0;
            }
        }
        // The analyzer counts the zones' pixels on a coarse lattice; only its stride depends on that count.
        SkinToneAnalyzer.SkinSampling sampling = SkinToneAnalyzer.SkinSampling.For(inZones, pxPerMm);
        int block = sampling.BlockPoints * sampling.Stride;
        int columns = (x1 - x0 + block - 1) / block, rows = (y1 - y0 + block - 1) / block;
        var blockLabs = new List<Lab>[columns * rows];
        var envelopes = new float[columns * rows];
        for (int b = 0; b < blockLabs.Length; b++)
        {
            blockLabs[b] = [];
        }
        for (int y = y0; y < y1; y++)
        {
            ReadOnlySpan<byte> row = photo.Row(y);
            for (int x = x0; x < x1; x++)
            {
                if (zones is null || zones.At(x, y) > 0)
                {
                    blockLabs[(y - y0) / block * columns + (x - x0) / block].Add(new Rgb8(row[x * 4], row[x * 4 + 1], row[x * 4 + 2]).ToLab());
                }
            }
        }
        // Strands lighter than the skin (every pixel in the zones votes): the rule reads 100 - L*.
        bool mirror = LightStrands(photo, zones, x0, y0, x1, y1, pxPerMm);
        double Key(Lab lab) => mirror ? 100 - lab.L : lab.L;
        var chromas = new float[columns * rows];
        for (int b = 0; b < blockLabs.Length; b++)
        {
            double[] sorted = [.. blockLabs[b].Select(Key).Order()];
            envelopes[b] = sorted.Length == 0 ? float.NaN : (float)sorted[(int)(SkinToneAnalyzer.SkinEnvelopeQuantile * (sorted.Length - 1))];
            double blockFloor = envelopes[b] - Math.Max(SkinToneAnalyzer.SkinEnvelopeDepth, SkinToneAnalyzer.SkinEnvelopeShare * envelopes[b]);
            chromas[b] = sorted.Length == 0 ? float.NaN
                : (float)blockLabs[b].Where(lab => Key(lab) >= blockFloor).Average(lab => Math.Sqrt(lab.A * lab.A + lab.B * lab.B) / Math.Max(lab.L, 1) * 50);
        }
        const int radius = SkinToneAnalyzer.SkinAreaRadius;
        float[] present = [.. envelopes.Where(e => !float.IsNaN(e)).Order()];
        float ceiling = present[(int)(SkinToneAnalyzer.SkinAreaCeilingQuantile * (present.Length - 1))];
        float[] presentChromas = [.. chromas.Where(c => !float.IsNaN(c)).Order()];
        float minChroma = SkinToneAnalyzer.SkinAreaChromaShare * presentChromas[(presentChromas.Length - 1) / 2];
        var labs = new List<Lab>();
        for (int b = 0; b < blockLabs.Length; b++)
        {
            float envelope = envelopes[b];
            if (float.IsNaN(envelope))
            {
                continue;
            }
            float highest = Math.Min(envelope, ceiling);
            int bx = b % columns, by = b / columns;
            for (int j = Math.Max(0, by - radius); j <= Math.Min(rows - 1, by + radius); j++)
            {
                for (int i = Math.Max(0, bx - radius); i <= Math.Min(columns - 1, bx + radius); i++)
                {
                    bool reference = !float.IsNaN(envelopes[j * columns + i]) && chromas[j * columns + i] >= minChroma;
                    highest = reference ? Math.Max(highest, Math.Min(envelopes[j * columns + i], ceiling)) : highest;
                }
            }
            if (envelope < highest - Math.Max(SkinToneAnalyzer.SkinAreaDepth, SkinToneAnalyzer.SkinAreaShare * highest))
            {
                continue;
            }
            double floor = envelope - Math.Max(SkinToneAnalyzer.SkinEnvelopeDepth, SkinToneAnalyzer.SkinEnvelopeShare * envelope);
            labs.AddRange(blockLabs[b].Where(lab => Key(lab) >= floor));
        }
        int n = labs.Count;
        double[] ls = new double[n], ass = new double[n], bs = new double[n], chroma = new double[n];
        for (int i = 0; i < n; i++)
        {
            (ls[i], ass[i], bs[i]) = (labs[i].L, labs[i].A, labs[i].B);
            chroma[i] = Math.Sqrt(ass[i] * ass[i] + bs[i] * bs[i]) / Math.Max(ls[i], 1) * 50;
        }
        var keep = new bool[n];
        Array.Fill(keep, true);
        for (int round = 0; round < 3; round++)
        {
            double medL = Median(ls, keep), medC = Median(chroma, keep);
            double sL = Math.Max(0.75, 1.4826 * Median(Deviations(ls, medL), keep));
            double sC = Math.Max(0.75, 1.4826 * Median(Deviations(chroma, medC), keep));
            var next = new bool[n];
            int count = 0;
            for (int i = 0; i < n; i++)
            {
                next[i] = ls[i] >= medL - 2.5 * sL && ls[i] <= medL + 2.5 * sL && (ls[i] <= medL || chroma[i] >= medC - 2.5 * sC);
                count += next[i] ? 1 : 0;
            }
            if (count < Math.Min(50, n))
            {
                Array.Fill(keep, true);
                break;
            }
            keep = next;
        }
        return new Lab(Median(ls, keep), Median(ass, keep), Median(bs, keep));
    }

    /// <summary>Whether the strands are lighter than the skin, from the votes of every pixel in the zones.</summary>
    private static bool LightStrands(Photo photo, DensityMap? zones, int x0, int y0, int x1, int y1, double pxPerMm)
    {
        if (pxPerMm < SkinToneAnalyzer.MinStrandPxPerMm)
        {
            return false;
        }
        var strands = new StrandLines(photo, pxPerMm);
        var tally = new StrandTally();
        for (int y = y0; y < y1; y++)
        {
            for (int x = x0; x < x1; x++)
            {
                if (zones is null || zones.At(x, y) > 0)
                {
                    tally.Add(strands.Vote(x, y));
                }
            }
        }
        return tally.LightStrands;
    }

    private static double[] Deviations(double[] values, double centre)
    {
        var d = new double[values.Length];
        for (int i = 0; i < d.Length; i++)
        {
            d[i] = Math.Abs(values[i] - centre);
        }
        return d;
    }

    private static double Median(double[] values, bool[] keep)
    {
        double[] kept = [.. values.Where((_, i) => keep[i])];
        Array.Sort(kept);
        int n = kept.Length;
        return n % 2 == 1 ? kept[n / 2] : 0.5 * (kept[n / 2 - 1] + kept[n / 2]);
    }
}
