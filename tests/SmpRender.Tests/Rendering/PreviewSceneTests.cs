using SmpRender.Compositing;
using SmpRender.Imaging;
using SmpRender.Imaging.Synthetic;
using SmpRender.Plans;
using SmpRender.Rendering;

namespace SmpRender.Tests.Rendering;

public class PreviewSceneTests
{
    private static SyntheticScalp Scalp() =>
        ScalpPhotoGenerator.Generate(ScalpPhotoOptions.ForMonk(5, 21) with { Width = 320, Height = 240, HeadWidthMm = 90 });

    private static Plan CrownPlan(SyntheticScalp s) =>
        PlanTemplates.Create(s.Photo.Width, s.Photo.Height, ZoneKind.Crown, PhysicalScale.FromPxPerMm(s.PxPerMm));

    [Fact]
    public void RenderInPlace_SameSelection_SamePixelsAsRenderOnACopy()
    {
        using SyntheticScalp s = Scalp();
        Plan plan = CrownPlan(s);
        var selection = SessionSelection.Only(2);
        using Photo expected = PreviewScene.Prepare(s.Photo, plan).Render(selection);
        using Photo photo = s.Photo.Clone();

        Photo actual = PreviewScene.Prepare(photo, plan).RenderInPlace(selection);

        Assert.Same(photo, actual);
        Assert.Equal(expected.Pixels.ToArray(), actual.Pixels.ToArray());
        Assert.NotEqual(s.Photo.Pixels.ToArray(), actual.Pixels.ToArray());
    }

    [Fact]
    public void Prepare_SoftPhoto_DotsGetThePhotosBlur()
    {
        // A photo blurred by 1.5 px: the scene measures that blur around the zones, and its pigment gives every dot at
        // least as much; a variant of the plan keeps it. The same photo sharp measures under the anti-aliasing blur.
        using SyntheticScalp s = ScalpPhotoGenerator.Generate(ScalpPhotoOptions.ForMonk(5, 3) with
        {
            Width = 1600, Height = 1200, HairDensity = 0.5, Noise = 4,
        });
        Plan plan = PlanTemplates.Create(s.Photo.Width, s.Photo.Height, ZoneKind.Top, PhysicalScale.FromPxPerMm(s.PxPerMm));
        using Photo soft = Imaging.PhotoBlurTests.GaussianBlur(s.Photo, 1.5);

        PreviewScene scene = PreviewScene.Prepare(soft, plan);

        Assert.Equal(PhotoBlur.Estimate(soft, scene.Density), scene.PhotoBlurPx);
        Assert.InRange(scene.PhotoBlurPx, 1.2, 2.0);
        Assert.Equal(scene.PhotoBlurPx, scene.Pigment().PhotoBlurPx);
        Assert.Equal(scene.PhotoBlurPx, scene.WithPlan(plan with { Seed = 5 }).Pigment().PhotoBlurPx);
        Assert.True(scene.Pigment().Appearance(0, 2, 0, s.PxPerMm).Sigma >= scene.PhotoBlurPx);
        Assert.InRange(PreviewScene.Prepare(s.Photo, plan).PhotoBlurPx, 0, 0.6);
    }

    [Fact]
    public void RenderInPlace_ThenAnotherRender_Throws()
    {
        using SyntheticScalp s = Scalp();
        using Photo photo = s.Photo.Clone();
        PreviewScene scene = PreviewScene.Prepare(photo, CrownPlan(s));

        scene.RenderInPlace();

        Assert.Throws<ObjectDisposedException>(() => scene.Render());
        Assert.Throws<ObjectDisposedException>(() => scene.RenderInPlace());
        Assert.Throws<ObjectDisposedException>(() => scene.WithPlan(scene.Plan));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Prepare_WithZonesRasterizedAhead_SameSceneAsFromThePlan(bool avoidHairs)
    {
        using SyntheticScalp s = Scalp();
        Plan plan = CrownPlan(s);
        if (avoidHairs)
        {
            plan = plan with { Hair = new HairSettings(AvoidExisting: true) };
        }
        PreviewScene expected = PreviewScene.Prepare(s.Photo, plan);
        using Photo expectedRender = expected.Render();

        SceneZones zones = SceneZones.RasterizeAndSample(plan, s.Photo.Width, s.Photo.Height);
        PreviewScene actual = PreviewScene.Prepare(s.Photo, zones);
        // The same in separate steps: zones, the analysis of the photo, the dots, then the scene.
        SceneZones rasterized = SceneZones.Rasterize(plan, s.Photo.Width, s.Photo.Height);
        SceneAnalysis analysis = PreviewScene.Analyze(s.Photo, rasterized);
        SceneZones sampled = rasterized.WithSampledDots();
        PreviewScene stepwise = PreviewScene.Prepare(s.Photo, sampled, analysis);

        Assert.Equal(avoidHairs, zones.DotsNeedPhoto);
        Assert.Equal(avoidHairs, zones.SampledDots is null);
        Assert.Equal(avoidHairs, sampled.SampledDots is null);
        Assert.Null(rasterized.SampledDots);
        foreach (PreviewScene scene in new[] { actual, stepwise })
        {
            using Photo render = scene.Render();
            Assert.Equal(expected.Density.Values.ToArray(), scene.Density.Values.ToArray());
            Assert.Equal(expected.Skin, scene.Skin);
            Assert.Equal(expected.Hair, scene.Hair);
            Assert.Equal(expected.HairPointCount, scene.HairPointCount);
            Assert.Equal(expected.Dots.X.ToArray(), scene.Dots.X.ToArray());
            Assert.Equal(expected.Dots.Y.ToArray(), scene.Dots.Y.ToArray());
            Assert.Equal(expectedRender.Pixels.ToArray(), render.Pixels.ToArray());
        }
    }

    [Fact]
    public void Prepare_ZonesOfAnotherPhotoSize_Throws()
    {
        using SyntheticScalp s = Scalp();
        SceneZones zones = SceneZones.Rasterize(CrownPlan(s), s.Photo.Width + 1, s.Photo.Height);

        var ex = Assert.Throws<ArgumentException>(() => PreviewScene.Prepare(s.Photo, zones));
        var analyzing = Assert.Throws<ArgumentException>(() => PreviewScene.Analyze(s.Photo, zones));

        Assert.Equal("photo", ex.ParamName);
        Assert.Contains("321x240", ex.Message);
        Assert.Equal("photo", analyzing.ParamName);
    }

    [Fact]
    public void Prepare_AnalysisOfOtherZones_Throws()
    {
        using SyntheticScalp s = Scalp();
        Plan plan = CrownPlan(s);
        SceneZones zones = SceneZones.Rasterize(plan, s.Photo.Width, s.Photo.Height);
        SceneZones others = SceneZones.Rasterize(plan, s.Photo.Width, s.Photo.Height);

        var ex = Assert.Throws<ArgumentException>(() => PreviewScene.Prepare(s.Photo, zones, PreviewScene.Analyze(s.Photo, others)));

        Assert.Equal("analysis", ex.ParamName);
    }
}
