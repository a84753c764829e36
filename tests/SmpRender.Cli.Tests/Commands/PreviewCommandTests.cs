using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using SmpRender.IO;
using SmpRender.Imaging;
using SmpRender.Imaging.Synthetic;
using SmpRender.Plans;
using SmpRender.Rendering;

namespace SmpRender.Cli.Tests.Commands;

/// <summary>Each photo command run through the real root command on a small generated photo.</summary>
public sealed class PreviewCommandTests : IDisposable
{
    private const int W = 320;
    private const int H = 240;
    private readonly CliWorkspace _ws = new();
    private readonly string _photo;
    private readonly string _plan;

    public PreviewCommandTests()
    {
        _photo = _ws.Photo("client.png", W, H, monk: 5, seed: 4);
        _plan = _ws.CrownPlan("crown.plan.json", W, H);
    }

    public void Dispose() => _ws.Dispose();

    private static (int Width, int Height) SizeOf(string path)
    {
        using Photo photo = CliWorkspace.Read(path);
        return (photo.Width, photo.Height);
    }

    private static JsonElement Ok((int Code, string Stdout, string Stderr) result)
    {
        Assert.True(result.Code == 0, $"exit {result.Code}: {result.Stderr}");
        Assert.Equal("", result.Stderr);
        Assert.Single(CliWorkspace.Lines(result.Stdout));
        using JsonDocument json = JsonDocument.Parse(result.Stdout);
        return json.RootElement.Clone();
    }

    private static string BadInputLine((int Code, string Stdout, string Stderr) result)
    {
        Assert.Equal((int)ExitCode.BadInput, result.Code);
        Assert.Equal("", result.Stdout);
        return Assert.Single(CliWorkspace.Lines(result.Stderr));
    }

    [Fact]
    public void Render_Json_WritesThePreviewAtThePhotoSizeAndReportsIt()
    {
        string output = _ws.PathOf("out/preview.png");
        JsonElement r = Ok(CliWorkspace.Run("render", _photo, "--plan", _plan, "-o", output, "--json"));
        Assert.Equal((W, H), SizeOf(output));
        Assert.Equal(output, r.GetProperty("output").GetString());
        Assert.Equal(W, r.GetProperty("width").GetInt32());
        Assert.Equal(H, r.GetProperty("height").GetInt32());
        // A 40 x 32 mm crown (10.05 cm²) with a 4 mm feather at 90 dots/cm², over all sessions: about 900 dots,
        // more than the ellipse shrunk by the feather holds at full density, fewer than the one grown by it.
        Assert.InRange(r.GetProperty("dots").GetInt32(), 90 * Math.PI * 1.6 * 1.2, 90 * Math.PI * 2.4 * 2.0);
        Assert.Equal(CliWorkspace.PxPerMm, r.GetProperty("pxPerMm").GetDouble());
        Assert.InRange(r.GetProperty("skin").GetProperty("monk").GetInt32(), 4, 6);
        JsonElement shade = r.GetProperty("shade");
        Assert.InRange(shade.GetProperty("level").GetInt32(), 1, 5);
        Assert.Matches("^#[0-9a-f]{6}$", shade.GetProperty("hex").GetString());
        Assert.True(shade.GetProperty("deltaL").GetDouble() > 0, "dots are darker than the skin");
        using (Photo photo = CliWorkspace.Read(_photo))
        {
            // The blur the scene measured around the zones, which its dots got.
            BlurReading blur = PreviewScene.Prepare(photo, PlanReader.ReadFile(_plan)).PhotoBlurReading;
            Assert.Equal(Math.Round(blur.SigmaPx, 2), r.GetProperty("photoBlurPx").GetDouble());
            Assert.Equal(blur.Spots, r.GetProperty("photoBlurSpots").GetInt32());
        }
        // Each stage took some time, and together no more than the whole command.
        string[] stages = ["readMs", "densityMs", "analysisMs", "sampleMs", "compositeMs", "writeMs"];
        Assert.All(stages, stage => Assert.True(r.GetProperty(stage).GetDouble() > 0, stage));
        Assert.True(stages.Sum(stage => r.GetProperty(stage).GetDouble()) <= r.GetProperty("totalMs").GetDouble() + 0.5);
    }

    [Theory]
    [InlineData(new string[0], "1-3", 3)]
    [InlineData(new[] { "--session", "2" }, "1-2", 2)]
    [InlineData(new[] { "--session", "2", "--only" }, "2", -2)]
    public void Render_Json_CountsTheDotsOfTheSessionsShown(string[] selection, string sessions, int upTo)
    {
        string dotsFile = _ws.PathOf("dots.csv");
        JsonElement r = Ok(CliWorkspace.Run(["render", _photo, "--plan", _plan, "-o", _ws.PathOf("p.jpg"), "--dots", dotsFile, "--json", .. selection]));
        // The dot file holds every session's dots; the report counts those shown (session <= N, or = N alone).
        int[] session = [.. CliWorkspace.Lines(File.ReadAllText(dotsFile)).Skip(1).Select(l => int.Parse(l.Split(',')[3], CultureInfo.InvariantCulture))];
        int shown = upTo > 0 ? session.Count(s => s <= upTo) : session.Count(s => s == -upTo);
        Assert.Equal(shown, r.GetProperty("dots").GetInt32());
        Assert.Equal(sessions, r.GetProperty("sessions").GetString());
        Assert.True(shown < session.Length || upTo == 3);
    }

