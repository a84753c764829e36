using SmpRender.Plans;
using SmpRender.Zones;
using SmpRender.Pigment;

namespace SmpRender.Tests.Plans;

public sealed class PlanReaderTests
{
    private const string Base = "/plans/client";

    internal const string Example = """
        {
          "version": 1,
          "scale": { "pxPerMm": 8.5 },
          "seed": 7,
          "density": { "dotsPerCm2": 90 },
          "dots": { "diameterMm": 0.25 },
          "pigment": { "shade": "auto" },
          "sessions": 3,
          "zones": [
            { "type": "hairline", "points": [[410,620],[800,540],[1190,610]], "scalpSide": "up", "style": "soft" },
            { "type": "crown", "center": [820,300], "radiiMm": [45,38], "featherMm": 12 },
            { "type": "scar", "polyline": [[300,900],[1300,910]], "widthMm": 4 },
            { "type": "mask", "path": "top-mask.png" },
            { "type": "region", "polygon": [[0,0],[200,0],[200,150]], "exclude": true }
          ]
        }
        """;

    private static bool Exists(string path) => path == "/plans/client/top-mask.png";

    private static Plan Read(string json) => PlanReader.Read(json, Base, Exists);

    private static IReadOnlyList<string> Errors(string json) =>
        Assert.Throws<PlanException>(() => Read(json)).Errors.Select(e => e.ToString()).ToList();

    /// <summary>The example with one zone replaced.</summary>
    private static string WithZone(int index, string zone)
    {
        string[] zones =
        [
            """{ "type": "hairline", "points": [[410,620],[800,540],[1190,610]], "scalpSide": "up", "style": "soft" }""",
            """{ "type": "crown", "center": [820,300], "radiiMm": [45,38], "featherMm": 12 }""",
            """{ "type": "scar", "polyline": [[300,900],[1300,910]], "widthMm": 4 }""",
        ];
        zones[index] = zone;
        return $$"""{ "version": 1, "scale": { "pxPerMm": 8.5 }, "zones": [ {{string.Join(", ", zones)}} ] }""";
    }

    [Fact]
    public void Read_IssueExample_AllFields()
    {
        Plan plan = Read(Example);
        Assert.Equal(1, plan.Version);
        Assert.Equal(8.5, plan.Scale.PxPerMm);
        Assert.Equal(ScaleSource.PxPerMm, plan.Scale.Source);
        Assert.Null(plan.Scale.Warning);
        Assert.Equal(7, plan.Seed);
        Assert.Equal(90, plan.Density.DotsPerCm2);
        Assert.Equal(0.25, plan.Dots.DiameterMm);
        Assert.Equal(ShadeKind.Auto, plan.Pigment.Shade.Kind);
        Assert.Equal(PigmentLook.Healed, plan.Pigment.Look);
        Assert.Equal(3, plan.Sessions);
        Assert.Equal(5, plan.Zones.Count);
        var hairline = Assert.IsType<HairlineZone>(plan.Zones[0]);
        Assert.Equal([new(410, 620), new(800, 540), new(1190, 610)], hairline.Points);
        Assert.Same(ScalpSide.Up, hairline.ScalpSide);
        Assert.Equal(HairlineStyle.Soft, hairline.Style);
        Assert.Equal(30, hairline.BandDepthMm);
        Assert.Equal(8, hairline.EffectiveTransitionMm);
        var crown = Assert.IsType<CrownZone>(plan.Zones[1]);
        Assert.Equal(new Point2(820, 300), crown.Center);
        Assert.Equal(Length.Mm(45), crown.RadiusX);
        Assert.Equal(Length.Mm(38), crown.RadiusY);
        Assert.Equal(12, crown.FeatherMm);
        var scar = Assert.IsType<ScarZone>(plan.Zones[2]);
        Assert.True(scar.IsStrip);
        Assert.Equal(4, scar.SizeMm);
        Assert.Equal(3, scar.MarginMm);
        var mask = Assert.IsType<MaskZone>(plan.Zones[3]);
        Assert.Equal("/plans/client/top-mask.png", mask.Path);
        Assert.Equal(MaskFit.Exact, mask.Fit);
        var region = Assert.IsType<RegionZone>(plan.Zones[4]);
        Assert.True(region.Exclude);
        Assert.Equal(3, region.Polygon.Count);
    }

