using SmpRender.Plans;
using SmpRender.Sampling;
using SmpRender.Zones;

namespace SmpRender.Tests.Plans;

public sealed class PlanWriterTests
{
    private static bool Exists(string path) => path.EndsWith(".png", StringComparison.Ordinal);

    private const string Everything = """
        { "version": 1, "scale": { "ruler": [[100.5, 100], [400, 500]], "mm": 50 }, "seed": 9007199254740993,
          "density": { "dotsPerCm2": 72.5 }, "dots": { "diameterMm": 0.2, "needle": "3rl" }, "pigment": { "shade": "#1a2b3c", "look": "fresh" },
          "sessions": 2, "fading": { "years": 5, "sun": "high", "skin": "dry" }, "hair": { "avoidExisting": true }, "notes": "Zoë \"quoted\"\n",
          "zones": [
            { "type": "hairline", "points": [[0,50],[100,40.25]], "scalpSide": [50, 0], "style": "natural", "bandDepthMm": 25,
              "transitionMm": 6, "undulationMm": 1, "asymmetryMm": 0.5, "microMm": 3, "bandOnly": true },
            { "type": "hairline", "points": [[50,0],[40,100]], "scalpSide": "left" },
            { "type": "crown", "center": [50,50], "radiiPx": [30,20], "angleDeg": 15, "featherMm": 0, "whorl": [52, 48] },
            { "type": "crown", "center": [50,50], "radiiMm": [3,2] },
            { "type": "scar", "points": [[10,10],[20,20]], "diameterMm": 0.9, "marginMm": 2, "featherMm": 1 },
            { "type": "scar", "polyline": [[10,10],[20,20]], "widthMm": 3 },
            { "type": "region", "polygon": [[0,0],[9,0],[9,9]], "featherMm": 2.5, "exclude": true },
            { "type": "mask", "path": "/masks/a b.png", "fit": "stretch", "exclude": true }
          ] }
        """;

    [Fact]
    public void Write_ThenRead_RoundTripsEverySetting()
    {
        Plan plan = PlanReader.Read(Everything, "/plans", Exists);
        string written = PlanWriter.Write(plan);
        Plan again = PlanReader.Read(written, "/elsewhere", Exists);
        Assert.Equal(written, PlanWriter.Write(again));
        Assert.Equal(plan.Scale.PxPerMm, again.Scale.PxPerMm);
        Assert.Equal(plan.Scale.Ruler, again.Scale.Ruler);
        Assert.Equal(9007199254740993, again.Seed);
        Assert.Equal((plan.Density, plan.Dots, plan.Pigment, plan.Sessions, plan.Fading, plan.Hair, plan.Notes),
            (again.Density, again.Dots, again.Pigment, again.Sessions, again.Fading, again.Hair, again.Notes));
        Assert.Equal(plan.Zones.Count, again.Zones.Count);
        // Zones hold lists (compared by reference), so compare what they rasterize to.
        MaskImage mask = new(40, 30, Enumerable.Range(0, 1200).Select(i => (i % 7) / 6f).ToArray());
        DensityMap a = PlanRasterizer.Rasterize(plan, 120, 90, _ => mask), b = PlanRasterizer.Rasterize(again, 120, 90, _ => mask);
        Assert.True(a.Values.SequenceEqual(b.Values));
        Assert.True(a.Scar.SequenceEqual(b.Scar));
    }

    [Fact]
    public void Write_IssueExample_ReadableLayout()
    {
        Plan plan = PlanReader.Read(PlanReaderTests.Example, "/plans/client", p => p == "/plans/client/top-mask.png");
        Assert.Equal("""
            {
              "version": 1,
              "scale": { "pxPerMm": 8.5 },
              "seed": 7,
              "density": { "dotsPerCm2": 90 },
              "dots": { "diameterMm": 0.25 },
              "pigment": { "shade": "auto", "look": "healed" },
              "sessions": 3,
              "zones": [
                { "type": "hairline", "points": [[410, 620], [800, 540], [1190, 610]], "scalpSide": "up", "style": "soft" },
                { "type": "crown", "center": [820, 300], "radiiMm": [45, 38], "featherMm": 12 },
                { "type": "scar", "polyline": [[300, 900], [1300, 910]], "widthMm": 4, "marginMm": 3, "featherMm": 3 },
                { "type": "mask", "path": "/plans/client/top-mask.png" },
                { "type": "region", "polygon": [[0, 0], [200, 0], [200, 150]], "featherMm": 4, "exclude": true }
              ]
            }

            """, PlanWriter.Write(plan));
    }

    [Fact]
    public void Write_HeadWidthScale_KeepsTheEstimate()
    {
        Plan plan = PlanTemplates.Create(1500, 1000, ZoneKind.Crown);
        Plan again = PlanReader.Read(PlanWriter.Write(plan), "/", _ => true);
        Assert.Equal(ScaleSource.HeadWidth, again.Scale.Source);
        Assert.Equal(1200, again.Scale.HeadWidthPx);
        Assert.Equal(8, again.Scale.PxPerMm);
        Assert.NotNull(again.Scale.Warning);
    }
}
