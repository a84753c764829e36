using System.Text.Json;
using SmpRender.Color;
using SmpRender.Imaging;
using SmpRender.Plans;
using SmpRender.Sampling;

namespace SmpRender.Cli.Tests.Commands;

public sealed class InspectSkinToneTests : IDisposable
{
    private readonly CliWorkspace _ws = new();

    public void Dispose() => _ws.Dispose();

    private static (SkinTone Skin, HairColor? Hair, BlurReading Blur) Expected(string photoPath, string? planPath)
    {
        using Photo photo = CliWorkspace.Read(photoPath);
        DensityMap? zones = planPath is null ? null : PlanRasterizer.Rasterize(PlanReader.ReadFile(planPath), photo.Width, photo.Height);
        SkinTone skin = SkinToneAnalyzer.Analyze(photo, zones);
        return (skin, SkinToneAnalyzer.AnalyzeHair(photo, zones, skin), PhotoBlur.Read(photo, zones));
    }

    private static void AssertReports(JsonElement root, SkinTone skin, HairColor? hair, BlurReading blur)
    {
        Assert.Equal(Math.Round(blur.SigmaPx, 2), root.GetProperty("photoBlurPx").GetDouble());
        Assert.Equal(blur.Spots, root.GetProperty("photoBlurSpots").GetInt32());
        JsonElement tone = root.GetProperty("skinTone");
        Assert.Equal(["lab", "ita", "itaClass", "monk"], tone.EnumerateObject().Select(p => p.Name));
        double[] lab = [.. tone.GetProperty("lab").EnumerateArray().Select(e => e.GetDouble())];
        Assert.Equal([Math.Round(skin.Lab.L, 2), Math.Round(skin.Lab.A, 2), Math.Round(skin.Lab.B, 2)], lab);
        Assert.Equal(Math.Round(skin.Ita, 1), tone.GetProperty("ita").GetDouble());
        Assert.Equal(skin.ItaClass.ToString(), tone.GetProperty("itaClass").GetString());
        Assert.Equal(skin.Monk, tone.GetProperty("monk").GetInt32());
        if (hair is null)
        {
            Assert.False(root.TryGetProperty("hairColor", out _));
        }
        else
        {
            Assert.Equal(hair.Srgb.ToHex(), root.GetProperty("hairColor").GetString());
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(6)]
    [InlineData(9)]
    public void Inspect_Plan_ReportsTheSkinToneInsideTheZones(int monk)
    {
        string photo = _ws.Photo($"monk{monk}.png", monk: monk, seed: (ulong)monk);
        string plan = _ws.CrownPlan("crown.plan.json");
        var (code, stdout, stderr) = CliWorkspace.Run("inspect", photo, "--plan", plan, "--json");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        var (skin, hair, blur) = Expected(photo, plan);
        AssertReports(json.RootElement, skin, hair, blur);
        // The generated skin is a known Monk swatch: the reported level is that one or a neighbour.
        Assert.InRange(json.RootElement.GetProperty("skinTone").GetProperty("monk").GetInt32(), monk - 1, monk + 1);
    }

    [Fact]
    public void Inspect_Skin_WithoutPlan_UsesTheCentreOfThePhoto()
    {
        string photo = _ws.Photo("client.png", monk: 5, seed: 3);
        var (code, stdout, stderr) = CliWorkspace.Run("inspect", photo, "--skin", "--json");
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        using JsonDocument json = JsonDocument.Parse(stdout);
        var (skin, hair, blur) = Expected(photo, null);
        AssertReports(json.RootElement, skin, hair, blur);
    }

    [Fact]
    public void Inspect_ZoneOnTheStubble_ReportsAHairColourDarkerThanTheSkin()
    {
        string photo = _ws.Photo("client.png", monk: 3, seed: 11);
        // The generated head has stubble on its lower sides and a bald top.
        string plan = _ws.CrownPlan("side.plan.json", center: (60, 180));
        var (code, stdout, _) = CliWorkspace.Run("inspect", photo, "--plan", plan, "--json");
        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(stdout);
        string hex = json.RootElement.GetProperty("hairColor").GetString()!;
        Assert.Matches("^#[0-9a-f]{6}$", hex);
        double hairL = Rgb8.FromHex(hex).ToLab().L;
        double skinL = json.RootElement.GetProperty("skinTone").GetProperty("lab")[0].GetDouble();
        Assert.True(hairL < skinL - 20, $"hair L* {hairL} vs skin L* {skinL}");
    }

    [Fact]
    public void Inspect_WithoutPlanOrSkin_DoesNotEstimateTheSkin()
    {
        string photo = _ws.Photo("client.jpg", 80, 60);
        var (code, stdout, _) = CliWorkspace.Run("inspect", photo, "--json");
        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(stdout);
        Assert.False(json.RootElement.TryGetProperty("skinTone", out _));
        Assert.False(json.RootElement.TryGetProperty("hairColor", out _));
        Assert.False(json.RootElement.TryGetProperty("photoBlurPx", out _));
        Assert.False(json.RootElement.TryGetProperty("photoBlurSpots", out _));
    }

    [Fact]
    public void Inspect_Text_WithPlan_AddsSkinAndHairLines()
    {
        // A crown large enough for the blur to be measured on the generated skin's pores.
        string photo = _ws.Photo("client.png", 640, 480, monk: 7, seed: 2);
        string plan = _ws.Text("crown.plan.json", """
            { "version": 1, "scale": { "pxPerMm": 2 }, "zones": [ { "type": "crown", "center": [320, 240], "radiiMm": [120, 100] } ] }
            """);
        var (code, stdout, stderr) = CliWorkspace.Run("inspect", photo, "--plan", plan);
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        string[] lines = CliWorkspace.Lines(stdout);
        Assert.Equal(12, lines.Length);
        var (skin, hair, blur) = Expected(photo, plan);
        Assert.Equal(
            FormattableString.Invariant($"  skin tone     L*a*b* {skin.Lab.L:0.0} {skin.Lab.A:0.0} {skin.Lab.B:0.0}, ITA {skin.Ita:0.0}° ({skin.ItaClass}), Monk {skin.Monk}"),
            lines[9]);
        Assert.Equal($"  hair colour   {hair?.Srgb.ToHex() ?? "none found"}", lines[10]);
        Assert.True(blur.Measured, $"{blur.Spots} spots");
        Assert.Equal(FormattableString.Invariant($"  photo blur    {blur.SigmaPx:0.00} px (dots are blurred as much)"), lines[11]);
    }

    [Fact]
    public void Inspect_PhotoWithNothingSmall_SaysTheBlurIsNotMeasured()
    {
        // A plain photo has no spot to measure: not "0.00 px", which would read as perfectly sharp.
        string photo = _ws.Plain("plain.png", 320, 240, 200, 160, 140);
        string plan = _ws.CrownPlan("crown.plan.json");
        var (code, stdout, stderr) = CliWorkspace.Run("inspect", photo, "--plan", plan);
        Assert.Equal(0, code);
        Assert.Equal("", stderr);
        Assert.Equal($"  photo blur    not measured: 0 small spots, {PhotoBlur.MinSpots} needed (dots keep their own softness)", CliWorkspace.Lines(stdout)[11]);
        (code, stdout, _) = CliWorkspace.Run("inspect", photo, "--plan", plan, "--json");
        Assert.Equal(0, code);
        using JsonDocument json = JsonDocument.Parse(stdout);
        Assert.Equal(0, json.RootElement.GetProperty("photoBlurPx").GetDouble());
        Assert.Equal(0, json.RootElement.GetProperty("photoBlurSpots").GetInt32());
    }

    [Fact]
    public void Inspect_PlanWithError_IsBadInputNamingTheJsonPath()
    {
        string photo = _ws.Photo("client.jpg", 80, 60);
        string plan = _ws.Text("bad.plan.json", """{ "version": 1, "scale": { "pxPerMm": -2 }, "zones": [ { "type": "crown", "center": [40, 30], "radiiMm": [5, 5] } ] }""");
        var (code, stdout, stderr) = CliWorkspace.Run("inspect", photo, "--plan", plan, "--json");
        Assert.Equal((int)ExitCode.BadInput, code);
        Assert.Equal("", stdout);
        string line = Assert.Single(CliWorkspace.Lines(stderr));
        Assert.StartsWith($"smp: {plan}: ", line);
        Assert.Contains("scale.pxPerMm", line);
    }

    [Fact]
    public void Inspect_PlanZonesOutsideThePhoto_IsBadInputNotAnInternalError()
    {
        string photo = _ws.Photo("client.jpg", 80, 60);
        string plan = _ws.Text("far.plan.json", """{ "version": 1, "scale": { "pxPerMm": 2 }, "zones": [ { "type": "crown", "center": [5000, 5000], "radiiMm": [5, 5] } ] }""");
        var (code, stdout, stderr) = CliWorkspace.Run("inspect", photo, "--plan", plan);
        Assert.Equal((int)ExitCode.BadInput, code);
        Assert.Equal("", stdout);
        string line = Assert.Single(CliWorkspace.Lines(stderr));
        Assert.Equal($"smp: {plan}: its zones cover no pixel of the 80x60 photo {photo}", line);
    }
}