    [Fact]
    public void Read_TrailingCommasAndComments_AreAllowed()
    {
        Plan plan = Read("""
            { "version": 1, "scale": { "pxPerMm": 5, }, // the scale from the ruler photo
              "zones": [ { "type": "region", "polygon": [[0,0],[9,0],[9,9],], }, ], }
            """);
        Assert.Equal(3, ((RegionZone)Assert.Single(plan.Zones)).Polygon.Count);
    }

    [Theory]
    [InlineData("""[[200,420],[500,340],[800,420]]""", "\"up\"")]
    [InlineData("""[[800,420],[500,340],[200,420]]""", "\"up\"")]
    [InlineData("""[[200,420],[500,340],[800,420]]""", "\"down\"")]
    [InlineData("""[[100,100],[110,400],[100,700]]""", "\"left\"")]
    [InlineData("""[[100,100],[110,400],[100,700]]""", "\"right\"")]
    [InlineData("""[[200,420],[500,340],[800,420]]""", "[500, 100]")]
    [InlineData("""[[450,700],[250,400],[500,200],[750,400],[550,700]]""", "[500, 400]")]
    public void Read_ScalpSideAcrossTheLine_IsAccepted(string points, string side)
    {
        Plan plan = Read($$"""{ "version": 1, "scale": { "pxPerMm": 5 }, "zones": [ { "type": "hairline", "points": {{points}}, "scalpSide": {{side}} } ] }""");
        Assert.IsType<HairlineZone>(Assert.Single(plan.Zones));
    }

    [Fact]
    public void Read_Minimal_Defaults()
    {
        Plan plan = Read("""{ "version": 1, "scale": { "pxPerMm": 5 }, "zones": [ { "type": "region", "polygon": [[0,0],[9,0],[9,9]] } ] }""");
        Assert.Equal(1, plan.Seed);
        Assert.Equal(90, plan.Density.DotsPerCm2);
        Assert.Equal(0.25, plan.Dots.DiameterMm);
        Assert.Null(plan.Dots.Needle);
        Assert.Equal(Shade.Auto, plan.Pigment.Shade);
        Assert.Equal(3, plan.Sessions);
        Assert.Null(plan.Fading);
        Assert.Null(plan.Hair);
        Assert.Equal(RegionZone.DefaultFeatherMm, ((RegionZone)plan.Zones[0]).FeatherMm);
    }

