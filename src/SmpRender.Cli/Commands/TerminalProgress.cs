using System.CommandLine;
using System.Diagnostics;

namespace SmpRender.Cli.Commands;

/// <summary>
/// One line of progress on a terminal, redrawn in place and cleared when the work is done: shown only once the work has
/// taken <paramref name="delay"/> (a quick command prints nothing), and never to a file, a pipe or a batch job's log.
/// </summary>
internal sealed class TerminalProgress(TextWriter? terminal, TimeSpan delay)
{
    /// <summary>How long a command runs before it shows its progress.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromSeconds(0.5);

    private readonly long _start = Stopwatch.GetTimestamp();
    private int _width;

    /// <summary>
    /// The error stream of a command when it runs in the process's own console and that stream is a terminal, and the
    /// command prints no JSON; null otherwise (a test's writers, a batch job, output redirected).
    /// </summary>
    public static TextWriter? TerminalOf(ParseResult parse, bool json) =>
        !json && ReferenceEquals(parse.InvocationConfiguration.Output, Console.Out) && !Console.IsErrorRedirected
            ? parse.InvocationConfiguration.Error
            : null;

    /// <summary>Progress for a command line: on its terminal (see <see cref="TerminalOf"/>) after <see cref="Delay"/>.</summary>
    public static TerminalProgress For(ParseResult parse, bool json) => new(TerminalOf(parse, json), Delay);

    /// <summary>Replaces the line with <paramref name="text"/> (once the delay has passed).</summary>
    public void Show(string text)
    {
        if (terminal is null || Stopwatch.GetElapsedTime(_start) < delay)
        {
            return;
        }
        int width = Math.Max(_width, text.Length);
        terminal.Write("\r" + text.PadRight(width));
        terminal.Flush();
        _width = width;
    }

    /// <summary>Erases the line, leaving the cursor at its start.</summary>
    public void Clear()
    {
        if (terminal is null || _width == 0)
        {
            return;
        }
        terminal.Write("\r" + new string(' ', _width) + "\r");
        terminal.Flush();
        _width = 0;
    }
}
