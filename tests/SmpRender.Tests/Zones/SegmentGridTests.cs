using SmpRender.Zones;

namespace SmpRender.Tests.Zones;

public class SegmentGridTests
{
    [Theory]
    [InlineData(8.0)]
    [InlineData(40.0)]
    [InlineData(130.0)]
    public void MinDistanceSquaredRun_EveryCellAndRow_BitIdenticalToThePerPixelSearch(double rangePx)
    {
        for (int seed = 0; seed < 4; seed++)
        {
            var random = new Random(seed);
            // A random closed polygon with some very short and some degenerate (zero-length) edges.
            var points = Enumerable.Range(0, 12).Select(_ => new Point2(random.NextDouble() * 300, random.NextDouble() * 200)).ToList();
            points.Insert(5, points[4]);
            var segments = points.Select((p, i) => (p, points[(i + 1) % points.Count])).ToList();
            var grid = new SegmentGrid(segments, rangePx, 0, 0, 300, 200);
            var run = new double[grid.CellSize];
            for (int y = 0; y < 200; y += 3)
            {
                int row = Math.Min(y / grid.CellSize, grid.Rows - 1);
                for (int column = 0; column < grid.Columns; column++)
                {
                    int xa = column * grid.CellSize, xb = Math.Min(300, xa + grid.CellSize);
                    ReadOnlySpan<SegmentGrid.Item> candidates = grid.Cell(column, row);
                    Span<double> actual = run.AsSpan(0, xb - xa);

                    grid.MinDistanceSquaredRun(candidates, xa + 0.5, y + 0.5, actual);

                    for (int x = xa; x < xb; x++)
                    {
                        Assert.Equal(grid.MinDistanceSquared(candidates, x + 0.5, y + 0.5), actual[x - xa]);
                    }
                }
            }
        }
    }
}