    [Fact]
    public void Read_EverySetting()
    {
        Plan plan = Read("""
            { "version": 1, "scale": { "ruler": [[100, 100], [400, 500]], "mm": 50 }, "seed": -3,
              "dots": { "diameterMm": 0.2, "needle": "1rl" }, "pigment": { "shade": 4, "look": "fresh" }, "sessions": 4,
              "fading": { "years": 5, "sun": "high", "skin": "oily" }, "hair": { "avoidExisting": true }, "notes": "client 12",
              "zones": [
                { "type": "hairline", "points": [[0,50],[100,40]], "scalpSide": [50, 0], "style": "natural", "bandDepthMm": 25,
                  "transitionMm": 6, "undulationMm": 1, "asymmetryMm": 0.5, "microMm": 3, "bandOnly": true },
                { "type": "crown", "center": [50,50], "radiiPx": [30,20], "angleDeg": 15, "featherMm": 0, "whorl": [52, 48] },
                { "type": "scar", "points": [[10,10],[20,20]], "diameterMm": 0.9, "marginMm": 2, "featherMm": 1 },
                { "type": "mask", "path": "../client/top-mask.png", "fit": "stretch", "exclude": true }
              ] }
            """);
        Assert.Equal(10, plan.Scale.PxPerMm, 12);
        Assert.Equal(ScaleSource.Ruler, plan.Scale.Source);
        Assert.Equal(-3, plan.Seed);
        Assert.Equal(Needle.OneRound, plan.Dots.Needle);
        Assert.Equal(Shade.Level(4), plan.Pigment.Shade);
        Assert.Equal(PigmentLook.Fresh, plan.Pigment.Look);
        Assert.Equal(new FadingSettings(5, SunExposure.High, SkinType.Oily), plan.Fading);
        Assert.Equal(new HairSettings(true), plan.Hair);
        Assert.Equal("client 12", plan.Notes);
        var h = (HairlineZone)plan.Zones[0];
        Assert.Equal(new Point2(50, 0), h.ScalpSide.Point);
        Assert.Equal((HairlineStyle.Natural, 25.0, 6.0, 1.0, 0.5, 3.0, true),
            (h.Style, h.BandDepthMm, h.TransitionMm!.Value, h.UndulationMm!.Value, h.AsymmetryMm!.Value, h.MicroMm!.Value, h.BandOnly));
        var c = (CrownZone)plan.Zones[1];
        Assert.Equal(Length.Px(30), c.RadiusX);
        Assert.Equal((15.0, 0.0, new Point2(52, 48)), (c.AngleDeg, c.FeatherMm, c.Whorl!.Value));
        var s = (ScarZone)plan.Zones[2];
        Assert.Equal((false, 0.9, 2.0, 1.0, 2), (s.IsStrip, s.SizeMm, s.MarginMm, s.FeatherMm, s.Points.Count));
        var m = (MaskZone)plan.Zones[3];
        Assert.Equal(("/plans/client/top-mask.png", MaskFit.Stretch, true), (m.Path, m.Fit, m.Exclude));
    }

    [Fact]
    public void Read_HeadWidthScale_EstimateWithWarning()
    {
        Plan plan = Read("""{ "version": 1, "scale": { "headWidthPx": 1200 }, "zones": [ { "type": "region", "polygon": [[0,0],[9,0],[9,9]] } ] }""");
        Assert.Equal(8, plan.Scale.PxPerMm);
        Assert.Equal(ScaleSource.HeadWidth, plan.Scale.Source);
        Assert.Contains("assuming 150 mm across the top of the head", plan.Scale.Warning);
    }

    [Theory]
    [InlineData("""{ "version": 2, "scale": { "pxPerMm": 5 }, "zones": [] }""", "version: unsupported version 2: this smp reads version 1")]
    [InlineData("""{ "scale": { "pxPerMm": 5 }, "zones": [ { "type": "region", "polygon": [[0,0],[9,0],[9,9]] } ] }""", "version: required property is missing")]
    [InlineData("""{ "version": "1", "scale": { "pxPerMm": 5 }, "zones": [ { "type": "region", "polygon": [[0,0],[9,0],[9,9]] } ] }""", "version: must be an integer, not the string \"1\"")]
    [InlineData("""[1, 2]""", "must be an object, not an array")]
    [InlineData("""{ "version": 1, "scale": { "pxPerMm": 5 }, "zones": [ ,""", "not valid JSON at line 1, column 55: ',' is an invalid start of a value")]
    [InlineData("", "the file is empty")]
    [InlineData("""{ "version": 1, "scale": { "pxPerMm": 5 }, "density": { "dotsPerCm2": 1e400 }, "zones": [ { "type": "region", "polygon": [[0,0],[9,0],[9,9]] } ] }""", "density.dotsPerCm2: 1e400 is too large a number")]
    public void Read_BadDocument_OneExactError(string json, string expected) =>
        Assert.Equal([expected], Errors(json));