    [Fact]
    public void Render_Text_IsOneLineSummary()
    {
        string output = _ws.PathOf("preview.jpg");
        var (code, stdout, stderr) = CliWorkspace.Run("render", _photo, "--plan", _plan, "-o", output, "--shade", "4");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        string line = Assert.Single(CliWorkspace.Lines(stdout));
        Assert.Matches(
            $@"^{System.Text.RegularExpressions.Regex.Escape(output)}: 320x240, \d+ dots, shade 4, dot #[0-9a-f]{{6}} on skin #[0-9a-f]{{6}}, ΔL\* \d+\.\d, skin Monk \d+ \(ITA -?\d+°, \w+\), \d+ ms$",
            line);
    }

    [Fact]
    public void Render_PixelsFarFromTheZone_AreExactlyThePhotos()
    {
        string output = _ws.PathOf("preview.png");
        var (code, _, stderr) = CliWorkspace.Run("render", _photo, "--plan", _plan, "-o", output);
        Assert.True(code == 0, stderr);
        using Photo before = CliWorkspace.Read(_photo);
        using Photo after = CliWorkspace.Read(output);
        // Outside the crown's feathered edge plus 1.5 mm for the dots' soft edge nothing may change.
        double margin = (CliWorkspace.CrownFeatherMm + 1.5) * CliWorkspace.PxPerMm;
        double rx = CliWorkspace.CrownRadiusXMm * CliWorkspace.PxPerMm + margin;
        double ry = CliWorkspace.CrownRadiusYMm * CliWorkspace.PxPerMm + margin;
        int outside = 0, changedOutside = 0, changedInside = 0;
        for (int y = 0; y < H; y++)
        {
            ReadOnlySpan<byte> a = before.Row(y), b = after.Row(y);
            for (int x = 0; x < W; x++)
            {
                double dx = (x + 0.5 - W / 2) / rx, dy = (y + 0.5 - H / 2) / ry;
                bool same = a.Slice(x * 4, 4).SequenceEqual(b.Slice(x * 4, 4));
                if (dx * dx + dy * dy > 1)
                {
                    outside++;
                    changedOutside += same ? 0 : 1;
                }
                else
                {
                    changedInside += same ? 0 : 1;
                }
            }
        }
        Assert.True(outside > W * H / 2, $"{outside} pixels outside");
        Assert.Equal(0, changedOutside);
        Assert.True(changedInside > 500, $"only {changedInside} pixels changed inside the zone");
    }

    [Theory]
    [InlineData("side")]
    [InlineData("stack")]
    [InlineData("split")]
    public void Compare_EachLayout_WritesBeforeAndAfter(string layout)
    {
        string output = _ws.PathOf($"compare-{layout}.jpg");
        JsonElement r = Ok(CliWorkspace.Run("compare", _photo, "--plan", _plan, "-o", output, "--layout", layout, "--caption", "Crown", "--json"));
        (int w, int h) = SizeOf(output);
        Assert.Equal((w, h), (r.GetProperty("width").GetInt32(), r.GetProperty("height").GetInt32()));
        switch (layout)
        {
            case "side":
                Assert.True(w >= 2 * W && h >= H && h < 2 * H, $"{w}x{h}");
                break;
            case "stack":
                Assert.True(h >= 2 * H && w >= W && w < 2 * W, $"{w}x{h}");
                break;
            default:
                Assert.True(w >= W && w < 2 * W && h >= H && h < 2 * H, $"{w}x{h}");
                break;
        }
    }

    [Theory]
    [InlineData("side", "200x300")]
    [InlineData("stack", "1080x1080")]
    [InlineData("split", "640x360")]
    public void Compare_Size_IsExactlyThatSize(string layout, string size)
    {
        string output = _ws.PathOf($"post-{layout}.png");
        JsonElement r = Ok(CliWorkspace.Run("compare", _photo, "--plan", _plan, "-o", output, "--layout", layout, "--size", size, "--json"));
        string[] wh = size.Split('x');
        (int W, int H) expected = (int.Parse(wh[0], CultureInfo.InvariantCulture), int.Parse(wh[1], CultureInfo.InvariantCulture));
        Assert.Equal(expected, SizeOf(output));
        Assert.Equal(expected.W, r.GetProperty("width").GetInt32());
    }

