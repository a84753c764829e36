using SmpRender.Color;
using SmpRender.Imaging;
using SmpRender.Imaging.Synthetic;
using SmpRender.IO;
using SmpRender.Plans;
using SmpRender.Zones;

namespace SmpRender.SampleGenerator;

/// <summary>
/// Writes the project's sample photos and their plans into a folder (default: the samples folder).
/// The photos come from <see cref="ScalpPhotoGenerator"/>: shaved scalps seen from above, the face
/// towards the top, with skin texture, pores, shine, stubble on the sides and back, and scars or
/// thinning hair where a sample needs them. Coordinates in the plans come from the generator's head
/// geometry, so every zone sits where it belongs on its photo. Run:
/// <c>dotnet run --project samples/generator -- samples</c>.
/// </summary>
public static class Program
{
    private const int Width = 1600;
    private const int Height = 1200;

    public static int Main(string[] args)
    {
        if (args is ["--large", string target])
        {
            WriteLarge(Path.GetFullPath(target));
            return 0;
        }
        string folder = Path.GetFullPath(args.Length > 0 ? args[0] : "samples");
        Directory.CreateDirectory(folder);
        foreach (Sample sample in Samples())
        {
            using SyntheticScalp scalp = ScalpPhotoGenerator.Generate(sample.Photo with { Width = Width, Height = Height });
            string photoPath = Path.Combine(folder, sample.Name + ".jpg");
            PhotoCodec.Write(scalp.Photo, photoPath, new EncodeOptions(Quality: 92));
            Plan plan = sample.Plan(scalp, folder);
            AtomicFile.WriteAllText(Path.Combine(folder, sample.Name + ".plan.json"), PlanWriter.Write(plan));
            Console.WriteLine($"{photoPath}: {sample.Description}");
        }
        return 0;
    }

    /// <summary>
    /// A 12-megapixel photo (4000x3000, as a phone takes) with a full-top plan, for the end-to-end
    /// benchmark (<c>benchmarks/e2e/run.sh</c>); not committed.
    /// </summary>
    private static void WriteLarge(string folder)
    {
        Directory.CreateDirectory(folder);
        using SyntheticScalp scalp = ScalpPhotoGenerator.Generate(ScalpPhotoOptions.ForMonk(4, seed: 21) with
        {
            Width = 4000,
            Height = 3000,
            HairDensity = 0.9,
        });
        PhotoCodec.Write(scalp.Photo, Path.Combine(folder, "large.jpg"), new EncodeOptions(Quality: 92));
        Plan plan = Base(scalp, new RegionZone(Ellipse(scalp, 0, -0.05, 0.62, 0.62)) { FeatherMm = 12 });
        AtomicFile.WriteAllText(Path.Combine(folder, "large.plan.json"), PlanWriter.Write(plan));
        Console.WriteLine($"{Path.Combine(folder, "large.jpg")}: 4000x3000, {scalp.PxPerMm:0.##} px/mm");
    }

    private sealed record Sample(string Name, string Description, ScalpPhotoOptions Photo, Func<SyntheticScalp, string, Plan> Plan);

    private static IEnumerable<Sample> Samples()
    {
        yield return new Sample("crown", "crown on a bald top, Monk 4",
            ScalpPhotoOptions.ForMonk(4, seed: 11) with { HairDensity = 0.9 },
            (s, _) => Base(s, new CrownZone(At(s, 0.0, 0.3), Length.Mm(48), Length.Mm(40))
            {
                FeatherMm = 12,
                Whorl = At(s, 0.05, 0.33),
            }));

        yield return new Sample("hairline", "soft frontal hairline with the top behind it, Monk 6",
            ScalpPhotoOptions.ForMonk(6, seed: 12) with { HairDensity = 0.85 },
            (s, _) => Base(s,
                new HairlineZone([At(s, -0.62, -0.5), At(s, -0.3, -0.7), At(s, 0.0, -0.76), At(s, 0.3, -0.7), At(s, 0.62, -0.5)],
                    ScalpSide.Toward(At(s, 0, 0)), HairlineStyle.Soft)
                {
                    BandDepthMm = 110,
                    BandOnly = true,
                },
                OutsideHead(s, left: true),
                OutsideHead(s, left: false)));

        yield return new Sample("top", "full top from a painted mask, Monk 2",
            ScalpPhotoOptions.ForMonk(2, seed: 13) with { HairDensity = 0.9 },
            (s, folder) =>
            {
                WriteTopMask(s, Path.Combine(folder, "top-mask.png"));
                return Base(s, new MaskZone("top-mask.png"));
            });

        yield return new Sample("fut-scar", "FUT strip scar across the back, camouflaged with a margin, Monk 3",
            ScalpPhotoOptions.ForMonk(3, seed: 14) with { HairDensity = 0.7, Scar = SyntheticScar.FutStrip },
            (s, _) => Base(s, ScarZone.Strip([.. Enumerable.Range(0, 9).Select(i =>
            {
                double u = -0.72 + 0.18 * i;
                return At(s, u, 0.62 + 0.16 * u * u);
            })], widthMm: 4)));

        yield return new Sample("fue-scars", "FUE dot scars in the donor area, Monk 5",
            ScalpPhotoOptions.ForMonk(5, seed: 15) with { HairDensity = 0.6, Scar = SyntheticScar.FueDots },
            (s, _) => Base(s, ScarZone.Dots(ScarCentres(s), diameterMm: 1.0)));

        yield return new Sample("density", "density work between thinning hair on the top, Monk 8",
            ScalpPhotoOptions.ForMonk(8, seed: 16) with
            {
                HairDensity = 0.9,
                ThinningArea = new HeadEllipse(0, -0.05, 0.62, 0.62),
                ThinningDensity = 0.35,
            },
            (s, _) => Base(s, new RegionZone(Ellipse(s, 0, -0.05, 0.6, 0.6)) { FeatherMm = 12 }) with
            {
                Hair = new HairSettings(AvoidExisting: true),
                Density = new DensitySettings(70),
            });
    }

