using SmpRender.Sampling;

namespace SmpRender.Tests.Sampling;

public sealed partial class PoissonDiscSamplerTests
{
    private static readonly double[] Shares = [0.5, 0.3, 0.2];

    private static DotField ThreeSessions(ulong seed, out double side, out double margin)
    {
        const double pxPerMm = 6;
        side = 600; // 100 mm
        margin = 30;
        return Sampler.Sample(DensityMap.Uniform((int)side, (int)side, pxPerMm), new PoissonDiscOptions(100, seed, SessionShares: Shares));
    }

    [Fact]
    public void Sample_Sessions_SharesAndUnionsAsAsked()
    {
        for (ulong seed = 0; seed < 3; seed++)
        {
            DotField field = ThreeSessions(seed, out double side, out double m);
            Assert.Equal(0, DotFieldMetrics.MinDistanceViolations(field));
            Assert.Equal(3, field.SessionCount);
            double areaCm2 = (side - 2 * m) * (side - 2 * m) / 36 / 100;
            double cumulative = 0;
            byte[] sessions = field.Session.ToArray();
            for (int k = 1; k <= 3; k++)
            {
                cumulative += Shares[k - 1];
                int upTo = k;
                // Sessions 1..k together: a maximal field at the cumulative density.
                int union = Enumerable.Range(1, k).Sum(s => DotFieldMetrics.CountIn(field, m, m, side - m, side - m, s));
                Assert.InRange(union / areaCm2 / (100 * cumulative), 0.97, 1.03);
                double rho = DotFieldMetrics.RelativeRadius(field, m, m, side - m, side - m, i => sessions[i] <= upTo);
                Assert.InRange(rho, 0.74, 0.85);
                // Each session's own share.
                int own = DotFieldMetrics.CountIn(field, m, m, side - m, side - m, k);
                Assert.InRange(own / areaCm2 / (100 * Shares[k - 1]), 0.93, 1.07);
            }
        }
    }

    [Fact]
    public void Sample_Sessions_EachSessionAloneWellSpread()
    {
        DotField field = ThreeSessions(4, out double side, out double m);
        byte[] sessions = field.Session.ToArray();
        float[] spacing = field.Spacing.ToArray();
        for (int k = 1; k <= 3; k++)
        {
            int session = k;
            int n = sessions.Count(s => s == session);
            double meanSpacing = Math.Sqrt((double)side * side / n);
            // No big hole in a session alone: the largest empty circle stays under two mean spacings.
            double gap = DotFieldMetrics.LargestGap(field, m, m, side - m, side - m, 2, i => sessions[i] == session);
            Assert.InRange(gap / meanSpacing, 0.3, 2.0);
            // Later sessions are sampled at finer spacing than earlier ones.
            if (k > 1)
            {
                float mine = spacing[Array.IndexOf(sessions, (byte)k)], earlier = spacing[Array.IndexOf(sessions, (byte)(k - 1))];
                Assert.True(mine < earlier);
            }
        }
    }

    [Fact]
    public void Sample_FixedPoints_KeptAtDistanceAndFilledAround()
    {
        // Follicles on a jittered grid every 3 mm, each with a 1 mm spacing.
        const double pxPerMm = 6;
        var rng = new Random(3);
        var follicles = new List<FixedPoint>();
        for (int j = 0; j < 20; j++)
        {
            for (int i = 0; i < 20; i++)
            {
                follicles.Add(new FixedPoint((float)((i * 3 + 1 + rng.NextDouble()) * pxPerMm), (float)((j * 3 + 1 + rng.NextDouble()) * pxPerMm), (float)(1 * pxPerMm)));
            }
        }
        var map = DensityMap.Uniform(360, 360, pxPerMm);
        DotField free = Sampler.Sample(map, new PoissonDiscOptions(100, 1));
        DotField field = Sampler.Sample(map, new PoissonDiscOptions(100, 1, FixedPoints: follicles));
        Assert.Equal(0, DotFieldMetrics.MinDistanceViolations(field));
        for (int i = 0; i < field.Count; i++)
        {
            foreach (FixedPoint f in follicles)
            {
                double dx = field.X[i] - (double)f.X, dy = field.Y[i] - (double)f.Y, m = Math.Min(field.Spacing[i], f.Spacing);
                Assert.False(dx * dx + dy * dy < m * m, $"dot {i} too close to follicle {f}");
            }
        }
        // The follicles take about their own share of the room; the field is still maximal around them.
        Assert.InRange(free.Count - field.Count, follicles.Count * 0.6, follicles.Count * 1.4);
        var withFollicles = new DotField(
            field.X.ToArray().Concat(follicles.Select(f => f.X)).ToArray(), field.Y.ToArray().Concat(follicles.Select(f => f.Y)).ToArray(),
            field.Spacing.ToArray().Concat(follicles.Select(f => f.Spacing)).ToArray(), new byte[field.Count + follicles.Count],
            new int[field.Count + follicles.Count], field.Count + follicles.Count, pxPerMm);
        Assert.True(DotFieldMetrics.Coverage(withFollicles, 20, 20, 340, 340, 0.7) >= 0.999);
    }
}
