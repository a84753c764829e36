using System.Diagnostics;

namespace SmpRender.Cli.Batch;

/// <summary>
/// Progress of a batch: a redrawn bar on a terminal, or one line per finished job when the output
/// goes to a file or a pipe (logs of Kubernetes or Slurm jobs).
/// </summary>
internal sealed class BatchProgress
{
    private readonly Lock _lock = new();
    private readonly int _total;
    private readonly TextWriter? _terminal;
    private readonly TextWriter? _lines;
    private readonly long _start = Stopwatch.GetTimestamp();
    private int _done;
    private int _failed;

    public BatchProgress(int total, TextWriter? terminal, TextWriter? lines)
    {
        _total = total;
        _terminal = terminal;
        _lines = terminal is null ? lines : null;
    }

    public void Done(JobResult result)
    {
        lock (_lock)
        {
            _done++;
            if (result.Status == JobStatus.Failed)
            {
                _failed++;
            }
            if (_terminal is not null)
            {
                double elapsed = Stopwatch.GetElapsedTime(_start).TotalSeconds;
                double eta = _done > 0 ? elapsed / _done * (_total - _done) : 0;
                int width = 30, filled = _total == 0 ? width : _done * width / _total;
                _terminal.Write($"\r[{new string('#', filled)}{new string('.', width - filled)}] {_done}/{_total} jobs, {_failed} failed, ETA {TimeSpan.FromSeconds(Math.Round(eta)):m\\:ss}  ");
            }
            else if (_lines is not null)
            {
                string status = result.Status.ToString().ToLowerInvariant();
                string detail = result.Error is null ? $"{result.Milliseconds:0} ms" : result.Error;
                _lines.WriteLine($"[{_done}/{_total}] {status,-7} #{result.Job.Index} {result.Job.Output}: {detail}");
            }
        }
    }

    public void Finish()
    {
        _terminal?.WriteLine();
    }
}