    [Fact]
    public void Sessions_WithYears_IsAStripOfOnePanelPerSessionAndYear()
    {
        string output = _ws.PathOf("sessions.png");
        JsonElement r = Ok(CliWorkspace.Run("sessions", _photo, "--plan", _plan, "-o", output, "--years", "3,5", "--json"));
        (int w, int h) = SizeOf(output);
        // 3 sessions + 2 years = 5 panels in a row, each at most the photo's size.
        Assert.True(w >= 5 * W && w < 6 * W, $"{w}x{h}");
        Assert.True(h >= H && h < 2 * H, $"{w}x{h}");
        Assert.Equal(w, r.GetProperty("width").GetInt32());
    }

    [Fact]
    public void Sheet_TwoVaries_IsAGridOfEveryCombination()
    {
        string output = _ws.PathOf("sheet.png");
        JsonElement r = Ok(CliWorkspace.Run("sheet", _photo, "--plan", _plan, "-o", output,
            "--vary", "density=60,120", "--vary", "shade=2,3,4", "--json"));
        (int w, int h) = SizeOf(output);
        // 2 rows (density) x 3 columns (shade).
        Assert.True(w >= 3 * W && w < 4 * W, $"{w}x{h}");
        Assert.True(h >= 2 * H && h < 3 * H, $"{w}x{h}");
        Assert.Equal(h, r.GetProperty("height").GetInt32());
        // Each panel's own dots and shade, in order: twice the density, about twice the dots; shades 2, 3, 4 darker in turn.
        JsonElement[] panels = [.. r.GetProperty("panels").EnumerateArray()];
        Assert.Equal(["density=60 shade=2", "density=60 shade=3", "density=60 shade=4", "density=120 shade=2", "density=120 shade=3", "density=120 shade=4"],
            panels.Select(p => p.GetProperty("label").GetString()));
        int[] dots = [.. panels.Select(p => p.GetProperty("dots").GetInt32())];
        Assert.All(dots[..3], d => Assert.Equal(dots[0], d));
        Assert.InRange(dots[3] / (double)dots[0], 1.8, 2.2);
        Assert.Equal([2, 3, 4, 2, 3, 4], panels.Select(p => p.GetProperty("shade").GetProperty("level").GetInt32()));
        double[] contrast = [.. panels.Select(p => p.GetProperty("shade").GetProperty("deltaL").GetDouble())];
        Assert.True(contrast[0] < contrast[1] && contrast[1] < contrast[2], string.Join(", ", contrast));
        Assert.Equal(dots[^1], r.GetProperty("dots").GetInt32());
    }

    [Fact]
    public void Sheet_Text_IsOneLineWithThePanelsAndTheirRangeOfDots()
    {
        string output = _ws.PathOf("sheet.jpg");
        var (code, stdout, stderr) = CliWorkspace.Run("sheet", _photo, "--plan", _plan, "-o", output, "--vary", "density=45,90");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Matches(
            $@"^{System.Text.RegularExpressions.Regex.Escape(output)}: \d+x\d+, 2 panels of (\d+)-(\d+) dots, skin Monk \d+ \(ITA -?\d+°, \w+\), \d+ ms$",
            Assert.Single(CliWorkspace.Lines(stdout)));
    }

    [Theory]
    // Two settings: the last one across whatever its number of values, one row per value of the first.
    [InlineData("shade=2,4 density=30,40,50,60,70,80,90,100,110,120", 10, 2)]
    // One setting of more than 8 values: rows of about equal length.
    [InlineData("density=30,40,50,60,70,80,90,100,110,120,130,140", 6, 2)]
    public void Sheet_ManyVariants_RowsAndColumns(string varies, int columns, int rows)
    {
        string output = _ws.PathOf("many-sheet.png");
        string[] vary = [.. varies.Split(' ').SelectMany(v => new[] { "--vary", v })];
        Ok(CliWorkspace.Run(["sheet", _photo, "--plan", _plan, "-o", output, "--json", .. vary]));
        (int w, int h) = SizeOf(output);
        Assert.True(w >= columns * W && w < (columns + 1) * W, $"{w}x{h}");
        Assert.True(h >= rows * H && h < (rows + 1) * H, $"{w}x{h}");
    }

    [Fact]
    public void Dots_Csv_Json_ReportsTheCountWrittenInTheFile()
    {
        string output = _ws.PathOf("dots.csv");
        JsonElement r = Ok(CliWorkspace.Run("dots", _photo, "--plan", _plan, "-o", output, "--json"));
        int dots = r.GetProperty("dots").GetInt32();
        Assert.True(dots > 100, $"{dots} dots");
        Assert.True(r.GetProperty("sampleMs").GetDouble() >= 0);
        Assert.Equal(W, r.GetProperty("width").GetInt32());
        string[] lines = CliWorkspace.Lines(File.ReadAllText(output));
        Assert.Equal("x,y,diameter_mm,session,rank", lines[0]);
        Assert.Equal(dots + 1, lines.Length);
        Assert.All(lines.Skip(1), l => Assert.Matches(@"^\d+(\.\d+)?,\d+(\.\d+)?,0\.25,[123],\d+$", l));
    }