    [Theory]
    [InlineData("""{ "pxPerMm": 0 }""", "scale.pxPerMm: must be > 0")]
    [InlineData("""{ "pxPerMm": -8.5 }""", "scale.pxPerMm: must be > 0")]
    [InlineData("""{ "pxPerMm": "8" }""", "scale.pxPerMm: must be a number, not the string \"8\"")]
    [InlineData("""{ }""", "scale: give one of \"pxPerMm\", \"ruler\" with \"mm\", or \"headWidthPx\"")]
    [InlineData("""{ "pxPerMm": 5, "headWidthPx": 1000 }""", "scale: give only one of \"pxPerMm\", \"ruler\" or \"headWidthPx\"")]
    [InlineData("""{ "ruler": [[0,0],[100,0]] }""", "scale.mm: required property is missing")]
    [InlineData("""{ "ruler": [[0,0],[0,0]], "mm": 10 }""", "scale.ruler: the two points must differ")]
    [InlineData("""{ "ruler": [[0,0],[1,0],[2,0]], "mm": 10 }""", "scale.ruler: must be exactly 2 points [[x1, y1], [x2, y2]], got 3")]
    [InlineData("""{ "pxPerMm": 5, "mm": 10 }""", "scale.mm: only goes with \"ruler\"")]
    [InlineData("""{ "pxPerMM": 5 }""", "scale.pxPerMM: unknown property (did you mean \"pxPerMm\"?)")]
    [InlineData("""{ "pxPerMm": 120000 }""", "scale.pxPerMm: must be at most 500")]
    [InlineData("""{ "pxPerMm": 1e-9 }""", "scale: gives 1E-09 px/mm: a scale must be between 1E-06 and 500 px/mm")]
    [InlineData("""{ "ruler": [[0,0],[1e300,1e300]], "mm": 1e-300 }""", "scale: the ruler's length over its mm is not a finite scale")]
    [InlineData("""{ "ruler": [[0,0],[3000,0]], "mm": 0.1 }""", "scale: gives 30000 px/mm: a scale must be between 1E-06 and 500 px/mm")]
    [InlineData("""{ "headWidthPx": 1e300, "headWidthMm": 1e-300 }""", "scale: headWidthPx over headWidthMm is not a finite scale")]
    public void Read_BadScale_ExactError(string scale, string expected)
    {
        string json = $$"""{ "version": 1, "scale": {{scale}}, "zones": [ { "type": "region", "polygon": [[0,0],[9,0],[9,9]] } ] }""";
        Assert.Equal(expected, Errors(json)[0]);
    }

