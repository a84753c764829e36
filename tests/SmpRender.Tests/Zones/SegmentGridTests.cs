using SmpRender.Zones;

namespace SmpRender.Tests.Zones;

public class SegmentGridTests
{
    [Theory]
    [InlineData(5)]
    [InlineData(40)]
    public void Crossings_EveryRowOfRandomPolygons_TheSortedCrossingsOfEveryEdge(int vertices)
    {
        // 5 vertices give a few crossings a row (the short sort), 40 random ones up to about 40 (the general sort).
        for (int seed = 0; seed < 6; seed++)
        {
            var random = new Random(seed);
            var points = Enumerable.Range(0, vertices).Select(_ => new Point2(random.NextDouble() * 300, random.NextDouble() * 200)).ToArray();
            var polygon = new ScanlinePolygon(points);
            var crossings = new double[vertices];
            for (int row = 0; row < 200; row++)
            {
                double y = row + 0.5;
                var expected = new List<double>();
                for (int i = 0, j = vertices - 1; i < vertices; j = i++)
                {
                    Point2 a = points[j], b = points[i];
                    if ((a.Y <= y) != (b.Y <= y))
                    {
                        expected.Add(a.X + (y - a.Y) * (b.X - a.X) / (b.Y - a.Y));
                    }
                }
                expected.Sort();

                int n = polygon.Crossings(row, crossings);

                Assert.Equal(expected, crossings[..n]);
            }
        }
    }

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