    [Fact]
    public void Dots_SvgFromSize_HasOneCirclePerDot()
    {
        string output = _ws.PathOf("dots.svg");
        JsonElement r = Ok(CliWorkspace.Run("dots", "--plan", _plan, "--size", $"{W}x{H}", "-o", output, "--json"));
        XDocument svg = XDocument.Load(output);
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        Assert.Equal(W.ToString(CultureInfo.InvariantCulture), svg.Root.Attribute("width")!.Value);
        Assert.Equal(r.GetProperty("dots").GetInt32(), svg.Descendants(ns + "circle").Count());
    }

    [Fact]
    public void Dots_FromSize_IsTheFieldOfAPhotoWithoutHairs()
    {
        // A plan for density work keeps its dots away from the hairs found in the photo; a field of a given size has
        // no photo, so it is the field of a bare scalp of that size.
        string plan = _ws.Text("density.plan.json", File.ReadAllText(_plan).Replace("\"sessions\"", "\"hair\": { \"avoidExisting\": true }, \"sessions\""));
        string bare = _ws.Plain("bare.png", W, H, 200, 170, 150);
        string fromPhoto = _ws.PathOf("photo.csv");
        string fromSize = _ws.PathOf("size.csv");

        JsonElement a = Ok(CliWorkspace.Run("dots", bare, "--plan", plan, "-o", fromPhoto, "--json"));
        JsonElement b = Ok(CliWorkspace.Run("dots", "--plan", plan, "--size", $"{W}x{H}", "-o", fromSize, "--json"));

        Assert.True(a.GetProperty("dots").GetInt32() > 100);
        Assert.Equal(File.ReadAllBytes(fromPhoto), File.ReadAllBytes(fromSize));
        // Said on the terminal (not in --json output).
        var (_, _, warning) = CliWorkspace.Run("dots", "--plan", plan, "--size", $"{W}x{H}", "-o", fromSize);
        Assert.Equal($"smp: warning: {plan}: hair.avoidExisting finds the hairs in a photo: a field of a given size avoids none", warning.Trim());
        // On a photo with hairs in the zone, the same plan gives another field.
        string thinning = _ws.PathOf("thinning.png");
        using (SyntheticScalp scalp = ScalpPhotoGenerator.Generate(ScalpPhotoOptions.ForMonk(4, 3) with
        {
            Width = W, Height = H, ThinningArea = new HeadEllipse(0, 0, 0.5, 0.5), ThinningDensity = 0.5, HairLengthMm = 3,
        }))
        {
            PhotoCodec.Write(scalp.Photo, thinning);
        }
        string fromThinning = _ws.PathOf("thinning.csv");
        Assert.Equal(0, CliWorkspace.Run("dots", thinning, "--plan", plan, "-o", fromThinning).Code);
        Assert.NotEqual(File.ReadAllBytes(fromSize), File.ReadAllBytes(fromThinning));
    }