    [Theory]
    [InlineData(0, """{ "type": "hairline", "points": [[410,620]], "scalpSide": "up" }""", "zones[0].points: a hairline needs at least 2 points, got 1")]
    [InlineData(0, """{ "type": "hairline", "scalpSide": "up" }""", "zones[0].points: required property is missing")]
    [InlineData(0, """{ "type": "hairline", "points": [[0,0],[1,1]] }""", "zones[0].scalpSide: required property is missing")]
    [InlineData(0, """{ "type": "hairline", "points": [[0,0],[1,1]], "scalpSide": "north" }""", "zones[0].scalpSide: must be \"up\", \"down\", \"left\", \"right\" or a point [x, y] on the scalp, not the string \"north\"")]
    [InlineData(0, """{ "type": "hairline", "points": [[0,0],[1]], "scalpSide": "up" }""", "zones[0].points[1]: must be a point [x, y] in pixels, not an array")]
    [InlineData(0, """{ "type": "hairline", "points": [[0,0],[1,1]], "scalpSide": "up", "style": "wavy" }""", "zones[0].style: must be one of \"soft\", \"defined\", \"natural\", not the string \"wavy\"")]
    [InlineData(0, """{ "type": "hairline", "points": [[0,0],[1,1]], "scalpSide": "up", "colour": "red" }""", "zones[0].colour: unknown property (expected one of: type, exclude, points, scalpSide, style, bandDepthMm, transitionMm, undulationMm, asymmetryMm, microMm, bandOnly)")]
    [InlineData(0, """{ "type": "hairline", "points": [[0,0],[1,1]], "scalpSide": "up", "bandDepthMm": -30 }""", "zones[0].bandDepthMm: must be > 0")]
    [InlineData(0, """{ "type": "hairline", "points": [[0,0],[1,1]], "scalpSide": "up", "asymmetryMm": 6 }""", "zones[0].asymmetryMm: must be between 0 and 5")]
    [InlineData(0, """{ "type": "hairline", "points": [[0,0],[1,1]], "scalpSide": "up", "bandDepthMm": 5, "transitionMm": 8 }""", "zones[0].transitionMm: must not exceed bandDepthMm (5)")]
    [InlineData(0, """{ "type": "hairline", "points": [[0,0],[1,1]], "scalpSide": "up", "bandOnly": "yes" }""", "zones[0].bandOnly: must be true or false, not the string \"yes\"")]
    [InlineData(1, """{ "type": "crown", "center": [820,300], "radiiMm": [45,-38] }""", "zones[1].radiiMm: must be > 0")]
    [InlineData(1, """{ "type": "crown", "center": [820,300] }""", "zones[1].radiiMm: required property is missing (or radiiPx)")]
    [InlineData(1, """{ "type": "crown", "center": [820,300], "radiiMm": [4,3], "radiiPx": [4,3] }""", "zones[1].radiiPx: give either radiiMm or radiiPx, not both")]
    [InlineData(1, """{ "type": "crown", "center": [820,300], "radiiMm": [4,3], "featherMm": -1 }""", "zones[1].featherMm: must be >= 0")]
    [InlineData(1, """{ "type": "crown", "center": "middle", "radiiMm": [4,3] }""", "zones[1].center: must be a point [x, y] in pixels, not the string \"middle\"")]
    [InlineData(1, """{ "type": "circle", "center": [1,1] }""", "zones[1].type: unknown zone type \"circle\" (expected one of: hairline, crown, region, scar, mask)")]
    [InlineData(1, """{ "center": [1,1] }""", "zones[1].type: required property is missing")]
    [InlineData(1, """{ "type": "region", "polygon": [[0,0],[1,1]] }""", "zones[1].polygon: a region needs at least 3 points, got 2")]
    [InlineData(1, """{ "type": "region", "polygon": [[0,0],[1,1],[0,0]] }""", "zones[1].polygon: a region needs at least 3 different points (0.01 px apart or more), got 2")]
    [InlineData(1, """{ "type": "hairline", "points": [[0.00499995,360],[0.00500005,360]], "scalpSide": "up" }""", "zones[1].points: a hairline needs at least 2 different points (0.01 px apart or more), got 1")]
    [InlineData(1, """{ "type": "hairline", "points": [[398,360],[398.0000001,360]], "scalpSide": "up" }""", "zones[1].points: a hairline needs at least 2 different points (0.01 px apart or more), got 1")]
    [InlineData(1, """{ "type": "crown", "center": [800,859], "radiiMm": [1e400, 40] }""", "zones[1].radiiMm: [1e400, 40] holds too large a number")]
    [InlineData(1, """{ "type": "hairline", "points": [[0,9],[90,9]], "scalpSide": "up", "transitionMm": 50, "bandOnly": true }""", "zones[1].transitionMm: must not exceed bandDepthMm (30, the default)")]
    [InlineData(1, """{ "type": "hairline", "points": [[0,50],[100,40]], "scalpSide": "left" }""", "zones[1].scalpSide: runs along the hairline, not across it: the scalp is on one side of the line (\"up\" or \"down\" here)")]
    [InlineData(1, """{ "type": "hairline", "points": [[50,0],[40,100]], "scalpSide": "down" }""", "zones[1].scalpSide: runs along the hairline, not across it: the scalp is on one side of the line (\"left\" or \"right\" here)")]
    [InlineData(1, """{ "type": "hairline", "points": [[0,50],[100,50]], "scalpSide": [50, 50] }""", "zones[1].scalpSide: runs along the hairline, not across it: the scalp is on one side of the line (\"up\" or \"down\" here)")]
    [InlineData(1, """{ "type": "hairline", "points": [[0,50],[100,50]], "scalpSide": [300, 51] }""", "zones[1].scalpSide: runs along the hairline, not across it: the scalp is on one side of the line (\"up\" or \"down\" here)")]
    [InlineData(1, """{ "type": "hairline", "points": [[0,9],[90,9]], "scalpSide": "up", "bandDepthMm": 1e20, "bandOnly": true }""", "zones[1].bandDepthMm: must be at most 300")]
    [InlineData(1, """{ "type": "hairline", "points": [[100,100],[100,100]], "scalpSide": "up" }""", "zones[1].points: a hairline needs at least 2 different points (0.01 px apart or more), got 1")]
    [InlineData(1, """{ "type": "scar", "polyline": [[5,5],[5,5],[5,5]], "widthMm": 3 }""", "zones[1].polyline: a strip scar needs at least 2 different points (0.01 px apart or more), got 1")]
    [InlineData(2, """{ "type": "scar", "polyline": [[300,900],[1300,910]], "widthMm": 0 }""", "zones[2].widthMm: must be > 0")]
    [InlineData(2, """{ "type": "scar", "polyline": [[300,900],[1300,910]], "widthMm": -4 }""", "zones[2].widthMm: must be > 0")]
    [InlineData(2, """{ "type": "scar", "polyline": [[300,900],[1300,910]] }""", "zones[2].widthMm: required property is missing")]
    [InlineData(2, """{ "type": "scar", "points": [[300,900]], "diameterMm": 1, "marginMm": -3 }""", "zones[2].marginMm: must be >= 0")]
    [InlineData(2, """{ "type": "scar", "widthMm": 3 }""", "zones[2].polyline: required property is missing (or \"points\" for FUE dot scars)")]
    [InlineData(2, """{ "type": "scar", "polyline": [[0,0],[5,5]], "points": [[1,1]], "widthMm": 3 }""", "zones[2]: a scar has either \"polyline\" and \"widthMm\" (strip) or \"points\" and \"diameterMm\" (FUE dots), not both")]
    [InlineData(2, """{ "type": "scar", "polyline": [[0,0],[5,5]], "widthMm": 3, "exclude": 1 }""", "zones[2].exclude: must be true or false, not the number 1")]
    [InlineData(2, """{ "type": "mask", "path": "missing.png" }""", "zones[2].path: file not found: /plans/client/missing.png")]
    [InlineData(2, """{ "type": "mask", "path": "top-mask.png", "fit": "cover" }""", "zones[2].fit: must be one of \"exact\", \"stretch\", not the string \"cover\"")]
    [InlineData(2, """{ "type": "mask" }""", "zones[2].path: required property is missing")]
    [InlineData(2, "7", "zones[2]: must be an object, not the number 7")]
    public void Read_BadZone_ExactErrorWithPath(int index, string zone, string expected) =>
        Assert.Equal([expected], Errors(WithZone(index, zone)));

