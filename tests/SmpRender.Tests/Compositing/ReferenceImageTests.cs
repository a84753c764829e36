using SmpRender.Color;
using SmpRender.Compositing;
using SmpRender.Imaging;
using SmpRender.Imaging.Synthetic;
using SmpRender.Pigment;
using SmpRender.Sampling;
using SmpRender.Tests.Approval;

namespace SmpRender.Tests.Compositing;

/// <summary>
/// Reference images of whole renders on a generated 256×256 close-up scalp (60 mm across, ~3.6 px/mm), with a
/// jittered-grid dot placement and hand-made density maps.
/// </summary>
public class ReferenceImageTests
{
    private static SyntheticScalp Scalp(int monk, ulong seed, SyntheticScar scar = SyntheticScar.None) =>
        ScalpPhotoGenerator.Generate(ScalpPhotoOptions.ForMonk(monk, seed) with { Width = 256, Height = 256, HeadWidthMm = 60, Scar = scar });

    [Fact]
    public void Render_Crown_MatchesApproved()
    {
        using SyntheticScalp s = Scalp(4, 31);
        DensityMap map = s.ZoneMap(new HeadEllipse(0.05, 0.2, 0.45, 0.42), feather: 0.35);
        Verify(s, map, "crown", sessions: 3);
    }

    [Fact]
    public void Render_Hairline_MatchesApproved()
    {
        using SyntheticScalp s = Scalp(6, 32);
        int w = s.Photo.Width, h = s.Photo.Height;
        var values = new float[w * h];
        for (int y = 0; y < h; y++)
        {
            for (int x = 0; x < w; x++)
            {
                (double u, double v) = s.ToHead(x + 0.5, y + 0.5);
                if (u * u + v * v >= 1)
                {
                    continue;
                }
                // A gently undulating line at v ≈ −0.55 with a soft 0.25-wide transition behind it.
                double line = -0.55 + 0.12 * u * u + 0.02 * Math.Sin(u * 9);
                double t = Math.Clamp((v - line) / 0.25, 0, 1);
                values[y * w + x] = (float)(t * t * (3 - 2 * t));
            }
        }
        var map = new DensityMap(w, h, s.PxPerMm, values);
        Verify(s, map, "hairline", sessions: 3);
    }

    [Fact]
    public void Render_FutScar_MatchesApproved()
    {
        using SyntheticScalp s = Scalp(3, 33, SyntheticScar.FutStrip);
        DensityMap map = s.ZoneMap(new HeadEllipse(0, 0.65, 0.9, 0.35), feather: 0.2);
        Verify(s, map, "fut-scar", sessions: 2);
    }

    private static void Verify(SyntheticScalp s, DensityMap map, string name, int sessions)
    {
        // 0.75 mm cells: about 1.8 dots per mm², the cumulative density of three sessions.
        DotField dots = TestDots.JitteredGrid(map, 0.75, 77, sessions);
        SkinTone skin = SkinToneAnalyzer.Analyze(s.Photo, map);
        var model = new PigmentModel(new PigmentOptions(seed: 5), skin, SkinToneAnalyzer.AnalyzeHair(s.Photo, map, skin));
        using Photo after = s.Photo.Clone();
        DotCompositor.Apply(after, dots, model, map);
        Approvals.Verify(after, name);
    }
}