    [Fact]
    public void QuickZone_OnAPhotoTooSmallToShowDots_IsBadInputAtOnce()
    {
        // 40 px wide: the estimated scale is 0.21 px/mm, and the dots would be a fifth of a pixel apart (sampling such a
        // field took seconds, and minutes on a 3x3 photo).
        string photo = _ws.Photo("tiny.png", 40, 30);
        string output = _ws.PathOf("tiny-out.png");
        string line = BadInputLine(CliWorkspace.Run("render", photo, "--zone", "crown", "-o", output));
        Assert.Equal($"smp: {photo}: too small to preview at 40x30: 90 dots/cm² at 0.213 px/mm would be 0.19 px apart (a preview needs at least 0.5 px)", line);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void PlanWithATinyHeadWidth_OnALargeEnoughPhoto_ThePlanIsBlamed()
    {
        // A head 30 px wide in the plan's own scale: 0.2 px/mm, whatever the photo.
        string plan = _ws.Text("tiny-head.plan.json", File.ReadAllText(_plan).Replace("\"pxPerMm\": 2", "\"headWidthPx\": 30"));
        string line = BadInputLine(CliWorkspace.Run("render", _photo, "--plan", plan, "-o", _ws.PathOf("o.png")));
        Assert.Equal($"smp: {plan}: 90 dots/cm² at 0.2 px/mm would be 0.18 px apart (a preview needs at least 0.5 px)", line);
    }

    [Fact]
    public void Sheet_ASettingBothGivenAndVaried_IsUsageError()
    {
        var (code, _, stderr) = CliWorkspace.Run("sheet", _photo, "--plan", _plan, "--density", "120", "--vary", "density=60,90", "-o", _ws.PathOf("s.png"));
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Equal("smp: density is both given (120) and varied: give its values in --vary only; see 'smp --help'", Assert.Single(CliWorkspace.Lines(stderr)));
    }

    [Fact]
    public void Sheet_AVariantTooDenseForTheScale_IsBadInputBeforeAnyPanel()
    {
        // At 1 px/mm, 90 dots/cm² are 0.88 px apart and 400 dots/cm² 0.42 px.
        string plan = _ws.Text("coarse.plan.json", File.ReadAllText(_plan).Replace("\"pxPerMm\": 2", "\"pxPerMm\": 1"));
        string output = _ws.PathOf("sheet.png");
        string line = BadInputLine(CliWorkspace.Run("sheet", _photo, "--plan", plan, "--vary", "density=90,400", "-o", output));
        Assert.Equal($"smp: {plan}: 400 dots/cm² at 1 px/mm would be 0.42 px apart (a preview needs at least 0.5 px)", line);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("dots")]
    [InlineData("render")]
    public void APlanOfMoreDotsThanAPreviewTakes_IsBadInputBeforeSampling(string command)
    {
        // A whole 1600 x 1200 photo at 1.5 px/mm is 8,533 cm² (a scalp is under 1,000): at 400 dots/cm², 3.4 million dots.
        string plan = _ws.Text("huge.plan.json", """
            { "version": 1, "scale": { "pxPerMm": 1.5 }, "density": { "dotsPerCm2": 400 },
              "zones": [ { "type": "region", "polygon": [[0,0],[1600,0],[1600,1200],[0,1200]], "featherMm": 0 } ] }
            """);
        string output = _ws.PathOf(command == "dots" ? "huge.csv" : "huge.jpg");
        string photo = _ws.Plain("huge-photo.jpg", 1600, 1200, 200, 170, 150);
        string[] args = command == "dots" ? ["dots", "--plan", plan, "--size", "1600x1200", "-o", output] : ["render", photo, "--plan", plan, "-o", output];
        string line = BadInputLine(CliWorkspace.Run(args));
        Assert.Equal($"smp: {plan}: its zones would hold about 3,413,333 dots (8,533 cm² at 1.5 px/mm, 400 dots/cm²), more than the 2,000,000 a preview takes: is the scale right?", line);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Sheet_AVariantOfMoreDotsThanAPreviewTakes_IsBadInputBeforeAnyPanel()
    {
        // 8,533 cm² (see above): 853,333 dots at 100 dots/cm², 3.4 million at 400.
        string plan = _ws.Text("big.plan.json", """
            { "version": 1, "scale": { "pxPerMm": 1.5 }, "density": { "dotsPerCm2": 100 },
              "zones": [ { "type": "region", "polygon": [[0,0],[1600,0],[1600,1200],[0,1200]], "featherMm": 0 } ] }
            """);
        string photo = _ws.Plain("big-photo.jpg", 1600, 1200, 200, 170, 150);
        string line = BadInputLine(CliWorkspace.Run("sheet", photo, "--plan", plan, "--vary", "density=100,400", "-o", _ws.PathOf("big-sheet.jpg")));
        Assert.StartsWith($"smp: {plan}: its zones would hold about 3,413,333 dots", line);
    }

    [Fact]
    public void Dots_Set_OverridesThePlanLikeThePhotoCommands()
    {
        JsonElement plain = Ok(CliWorkspace.Run("dots", "--plan", _plan, "--size", $"{W}x{H}", "-o", _ws.PathOf("a.csv"), "--json"));
        JsonElement denser = Ok(CliWorkspace.Run("dots", "--plan", _plan, "--size", $"{W}x{H}", "-o", _ws.PathOf("b.csv"), "--json", "--set", "density=180"));
        Assert.InRange(denser.GetProperty("dots").GetInt32() / (double)plain.GetProperty("dots").GetInt32(), 1.8, 2.2);
        var (code, _, stderr) = CliWorkspace.Run("dots", "--plan", _plan, "--size", $"{W}x{H}", "-o", _ws.PathOf("c.csv"), "--seed", "3", "--set", "seed=4");
        Assert.Equal((int)ExitCode.Usage, code);
        Assert.Equal("smp: seed is given twice (3 and 4): give it once; see 'smp --help'", stderr.Trim());
    }

    [Fact]
    public void Dots_FromSizeTheZonesMiss_IsBadInput()
    {
        string output = _ws.PathOf("dots.csv");
        string line = BadInputLine(CliWorkspace.Run("dots", "--plan", _plan, "--size", "40x30", "-o", output));
        Assert.Equal($"smp: {_plan}: its zones cover no pixel of the 40x30 photo", line);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void Render_DotsOption_WritesTheSameFieldAsTheDotsCommand()
    {
        string preview = _ws.PathOf("preview.jpg");
        string renderDots = _ws.PathOf("render-dots.csv");
        string dotsOnly = _ws.PathOf("dots.csv");
        Assert.Equal(0, CliWorkspace.Run("render", _photo, "--plan", _plan, "-o", preview, "--dots", renderDots).Code);
        Assert.Equal(0, CliWorkspace.Run("dots", _photo, "--plan", _plan, "-o", dotsOnly).Code);
        Assert.StartsWith("x,y,diameter_mm,session,rank\n", File.ReadAllText(renderDots));
        Assert.Equal(File.ReadAllBytes(dotsOnly), File.ReadAllBytes(renderDots));
    }

    [Theory]
    [InlineData("render")]
    [InlineData("compare")]
    public void Output_OverThePlansMask_IsRefusedAndTheMaskIsUnchanged(string command)
    {
        string mask = _ws.Plain("mask.png", W, H, 255, 255, 255);
        byte[] original = File.ReadAllBytes(mask);
        string plan = _ws.Text("mask.plan.json", """{ "version": 1, "scale": { "pxPerMm": 2 }, "zones": [ { "type": "mask", "path": "mask.png" } ] }""");
        var (code, stdout, stderr) = CliWorkspace.Run(command, _photo, "--plan", plan, "-o", mask);
        Assert.Equal((int)ExitCode.OutputFailed, code);
        Assert.Equal("", stdout);
        Assert.Equal($"smp: {mask}: cannot write: refusing to overwrite the input {mask}", Assert.Single(CliWorkspace.Lines(stderr)));
        Assert.Equal(original, File.ReadAllBytes(mask));
    }

    [Fact]
    public void PlanValidate_TheTestPlan_IsOk()
    {
        var (code, stdout, stderr) = CliWorkspace.Run("plan", "validate", _plan);
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Equal($"{_plan}: ok (1 zone, scale 2 px/mm from pxPerMm)\n", stdout.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("render")]
    [InlineData("compare")]
    public void Output_SameAsThePhoto_IsRefusedAndThePhotoIsUnchanged(string command)
    {
        byte[] original = File.ReadAllBytes(_photo);
        DateTime written = File.GetLastWriteTimeUtc(_photo);
        var (code, stdout, stderr) = CliWorkspace.Run(command, _photo, "--plan", _plan, "-o", _photo);
        Assert.Equal((int)ExitCode.OutputFailed, code);
        Assert.Equal("", stdout);
        string line = Assert.Single(CliWorkspace.Lines(stderr));
        Assert.StartsWith("smp: ", line);
        Assert.Contains(Path.GetFileName(_photo), line);
        Assert.Equal(original, File.ReadAllBytes(_photo));
        Assert.Equal(written, File.GetLastWriteTimeUtc(_photo));
        Assert.Empty(Directory.GetFiles(_ws.Folder, "*.tmp*", SearchOption.AllDirectories));
    }

    [Fact]
    public void Output_SameFileByAnotherPath_IsRefused()
    {
        byte[] original = File.ReadAllBytes(_photo);
        string other = Path.Combine(_ws.Folder, "sub", "..", Path.GetFileName(_photo));
        Directory.CreateDirectory(Path.Combine(_ws.Folder, "sub"));
        var (code, _, _) = CliWorkspace.Run("render", _photo, "--plan", _plan, "-o", other);
        Assert.Equal((int)ExitCode.OutputFailed, code);
        Assert.Equal(original, File.ReadAllBytes(_photo));
    }

    [Theory]
    [InlineData("render")]
    [InlineData("compare")]
    [InlineData("sessions")]
    public void CorruptPhoto_IsBadInputOnOneLineNamingTheFile(string command)
    {
        byte[] jpeg = File.ReadAllBytes(_ws.Photo("good.jpg", 80, 60));
        string corrupt = _ws.PathOf("corrupt.jpg");
        File.WriteAllBytes(corrupt, jpeg.AsSpan(0, jpeg.Length / 3).ToArray());
        string output = _ws.PathOf("out.jpg");
        string line = BadInputLine(CliWorkspace.Run(command, corrupt, "--plan", _plan, "-o", output));
        Assert.StartsWith($"smp: {corrupt}: ", line);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("render")]
    [InlineData("compare")]
    public void JpegPhoto_ZonesWhileDecodingOrAfter_SameOutput(string command)
    {
        // With more than one core the zones and dots of a JPEG are computed while it decodes; on one, in turn.
        string photo = _ws.Photo("client.jpg", W, H, monk: 5, seed: 4);
        string overlapped = _ws.PathOf("overlapped.png"), inTurn = _ws.PathOf("in-turn.png");

        JsonElement a = Ok(CliWorkspace.Run(command, photo, "--plan", _plan, "-o", overlapped, "--json"));
        JsonElement b;
        using (Parallelism.Limit(1))
        {
            b = Ok(CliWorkspace.Run(command, photo, "--plan", _plan, "-o", inTurn, "--json"));
        }

        Assert.Equal(Environment.ProcessorCount > 1, a.GetProperty("zonesDuringDecode").GetBoolean());
        Assert.False(b.GetProperty("zonesDuringDecode").GetBoolean());
        Assert.Equal(b.GetProperty("dots").GetInt32(), a.GetProperty("dots").GetInt32());
        Assert.True(a.GetProperty("sampleMs").GetDouble() > 0);
        Assert.Equal(File.ReadAllBytes(inTurn), File.ReadAllBytes(overlapped));
    }

    [Fact]
    public void CorruptJpegAndBadPlan_ThePhotoIsReported()
    {
        byte[] jpeg = File.ReadAllBytes(_ws.Photo("good.jpg", 80, 60));
        string corrupt = _ws.PathOf("corrupt.jpg");
        File.WriteAllBytes(corrupt, jpeg.AsSpan(0, jpeg.Length / 3).ToArray());
        string plan = _ws.Text("bad.plan.json", """{ "version": 1, "scale": { "pxPerMm": 2 }, "zones": [ { "type": "crown", "center": [40], "radiiMm": [5, 5] } ] }""");
        string output = _ws.PathOf("out.jpg");

        string line = BadInputLine(CliWorkspace.Run("render", corrupt, "--plan", plan, "-o", output));

        Assert.StartsWith($"smp: {corrupt}: ", line);
        Assert.False(File.Exists(output));
    }

    [Fact]
    public void PlanError_IsBadInputNamingThePlanAndTheJsonPath()
    {
        string plan = _ws.Text("bad.plan.json", """
            { "version": 1, "scale": { "pxPerMm": 2 },
              "zones": [ { "type": "crown", "center": [160, 120], "radiiMm": [20, 16] }, { "type": "crown", "center": [160], "radiiMm": [20, 16] } ] }
            """);
        string output = _ws.PathOf("out.png");
        string line = BadInputLine(CliWorkspace.Run("render", _photo, "--plan", plan, "-o", output));
        Assert.StartsWith($"smp: {plan}: zones[1].center", line);
        Assert.False(File.Exists(output));
    }

    [Theory]
    [InlineData("render")]
    [InlineData("dots")]
    public void PlanZonesOutsideThePhoto_IsBadInputNotAnInternalError(string command)
    {
        string plan = _ws.Text("far.plan.json", """{ "version": 1, "scale": { "pxPerMm": 2 }, "zones": [ { "type": "crown", "center": [5000, 5000], "radiiMm": [5, 5] } ] }""");
        string output = _ws.PathOf(command == "dots" ? "out.csv" : "out.png");
        string line = BadInputLine(CliWorkspace.Run(command, _photo, "--plan", plan, "-o", output));
        Assert.StartsWith($"smp: {plan}: ", line);
        Assert.Contains("no pixel", line);
    }

    [Theory]
    [InlineData("render", "png")]
    [InlineData("render", "jpg")]
    [InlineData("compare", "jpg")]
    [InlineData("sessions", "png")]
    public void SameCommandTwice_GivesByteIdenticalFiles(string command, string ext)
    {
        string first = _ws.PathOf($"first.{ext}");
        string second = _ws.PathOf($"second.{ext}");
        Assert.Equal(0, CliWorkspace.Run(command, _photo, "--plan", _plan, "--seed", "99", "-o", first).Code);
        Assert.Equal(0, CliWorkspace.Run(command, _photo, "--plan", _plan, "--seed", "99", "-o", second).Code);
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        if (command == "render")
        {
            // And the seed matters: another seed places other dots.
            string other = _ws.PathOf($"other.{ext}");
            Assert.Equal(0, CliWorkspace.Run(command, _photo, "--plan", _plan, "--seed", "100", "-o", other).Code);
            Assert.NotEqual(File.ReadAllBytes(first), File.ReadAllBytes(other));
        }
    }

    [Fact]
    public void Render_QuickZone_WithoutPlan_RendersTheTemplate()
    {
        string output = _ws.PathOf("quick.png");
        JsonElement r = Ok(CliWorkspace.Run("render", _photo, "--zone", "crown", "--density", "60", "--shade", "3", "-o", output, "--json"));
        Assert.Equal((W, H), SizeOf(output));
        Assert.True(r.GetProperty("dots").GetInt32() > 0);
        Assert.NotNull(r.GetProperty("scaleWarning").GetString());
    }

    [Fact]
    public void Render_MaskZone_PaintsOnlyWhereTheMaskIsAndInspectUsesIt()
    {
        // A painted mask: white (full density) in a 100 x 80 box at the centre of the head, black elsewhere.
        using (Photo mask = Photo.Filled(W, H, 0, 0, 0))
        {
            for (int y = 80; y < 160; y++)
            {
                Span<byte> row = mask.Row(y);
                for (int x = 110; x < 210; x++)
                {
                    row[x * 4] = row[x * 4 + 1] = row[x * 4 + 2] = 255;
                }
            }
            SmpRender.IO.PhotoCodec.Write(mask, _ws.PathOf("masks/top.png"));
        }
        string plan = _ws.Text("mask.plan.json", """
            { "version": 1, "scale": { "pxPerMm": 2 }, "seed": 3, "density": { "dotsPerCm2": 90 }, "sessions": 2,
              "zones": [ { "type": "mask", "path": "masks/top.png" } ] }
            """);
        string output = _ws.PathOf("mask.png");
        Assert.Equal(0, CliWorkspace.Run("render", _photo, "--plan", plan, "-o", output).Code);
        using Photo before = CliWorkspace.Read(_photo);
        using Photo after = CliWorkspace.Read(output);
        int changedInside = 0;
        int margin = 4; // 2 mm for the dots' soft edges
        for (int y = 0; y < H; y++)
        {
            for (int x = 0; x < W; x++)
            {
                bool same = before.Row(y).Slice(x * 4, 4).SequenceEqual(after.Row(y).Slice(x * 4, 4));
                bool inBox = x >= 110 - margin && x < 210 + margin && y >= 80 - margin && y < 160 + margin;
                Assert.True(same || inBox, $"pixel ({x},{y}) outside the mask changed");
                changedInside += same ? 0 : 1;
            }
        }
        Assert.True(changedInside > 300, $"{changedInside} pixels changed");

        var (code, stdout, stderr) = CliWorkspace.Run("inspect", _photo, "--plan", plan, "--json");
        Assert.True(code == 0, stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        Assert.InRange(json.RootElement.GetProperty("skinTone").GetProperty("monk").GetInt32(), 4, 6);
    }

    [Fact]
    public void Render_MissingMask_IsBadInputNamingThePlanPath()
    {
        string plan = _ws.Text("mask.plan.json", """
            { "version": 1, "scale": { "pxPerMm": 2 }, "zones": [ { "type": "mask", "path": "masks/none.png" } ] }
            """);
        string line = BadInputLine(CliWorkspace.Run("render", _photo, "--plan", plan, "-o", _ws.PathOf("o.png")));
        Assert.StartsWith($"smp: {plan}: zones[0].path", line);
    }

    [Fact]
    public void CorruptPhoto_Verbose_AddsDetailAfterTheSameFirstLine()
    {
        string corrupt = _ws.Text("corrupt.png", "not a png at all");
        var quiet = CliWorkspace.Run("render", corrupt, "--plan", _plan, "-o", _ws.PathOf("o.png"));
        var verbose = CliWorkspace.Run("render", corrupt, "--plan", _plan, "-o", _ws.PathOf("o.png"), "--verbose");
        Assert.Equal(quiet.Code, verbose.Code);
        string line = Assert.Single(CliWorkspace.Lines(quiet.Stderr));
        string[] detailed = CliWorkspace.Lines(verbose.Stderr);
        Assert.Equal(line, detailed[0]);
        Assert.True(detailed.Length > 1);
    }

    [Fact]
    public void Render_RotatedJpeg_OutputIsUprightAtTheDisplayedSize()
    {
        byte[] jpeg = File.ReadAllBytes(_ws.Photo("plain.jpg", H, W));
        // APP1 Exif with IFD0 Orientation = 6 (rotate 90° clockwise to display): displayed W x H.
        byte[] tiff = new byte[26];
        "MM"u8.CopyTo(tiff);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(2), 42);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(4), 8);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(8), 1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(10), 0x0112);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(12), 3);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(tiff.AsSpan(14), 1);
        System.Buffers.Binary.BinaryPrimitives.WriteUInt16BigEndian(tiff.AsSpan(18), 6);
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        byte[] app1 = [0xFF, 0xE1, (byte)((payload.Length + 2) >> 8), (byte)(payload.Length + 2), .. payload];
        string rotated = _ws.PathOf("rotated.jpg");
        File.WriteAllBytes(rotated, [.. jpeg.AsSpan(0, 2), .. app1, .. jpeg.AsSpan(2)]);

        string output = _ws.PathOf("rotated-preview.jpg");
        Assert.Equal(0, CliWorkspace.Run("render", rotated, "--plan", _plan, "-o", output).Code);
        var (code, stdout, _) = CliWorkspace.Run("inspect", output, "--json");
        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(stdout);
        Assert.Equal(W, json.RootElement.GetProperty("width").GetInt32());
        Assert.Equal(H, json.RootElement.GetProperty("height").GetInt32());
        // The pixels are written upright, so the output must not ask viewers to rotate them again.
        Assert.Equal(0, json.RootElement.GetProperty("exifOrientation").GetInt32());
    }
}
