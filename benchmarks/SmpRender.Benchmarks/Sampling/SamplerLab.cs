using System.Diagnostics;
using System.Globalization;
using SmpRender.Sampling;

namespace SmpRender.Benchmarks.Sampling;

/// <summary>Quick measurements outside BenchmarkDotNet: `lab` prints quality and speed of a few workloads.</summary>
public static class SamplerLab
{
    public static void Run(string[] args)
    {
        double a1 = args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : MaximalDiscKernel<MapDensity>.PhaseOneThrows;
        double a2 = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : MaximalDiscKernel<MapDensity>.RefineThrows;
        MaximalDiscKernel<MapDensity>.PhaseOneThrows = a1;
        MaximalDiscKernel<MapDensity>.RefineThrows = a2;
        var sampler = new PoissonDiscSampler();
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
