using SmpRender.Sampling;

namespace SmpRender.Tests.Sampling;

public sealed class DotFieldMetricsTests
{
    private static DotField Field(float[] x, float[] y, float spacing, double pxPerMm = 10) =>
        new(x, y, Enumerable.Repeat(spacing, x.Length).ToArray(), Enumerable.Repeat((byte)1, x.Length).ToArray(),
            Enumerable.Range(0, x.Length).ToArray(), x.Length, pxPerMm);

    [Fact]
    public void MinDistanceViolations_CloserThanSpacing_CountsThePair()
    {
        var field = Field([10, 11, 30], [10, 10, 10], 2);
        Assert.Equal(1, DotFieldMetrics.MinDistanceViolations(field));
    }

    [Fact]
    public void MinDistanceViolations_UsesTheSmallerSpacing()
    {
        var field = new DotField([10, 13], [10, 10], [2, 5], [1, 1], [0, 1], 2, 10);
        Assert.Equal(0, DotFieldMetrics.MinDistanceViolations(field));
    }

    [Fact]
    public void RelativeRadius_HexagonalLattice_IsOne()
    {
        // A hexagonal lattice of spacing d tiles the plane with cells of area √3/2·d²: ρ = 1 for a box of whole cells.
        double d = 10;
        var xs = new List<float>();
        var ys = new List<float>();
        int cols = 20, rows = 20;
        double rowStep = d * Math.Sqrt(3) / 2;
        for (int j = 0; j < rows; j++)
        {
            for (int i = 0; i < cols; i++)
            {
                xs.Add((float)(i * d + (j % 2) * d / 2 + 1));
                ys.Add((float)(j * rowStep + 1));
            }
        }
        var field = Field(xs.ToArray(), ys.ToArray(), 9);
        double rho = DotFieldMetrics.RelativeRadius(field, 1 - d / 4, 1 - rowStep / 2, 1 - d / 4 + cols * d, 1 - rowStep / 2 + rows * rowStep);
        Assert.Equal(1.0, rho, 3);
    }

    [Fact]
    public void DensityPerCm2_CountsDotsInTheBox()
    {
        // 10 px/mm: a 100x100 px box is 1 cm².
        var field = Field([5, 50, 99, 150], [5, 50, 99, 50], 1);
        Assert.Equal(3.0, DotFieldMetrics.DensityPerCm2(field, 0, 0, 100, 100), 9);
    }

    [Fact]
    public void Coverage_OneDot_IsTheDiscArea()
    {
        var field = Field([50], [50], 20);
        double coverage = DotFieldMetrics.Coverage(field, 0, 0, 100, 100, 0.5);
        Assert.Equal(Math.PI * 400 / 10_000, coverage, 2);
    }

    [Fact]
    public void LargestGap_TwoDots_IsTheFarthestCorner()
    {
        var field = Field([0, 100], [0, 100], 1);
        double gap = DotFieldMetrics.LargestGap(field, 0, 0, 100, 100, 1);
        Assert.InRange(gap, 99.0, 100.0);
    }
}
