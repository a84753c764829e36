using SmpRender.Color;

namespace SmpRender.Tests.Color;

public class SkinScaleTests
{
    [Theory]
    [InlineData(70, 10, 63.43)]
    [InlineData(50, 15, 0)]
    [InlineData(30, 10, -63.43)]
    public void Ita_KnownLab_MatchesFormula(double l, double b, double expected)
    {
        Assert.Equal(expected, Ita.Of(new Lab(l, 5, b)), 2);
    }

    [Theory]
    [InlineData(60, ItaClass.VeryLight)]
    [InlineData(55, ItaClass.Light)]
    [InlineData(41.5, ItaClass.Light)]
    [InlineData(41, ItaClass.Intermediate)]
    [InlineData(28.5, ItaClass.Intermediate)]
    [InlineData(20, ItaClass.Tan)]
    [InlineData(10, ItaClass.Brown)]
    [InlineData(-30, ItaClass.Brown)]
    [InlineData(-30.5, ItaClass.Dark)]
    public void Classify_Boundaries_FollowPublishedClasses(double ita, ItaClass expected)
    {
        Assert.Equal(expected, Ita.Classify(ita));
    }

    [Fact]
    public void Monk_Swatches_GetDarkerWithLevel()
    {
        for (int level = 2; level <= MonkSkinTone.Levels; level++)
        {
            Assert.True(MonkSkinTone.LabOf(level).L < MonkSkinTone.LabOf(level - 1).L + 2.5,
                $"level {level} L* {MonkSkinTone.LabOf(level).L:0.0} vs {MonkSkinTone.LabOf(level - 1).L:0.0}");
        }
        Assert.True(MonkSkinTone.LabOf(10).L < 20);
        Assert.True(MonkSkinTone.LabOf(1).L > 90);
    }

    [Fact]
    public void Nearest_EachSwatchAndSlightlyShifted_ReturnsItsLevel()
    {
        for (int level = 1; level <= MonkSkinTone.Levels; level++)
        {
            Lab lab = MonkSkinTone.LabOf(level);
            Assert.Equal(level, MonkSkinTone.Nearest(lab));
            Assert.Equal(level, MonkSkinTone.Nearest(lab with { L = lab.L + 0.4 }));
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => MonkSkinTone.Swatch(11));
    }
}
