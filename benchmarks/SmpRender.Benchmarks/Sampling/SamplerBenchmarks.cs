using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using SmpRender.Sampling;

namespace SmpRender.Benchmarks.Sampling;

/// <summary>
/// The dot placement hot loop: uniform and feathered-ellipse fields of 10k, 100k and 1M dots, on one
/// thread and on all cores. The "Dots/s" column divides the dot count (the sampler is deterministic, so
/// the column recomputes it once) by the mean time.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(DotsPerSecondConfig))]
public class SamplerBenchmarks
{
    private readonly PoissonDiscSampler _sampler = new();
    private DensityMap _map = null!;
    private PoissonDiscOptions _options = null!;

    [Params("uniform", "ellipse")]
    public string Field { get; set; } = "uniform";

    [Params(10_000, 100_000, 1_000_000)]
    public int Dots { get; set; }

    /// <summary>1 = one core; 0 = all cores.</summary>
    [Params(1, 0)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _map = SamplerWorkloads.Create(Field, Dots);
        _options = new PoissonDiscOptions(SamplerWorkloads.DotsPerCm2, 1, MaxDegreeOfParallelism: Threads);
    }

    [Benchmark]
    public int Sample() => _sampler.Sample(_map, _options).Count;

    private sealed class DotsPerSecondConfig : ManualConfig
    {
        public DotsPerSecondConfig() => AddColumn(new DotsPerSecondColumn());
    }

    private sealed class DotsPerSecondColumn : IColumn
    {
        private static readonly Dictionary<(string, int), int> Counts = [];

        public string Id => nameof(DotsPerSecondColumn);
        public string ColumnName => "Dots/s";
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => "Dots placed per second (dot count / mean time)";

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
        {
            var report = summary[benchmarkCase];
            if (report?.ResultStatistics is null)
            {
                return "-";
            }
            string field = (string)benchmarkCase.Parameters["Field"];
            int dots = (int)benchmarkCase.Parameters["Dots"];
            if (!Counts.TryGetValue((field, dots), out int count))
            {
                count = new PoissonDiscSampler().Sample(SamplerWorkloads.Create(field, dots), new PoissonDiscOptions(SamplerWorkloads.DotsPerCm2, 1)).Count;
                Counts[(field, dots)] = count;
            }
            double perSecond = count / (report.ResultStatistics.Mean * 1e-9);
            return $"{perSecond / 1e6:0.00} M";
        }

        public bool IsAvailable(Summary summary) => true;
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
    }
}
