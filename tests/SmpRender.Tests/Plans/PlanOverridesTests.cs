using SmpRender.Plans;
using SmpRender.Zones;
using SmpRender.Pigment;

namespace SmpRender.Tests.Plans;

public sealed class PlanOverridesTests
{
    private static readonly Plan Base = new(PhysicalScale.FromPxPerMm(8), [new RegionZone([new(0, 0), new(9, 0), new(9, 9)])]);

    [Fact]
    public void Apply_EachKey_SetsItsSetting()
    {
        Assert.Equal(60, PlanOverrides.Apply(Base, "density", "60").Density.DotsPerCm2);
        Assert.Equal(Shade.Level(2), PlanOverrides.Apply(Base, "shade", "2").Pigment.Shade);
        Assert.Equal(Shade.Color(0x20, 0x21, 0x22), PlanOverrides.Apply(Base, "shade", "#202122").Pigment.Shade);
        Assert.Equal(Shade.Auto, PlanOverrides.Apply(PlanOverrides.Apply(Base, "shade", "3"), "shade", "auto").Pigment.Shade);
        Assert.Equal(PigmentLook.Fresh, PlanOverrides.Apply(Base, "look", "fresh").Pigment.Look);
        Assert.Equal(1, PlanOverrides.Apply(Base, "sessions", "1").Sessions);
        Assert.Equal(-5, PlanOverrides.Apply(Base, "seed", "-5").Seed);
        Assert.Equal(0.2, PlanOverrides.Apply(Base, "diameter", "0.2").Dots.DiameterMm);
        Assert.Equal(new FadingSettings(4), PlanOverrides.Apply(Base, "years", "4").Fading);
        // Everything else is untouched.
        Plan denser = PlanOverrides.Apply(Base, "density", "60");
        Assert.Equal((Base.Pigment, Base.Sessions, Base.Seed, Base.Dots), (denser.Pigment, denser.Sessions, denser.Seed, denser.Dots));
        Assert.Same(Base.Zones, denser.Zones);
    }

    [Theory]
    [InlineData("density", "lots", "density: must be a number between 1 and 400, not \"lots\"")]
    [InlineData("density", "0", "density: must be a number between 1 and 400, not \"0\"")]
    [InlineData("shade", "6", "shade: must be auto, 1-5 or #rrggbb, not \"6\"")]
    [InlineData("sessions", "5", "sessions: must be an integer between 1 and 4, not \"5\"")]
    [InlineData("look", "wet", "look: must be healed or fresh, not \"wet\"")]
    [InlineData("colour", "red", "colour: unknown setting (expected one of: density, shade, look, sessions, seed, diameter, years)")]
    public void Apply_BadValue_ExactError(string key, string value, string expected) =>
        Assert.Equal(expected, Assert.Throws<PlanException>(() => PlanOverrides.Apply(Base, key, value)).Message);

    [Fact]
    public void Expand_TwoVariations_CartesianProductFirstSlowest()
    {
        PlanVariation density = PlanOverrides.ParseVariation("density=60,90");
        PlanVariation shade = PlanOverrides.ParseVariation("shade= 2 ,3");
        Assert.Equal(["60", "90"], density.Values);
        var variants = PlanOverrides.Expand(Base, [density, shade]);
        Assert.Equal(["density=60 shade=2", "density=60 shade=3", "density=90 shade=2", "density=90 shade=3"], variants.Select(v => v.Label));
        Assert.Equal((90.0, 3), (variants[3].Plan.Density.DotsPerCm2, variants[3].Plan.Pigment.Shade.LevelValue));
        Assert.Same(Base, Assert.Single(PlanOverrides.Expand(Base, [])).Plan);
    }

    [Theory]
    [InlineData("density", ": \"density\" must look like key=value1,value2 (keys: density, shade, look, sessions, seed, diameter, years)")]
    [InlineData("density=60,,90", "density: empty value in \"density=60,,90\"")]
    [InlineData("size=1", "size: unknown setting (expected one of: density, shade, look, sessions, seed, diameter, years)")]
    public void ParseVariation_Malformed_ExactError(string spec, string expected) =>
        Assert.Equal(expected.TrimStart(':', ' '), Assert.Throws<PlanException>(() => PlanOverrides.ParseVariation(spec)).Message);

    [Fact]
    public void Merge_JsonObject_MergesAndValidatesWithPaths()
    {
        Plan merged = PlanOverrides.Merge(Base, """{ "density": { "dotsPerCm2": 70 }, "pigment": { "look": "fresh" }, "seed": 4 }""", "/");
        Assert.Equal((70.0, PigmentLook.Fresh, Shade.Auto, 4L), (merged.Density.DotsPerCm2, merged.Pigment.Look, merged.Pigment.Shade, merged.Seed));
        Plan noFading = PlanOverrides.Merge(Base.With(fading: new FadingSettings(3)), """{ "fading": null }""", "/");
        Assert.Null(noFading.Fading);
        var ex = Assert.Throws<PlanException>(() => PlanOverrides.Merge(Base, """{ "sessions": 9, "zones": [ { "type": "blob" } ] }""", "/"));
        Assert.Equal(["sessions: must be between 1 and 4", "zones[0].type: unknown zone type \"blob\" (expected one of: hairline, crown, region, scar, mask)"],
            ex.Errors.Select(e => e.ToString()));
        Assert.Equal("override must be a JSON object", Assert.Throws<PlanException>(() => PlanOverrides.Merge(Base, "[1]", "/")).Message);
    }

    [Fact]
    public void With_InvalidValue_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Base.With(sessions: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Base.With(dotsPerCm2: -1));
        Assert.Throws<ArgumentException>(() => Base with { Zones = [new RegionZone([new(0, 0), new(9, 0), new(9, 9)]) { Exclude = true }] });
    }
}