    [Theory]
    [InlineData("\"seed\": 1.5", "seed: must be an integer, not the number 1.5")]
    [InlineData("\"sessions\": 5", "sessions: must be between 1 and 4")]
    [InlineData("\"density\": { \"dotsPerCm2\": 0 }", "density.dotsPerCm2: must be between 1 and 400")]
    [InlineData("\"density\": { }", "density.dotsPerCm2: required property is missing")]
    [InlineData("\"dots\": { \"diameterMm\": 2 }", "dots.diameterMm: must be between 0.1 and 0.5")]
    [InlineData("\"dots\": { \"needle\": \"5rl\" }", "dots.needle: must be one of \"1rl\", \"3rl\", not the string \"5rl\"")]
    [InlineData("\"pigment\": { \"shade\": 6 }", "pigment.shade: must be \"auto\", an integer 1-5 or \"#rrggbb\", not the number 6")]
    [InlineData("\"pigment\": { \"shade\": \"#12345\" }", "pigment.shade: must be \"auto\", an integer 1-5 or \"#rrggbb\", not the string \"#12345\"")]
    [InlineData("\"pigment\": { \"look\": \"wet\" }", "pigment.look: must be one of \"healed\", \"fresh\", not the string \"wet\"")]
    [InlineData("\"fading\": { \"sun\": \"low\" }", "fading.years: required property is missing")]
    [InlineData("\"fading\": { \"years\": -1 }", "fading.years: must be between 0 and 50")]
    [InlineData("\"fading\": { \"years\": 2, \"skin\": \"greasy\" }", "fading.skin: must be one of \"oily\", \"normal\", \"dry\", not the string \"greasy\"")]
    [InlineData("\"hair\": { \"avoidExisting\": null }", "hair.avoidExisting: must be true or false, not null")]
    [InlineData("\"colour\": 1", "colour: unknown property (expected one of: version, scale, seed, density, dots, pigment, sessions, fading, hair, notes, zones)")]
    [InlineData("\"seed\": 1, \"seed\": 2", "seed: appears more than once")]
    public void Read_BadSetting_ExactErrorWithPath(string setting, string expected)
    {
        string json = $$"""{ "version": 1, "scale": { "pxPerMm": 5 }, {{setting}}, "zones": [ { "type": "region", "polygon": [[0,0],[9,0],[9,9]] } ] }""";
        Assert.Equal([expected], Errors(json));
    }

