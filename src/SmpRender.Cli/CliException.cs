namespace SmpRender.Cli;

/// <summary>A user-facing failure: one line for stderr and the exit code to end with.</summary>
public sealed class CliException : Exception
{
    public CliException(ExitCode exitCode, string message, Exception? inner = null)
        : base(message, inner)
    {
        ExitCode = exitCode;
    }

    public ExitCode ExitCode { get; }
}
