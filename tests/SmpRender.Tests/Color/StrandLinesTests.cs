using SmpRender.Color;
using SmpRender.Imaging;

namespace SmpRender.Tests.Color;

public class StrandLinesTests
{
    private static readonly Rgb8 DeepSkin = MonkSkinTone.Swatch(9);
    private static readonly Rgb8 LightSkin = MonkSkinTone.Swatch(2);
    private static readonly Rgb8 Grey = Rgb8.FromHex("#aeaaa5");
    private static readonly Rgb8 Dark = Rgb8.FromHex("#2a221d");

    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(67.5, 0.5)]
    [InlineData(135.0, 0.5)]
    [InlineData(30.0, 0.1)]
    [InlineData(100.0, 0.1)]
    public void Vote_LightStrandOnDeepSkin_PositiveDarkStrandOnLightSkin_Negative(double degrees, float share)
    {
        // A strand one pixel wide through the centre at 10 px/mm (a hair of 0.1 mm). Along one of the operator's 8
        // directions it stands out by about its whole contrast; between two of them, so thin a strand leaves each
        // segment before its ends and stands out less, but on the same side.
        using Photo light = Strand(DeepSkin, Grey, degrees);
        using Photo dark = Strand(LightSkin, Dark, degrees);

        float onLight = new StrandLines(light, 10).Vote(32, 32);
        float onDark = new StrandLines(dark, 10).Vote(32, 32);

        // Contrast in brightness (luminance to the power 0.75).
        float lightContrast = StrandLines.Brightness(Grey.R, Grey.G, Grey.B) - StrandLines.Brightness(DeepSkin.R, DeepSkin.G, DeepSkin.B);
        float darkContrast = StrandLines.Brightness(LightSkin.R, LightSkin.G, LightSkin.B) - StrandLines.Brightness(Dark.R, Dark.G, Dark.B);
        Assert.True(onLight >= share * lightContrast && onLight <= 1.01f * lightContrast, $"light {onLight} of {lightContrast}");
        Assert.True(onDark <= -share * darkContrast && onDark >= -1.01f * darkContrast, $"dark {onDark} of {darkContrast}");
    }

    [Fact]
    public void Vote_UniformSkin_Zero()
    {
        using Photo photo = Photo.Filled(64, 64, DeepSkin.R, DeepSkin.G, DeepSkin.B);

        Assert.Equal(0f, new StrandLines(photo, 10).Vote(32, 32), 1e-6f);
        // Near the edge, where points are read at the edge.
        Assert.Equal(0f, new StrandLines(photo, 10).Vote(1, 62), 1e-6f);
    }

    [Fact]
    public void Vote_RoundPore_FarBelowAStrandOfTheSameContrast()
    {
        // A dark round spot 3 px across (a pore at 10 px/mm) moves every direction's mean alike.
        using Photo pore = Photo.Filled(64, 64, LightSkin.R, LightSkin.G, LightSkin.B);
        for (int y = 31; y <= 33; y++)
        {
            for (int x = 31; x <= 33; x++)
            {
                Set(pore, x, y, Dark);
            }
        }
        using Photo strand = Strand(LightSkin, Dark, 30);

        float porevote = new StrandLines(pore, 10).Vote(32, 32);
        float strandVote = new StrandLines(strand, 10).Vote(32, 32);

        Assert.True(Math.Abs(porevote) < 0.25 * Math.Abs(strandVote), $"pore {porevote}, strand {strandVote}");
    }

    [Theory]
    [InlineData(100, 0, 0, false)]
    [InlineData(80, 20, 0, true)]
    [InlineData(86, 14, 0, false)]
    [InlineData(70, 16, 14, true)]
    [InlineData(70, 14, 16, false)]
    [InlineData(60, 0, 40, false)]
    public void StrandTally_LightStrands_WhenEnoughVotesStandOutAndTheLightOnesOutweigh(int noise, int light, int dark, bool expected)
    {
        // Votes under the noise level (of either sign) count only toward the total; strong votes of equal size.
        var tally = new StrandTally();
        for (int i = 0; i < noise; i++)
        {
            tally.Add((i % 2 == 0 ? 0.9f : -0.95f) * StrandTally.StrongVote);
        }
        for (int i = 0; i < light; i++)
        {
            tally.Add(3 * StrandTally.StrongVote);
        }
        for (int i = 0; i < dark; i++)
        {
            tally.Add(-3 * StrandTally.StrongVote);
        }

        Assert.Equal(noise + light + dark, tally.Count);
        Assert.Equal(light + dark, tally.Strong);
        Assert.Equal(expected, tally.LightStrands);
    }

    private static Photo Strand(Rgb8 skin, Rgb8 hair, double degrees)
    {
        Photo photo = Photo.Filled(64, 64, skin.R, skin.G, skin.B);
        double a = degrees * Math.PI / 180, dx = Math.Cos(a), dy = Math.Sin(a);
        for (int t = -40; t <= 40; t++)
        {
            // One pixel per step along the longer axis.
            double s = t / Math.Max(Math.Abs(dx), Math.Abs(dy));
            int x = (int)Math.Round(32 + s * dx), y = (int)Math.Round(32 + s * dy);
            if ((uint)x < 64 && (uint)y < 64)
            {
                Set(photo, x, y, hair);
            }
        }
        return photo;
    }

    private static void Set(Photo photo, int x, int y, Rgb8 c)
    {
        Span<byte> row = photo.Row(y);
        (row[x * 4], row[x * 4 + 1], row[x * 4 + 2]) = (c.R, c.G, c.B);
    }
}
