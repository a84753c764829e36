using System.Text.Json.Serialization;

namespace SmpRender.Cli.Batch;

/// <summary>The JSON report of a batch run.</summary>
public sealed record BatchSummary(
    string Manifest, int ShardIndex, int ShardCount, int Parallelism,
    int Ok, int Failed, int Skipped, int Interrupted, double Seconds, long PeakMemoryMiB,
    IReadOnlyList<JobReport> Jobs);

/// <summary>One job in the report.</summary>
public sealed record JobReport(int Index, string Command, string Status, string Output, double Milliseconds, string? Error);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(BatchSummary))]
internal sealed partial class ReportJson : JsonSerializerContext;