    [Theory]
    [InlineData("[]", "zones: needs at least one zone")]
    [InlineData("{}", "zones: must be an array of zones, not an object")]
    [InlineData("""[ { "type": "region", "polygon": [[0,0],[9,0],[9,9]], "exclude": true } ]""", "zones: needs at least one zone that is not \"exclude\": true")]
    public void Read_BadZoneList_ExactError(string zones, string expected) =>
        Assert.Equal([expected], Errors($$"""{ "version": 1, "scale": { "pxPerMm": 5 }, "zones": {{zones}} }"""));

    [Fact]
    public void Read_ManyErrors_AllCollectedInOrder_MessageIsTheFirst()
    {
        const string json = """
            { "version": 1, "scale": { "pxPerMm": -1 }, "sessions": 0, "extra": true,
              "zones": [ { "type": "scar", "polyline": [[0,0],[5,5]], "widthMm": -4 }, { "type": "hairline", "points": [[1,1]], "scalpSide": "up" } ] }
            """;
        var ex = Assert.Throws<PlanException>(() => Read(json));
        Assert.Equal(
            [
                "extra: unknown property (expected one of: version, scale, seed, density, dots, pigment, sessions, fading, hair, notes, zones)",
                "scale.pxPerMm: must be > 0",
                "sessions: must be between 1 and 4",
                "zones[0].widthMm: must be > 0",
                "zones[1].points: a hairline needs at least 2 points, got 1",
            ],
            ex.Errors.Select(e => e.ToString()));
        Assert.Equal("zones[0].widthMm", ex.Errors[3].Path);
        Assert.Equal("extra: unknown property (expected one of: version, scale, seed, density, dots, pigment, sessions, fading, hair, notes, zones) (and 4 more)", ex.Message);
    }

    [Fact]
    public void ReadFile_ResolvesMaskPathsAgainstThePlanFolder()
    {
        string folder = Path.Combine(Path.GetTempPath(), "smp-plan-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            File.WriteAllText(Path.Combine(folder, "top-mask.png"), "not read here");
            File.WriteAllText(Path.Combine(folder, "plan.json"), Example);
            Plan plan = PlanReader.ReadFile(Path.Combine(folder, "plan.json"));
            Assert.Equal(Path.Combine(folder, "top-mask.png"), ((MaskZone)plan.Zones[3]).Path);
            var missing = Assert.Throws<PlanException>(() => PlanReader.ReadFile(Path.Combine(folder, "nope.json")));
            Assert.StartsWith("cannot read ", missing.Message);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
