using System.Runtime.InteropServices;
using SmpRender.IO;

namespace SmpRender.Cli;

/// <summary>
/// An interrupt (Ctrl+C), a hang-up or a termination request (a scheduler stopping a batch: Kubernetes, Slurm) ends the
/// process as it would anyway, after deleting the temporary files of the outputs being written: no hidden,
/// half-written file is left beside the outputs. A command that can stop in good order (a batch) takes the first such
/// signal instead (<see cref="StopGracefully"/>); a second one ends the process.
/// </summary>
internal static class Termination
{
    private static readonly Lock Gate = new();
    private static PosixSignalRegistration[]? s_registrations;
    private static Action<PosixSignal>? s_stop;

    /// <summary>
    /// Until the returned scope is disposed, the first interrupt, hang-up or termination request calls
    /// <paramref name="stop"/> (on a thread of its own) instead of ending the process; a second one ends it.
    /// </summary>
    public static IDisposable StopGracefully(Action<PosixSignal> stop)
    {
        RemoveUnfinishedOutputsWhenEnded();
        Volatile.Write(ref s_stop, stop);
        return new Scope();
    }

    private sealed class Scope : IDisposable
    {
        public void Dispose() => Volatile.Write(ref s_stop, null);
    }

    private static void OnSignal(PosixSignalContext context)
    {
        Action<PosixSignal>? stop = Interlocked.Exchange(ref s_stop, null);
        if (stop is not null)
        {
            context.Cancel = true;
            stop(context.Signal);
            return;
        }
        AtomicFile.RemoveUnfinished();
    }

    /// <summary>Registers the clean-up for the signals that end a process (once; later calls do nothing).</summary>
    public static void RemoveUnfinishedOutputsWhenEnded()
    {
        lock (Gate)
        {
            if (s_registrations is not null)
            {
                return;
            }
            var registrations = new List<PosixSignalRegistration>();
            foreach (PosixSignal signal in (PosixSignal[])[PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP])
            {
                try
                {
                    // Unless a graceful stop takes it, the signal keeps its own effect (the context is not cancelled): the process ends.
                    registrations.Add(PosixSignalRegistration.Create(signal, OnSignal));
                }
                catch (PlatformNotSupportedException)
                {
                    // A platform without that signal: nothing to clean up after it.
                }
            }
            s_registrations = [.. registrations];
        }
    }
}
