using System.Diagnostics;
using System.Globalization;
using SmpRender.Sampling;

namespace SmpRender.Benchmarks.Sampling;

/// <summary>Quick measurements outside BenchmarkDotNet: `lab` prints quality and speed of a few workloads.</summary>
public static class SamplerLab
{
    public static float[] EllipseMap(int width, int height, double feather)
    {
        var values = new float[width * height];
        double cx = width / 2.0, cy = height / 2.0, ax = width * 0.4, ay = height * 0.35;
        for (int y = 0; y < height; y++)
        {
            for (int x = 0; x < width; x++)
            {
                double dx = (x + 0.5 - cx) / ax, dy = (y + 0.5 - cy) / ay;
                double d = (Math.Sqrt(dx * dx + dy * dy) - 1) * Math.Min(ax, ay);
                double t = Math.Clamp(0.5 - d / feather, 0, 1);
                values[y * width + x] = (float)(t * t * (3 - 2 * t));
            }
        }
        return values;
    }

    public static void Run(string[] args)
    {
        double a1 = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : MaximalDiscKernel<MapDensity>.PhaseOneThrows;
        double a2 = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : MaximalDiscKernel<MapDensity>.RefineThrows;
        MaximalDiscKernel<MapDensity>.PhaseOneThrows = a1;
        MaximalDiscKernel<MapDensity>.RefineThrows = a2;
        var sampler = new PoissonDiscSampler();
        if (args.Contains("sess"))
        {
            foreach (double[] shares in new[] { new[] { 0.5, 0.3, 0.2 }, new[] { 0.34, 0.33, 0.33 }, new[] { 0.7, 0.3 }, new[] { 0.2, 0.8 } })
            {
                var um = DensityMap.Uniform(900, 900, 6);
                var sf = sampler.Sample(um, new PoissonDiscOptions(100, 3, SessionShares: shares));
                double cum = 0;
                var line = new List<string>();
                for (int k = 1; k <= shares.Length; k++)
                {
                    cum += shares[k - 1];
                    int u = Enumerable.Range(1, k).Sum(s => DotFieldMetrics.CountIn(sf, 30, 30, 870, 870, s));
                    double area = 840.0 * 840 / 36 / 100;
                    line.Add($"k{k} union {u / area / (100 * cum):0.000} own {DotFieldMetrics.CountIn(sf, 30, 30, 870, 870, k) / area / (100 * shares[k - 1]):0.000}");
                }
                Console.WriteLine(string.Join(" | ", shares) + ": " + string.Join("; ", line));
            }
            return;
        }
        if (args.Contains("ramp"))
        {
            const int width = 800, height = 600;
            var values = new float[width * height];
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    values[y * width + x] = (float)(0.1 + 0.9 * (x + 0.5) / width);
                }
            }
            var rm = new DensityMap(width, height, 8, values);
            var counts = new double[8];
            for (ulong seed = 0; seed < 3; seed++)
            {
                var rf = sampler.Sample(rm, new PoissonDiscOptions(150, seed));
                for (int b = 0; b < 8; b++)
                {
                    counts[b] += DotFieldMetrics.DensityPerCm2(rf, b * 100, 30, b * 100 + 100, height - 30) / 3;
                }
            }
            Console.WriteLine(string.Join(" ", Enumerable.Range(0, 8).Select(b => (counts[b] / (150 * (0.1 + 0.9 * (b * 100 + 50.0) / width))).ToString("0.000"))));
            return;
        }
        if (args.Contains("ell"))
        {
            foreach (int size in new[] { 200, 400, 900 })
            {
                var em = new DensityMap(size, size * 7 / 9, 5, EllipseMap(size, size * 7 / 9, size / 7.5));
                var sw1 = Stopwatch.StartNew();
                var ef = sampler.Sample(em, new PoissonDiscOptions(100, 42, MaxDegreeOfParallelism: 1));
                Console.WriteLine($"ellipse {size}: {ef.Count} dots in {sw1.ElapsedMilliseconds} ms, violations {DotFieldMetrics.MinDistanceViolations(ef)}");
            }
            return;
        }
        if (args.Contains("at"))
        {
            var mm = DensityMap.Uniform(1000, 1000, 5);
            unsafe
            {
                fixed (float* p = mm.Values)
                {
                    var md = new MapDensity(p, 1000, 1000);
                    for (int rep = 0; rep < 3; rep++)
                    {
                        var sw0 = Stopwatch.StartNew();
                        double acc = 0;
                        for (int i = 0; i < 10_000_000; i++)
                        {
                            acc += md.At((i % 997) * 1.003, (i % 991) * 1.007);
                        }
                        Console.WriteLine($"At: {sw0.Elapsed.TotalMilliseconds / 10:0.00} ns/call {acc}");
                    }
                }
            }
        }
        foreach (double dens in args.Contains("q") ? new[] { 10.0, 100.0, 400.0 } : [])
        {
            double pxPerMm = 10;
            int side = 600; // 60 mm
            var map = DensityMap.Uniform(side, side, pxPerMm);
            double sumD = 0, sumRho = 0, sumCov = 0;
            int seeds = 10;
            for (int s = 0; s < seeds; s++)
            {
                var f = sampler.Sample(map, new PoissonDiscOptions(dens, (ulong)s, MaxDegreeOfParallelism: 1));
                double m = 5 * pxPerMm;
                sumD += DotFieldMetrics.DensityPerCm2(f, m, m, side - m, side - m);
                sumRho += DotFieldMetrics.RelativeRadius(f, m, m, side - m, side - m);
                if (s == 0)
                {
                    sumCov = DotFieldMetrics.Coverage(f, m, m, side - m, side - m, f.Spacing[0] / 10);
                    Console.WriteLine($"  violations {DotFieldMetrics.MinDistanceViolations(f)}");
                }
            }
            Console.WriteLine($"dens {dens}: measured {sumD / seeds:0.00} ratio {sumD / seeds / dens:0.0000} rho {sumRho / seeds:0.000} cov {sumCov:0.00000}");
        }
        foreach (int n in new[] { 100_000, 1_000_000 })
        {
            int side = (int)Math.Sqrt(n / 0.04);
            var map = DensityMap.Uniform(side, side, 5);
            var opt = new PoissonDiscOptions(100, 1, MaxDegreeOfParallelism: 1);
            sampler.Sample(map, opt);
            var sw = Stopwatch.StartNew();
            int reps = 3;
            DotField f = null!;
            double best = double.MaxValue;
            for (int i = 0; i < reps; i++)
            {
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                f = sampler.Sample(map, opt);
                best = Math.Min(best, (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
            }
            Console.WriteLine($"uniform {f.Count} dots: {best * 1000:0.0} ms, {f.Count / best / 1e6:0.00} M/s");
        }
    }
}