    private static Plan Base(SyntheticScalp s, params Zone[] zones) =>
        new(PhysicalScale.FromPxPerMm(Math.Round(s.PxPerMm, 3)), zones) { Seed = 7, Sessions = 3 };

    /// <summary>An exclusion of the background beside the head: the image edge, then the head's outline.</summary>
    private static RegionZone OutsideHead(SyntheticScalp s, bool left)
    {
        double side = left ? -1 : 1;
        double edge = left ? 0 : Width;
        var outline = Enumerable.Range(0, 17).Select(i =>
        {
            double a = -Math.PI / 2 + Math.PI * i / 16;
            return At(s, side * 1.01 * Math.Cos(a), 1.01 * Math.Sin(a));
        });
        return new RegionZone([new Point2(edge, 0), .. outline, new Point2(edge, Height)]) { Exclude = true, FeatherMm = 2 };
    }

    private static Point2 At(SyntheticScalp s, double u, double v)
    {
        (double x, double y) = s.ToPixel(u, v);
        return new Point2(Math.Round(x), Math.Round(y));
    }

    private static Point2[] Ellipse(SyntheticScalp s, double cu, double cv, double ru, double rv) =>
        [.. Enumerable.Range(0, 24).Select(i => At(s, cu + ru * Math.Cos(i * Math.PI / 12), cv + rv * Math.Sin(i * Math.PI / 12)))];

    /// <summary>A mask as a technician would paint it: white over the bald top, a soft airbrushed edge.</summary>
    private static void WriteTopMask(SyntheticScalp s, string path)
    {
        using Photo mask = Photo.Create(Width, Height);
        for (int y = 0; y < Height; y++)
        {
            Span<byte> row = mask.Row(y);
            for (int x = 0; x < Width; x++)
            {
                (double u, double v) = s.ToHead(x + 0.5, y + 0.5);
                double r = Math.Sqrt(u * u / (0.66 * 0.66) + (v + 0.1) * (v + 0.1) / (0.72 * 0.72));
                byte grey = (byte)Math.Round(255 * Math.Clamp((1.08 - r) / 0.16, 0, 1));
                row[x * 4] = row[x * 4 + 1] = row[x * 4 + 2] = grey;
                row[x * 4 + 3] = 255;
            }
        }
        PhotoCodec.Write(mask, path);
    }

    /// <summary>Centres of the pale FUE dots: connected parts of the generator's scar mask.</summary>
    private static List<Point2> ScarCentres(SyntheticScalp s)
    {
        ReadOnlySpan<float> scar = s.ScarMask;
        var seen = new bool[scar.Length];
        var centres = new List<Point2>();
        var stack = new Stack<int>();
        for (int start = 0; start < scar.Length; start++)
        {
            if (seen[start] || scar[start] < 0.5f)
            {
                continue;
            }
            double sx = 0, sy = 0;
            int n = 0;
            stack.Push(start);
            seen[start] = true;
            while (stack.Count > 0)
            {
                int i = stack.Pop();
                int x = i % Width, y = i / Width;
                sx += x + 0.5;
                sy += y + 0.5;
                n++;
                foreach (int j in (ReadOnlySpan<int>)[i - 1, i + 1, i - Width, i + Width])
                {
                    if (j >= 0 && j < scar.Length && !seen[j] && scar[j] >= 0.5f && Math.Abs(j % Width - x) <= 1)
                    {
                        seen[j] = true;
                        stack.Push(j);
                    }
                }
            }
            centres.Add(new Point2(Math.Round(sx / n, 1), Math.Round(sy / n, 1)));
        }
        return centres;
    }
}
