using System.Runtime.InteropServices;
using SmpRender.IO;

namespace SmpRender.Cli;

/// <summary>
/// An interrupt (Ctrl+C), a hang-up or a termination request (a scheduler stopping a batch: Kubernetes, Slurm) ends the
/// process as it would anyway, after deleting the temporary files of the outputs being written: no hidden,
/// half-written file is left beside the outputs.
/// </summary>
internal static class Termination
{
    private static readonly Lock Gate = new();
    private static PosixSignalRegistration[]? s_registrations;

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
                    // The handler leaves the signal's own effect in place (the context is not cancelled): the process ends.
                    registrations.Add(PosixSignalRegistration.Create(signal, static _ => AtomicFile.RemoveUnfinished()));
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
