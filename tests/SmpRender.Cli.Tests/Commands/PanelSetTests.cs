using SmpRender.Cli.Commands;

namespace SmpRender.Cli.Tests.Commands;

public sealed class PanelSetTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(3, 3)]
    [InlineData(8, 8)]
    [InlineData(9, 5)]
    [InlineData(13, 7)]
    [InlineData(17, 6)]
    [InlineData(64, 8)]
    public void Columns_ManyPanels_RowsOfAtMostEightAndAboutEqualLength(int count, int columns)
    {
        Assert.Equal(columns, PanelSet.Columns(count));
        int rows = (count + columns - 1) / columns;
        // The last row is at most one panel per row shorter than a full one.
        Assert.InRange(count - (rows - 1) * columns, columns - rows + 1, columns);
    }
}
