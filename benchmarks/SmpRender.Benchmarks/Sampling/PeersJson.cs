using System.Diagnostics;
using System.Globalization;
using SmpRender.Sampling;

namespace SmpRender.Benchmarks.Sampling;

/// <summary>
/// `peers-json`: runs the sampler on the peers' workloads and prints one JSON object per line (best
/// wall time of several tries, dots/s, ρ in the interior), for benchmarks/peers/run.sh.
/// </summary>
public static class PeersJson
{
    public static void Run(string[] args)
    {
        int tries = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 7;
        var sampler = new PoissonDiscSampler();
        foreach (string field in new[] { "uniform", "ellipse" })
        {
            foreach (int dots in new[] { 10_000, 100_000 })
            {
                DensityMap map = SamplerWorkloads.Create(field, dots);
                foreach (int threads in new[] { 1, 0 })
                {
                    var options = new PoissonDiscOptions(SamplerWorkloads.DotsPerCm2, 1, MaxDegreeOfParallelism: threads);
                    sampler.Sample(map, options);
                    double best = double.MaxValue;
                    DotField result = null!;
                    for (int t = 0; t < tries; t++)
                    {
                        long start = Stopwatch.GetTimestamp();
                        result = sampler.Sample(map, options);
                        best = Math.Min(best, Stopwatch.GetElapsedTime(start).TotalSeconds);
                    }
                    var (x0, y0, x1, y1) = SamplerWorkloads.Interior(field, map);
                    double rho = DotFieldMetrics.RelativeRadius(result, x0, y0, x1, y1);
                    string name = threads == 1 ? "SmpRender (1 thread)" : $"SmpRender ({Environment.ProcessorCount} threads)";
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{{\"sampler\":\"{name}\",\"workload\":\"{field}-{dots / 1000}k\",\"width\":{map.Width},\"height\":{map.Height},\"spacing\":{SamplerWorkloads.Spacing:0.####},\"dots\":{result.Count},\"seconds\":{best:0.######},\"dotsPerSecond\":{result.Count / best:0},\"rho\":{rho:0.###}}}"));
                }
            }
        }
    }
}
