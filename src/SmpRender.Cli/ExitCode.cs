namespace SmpRender.Cli;

/// <summary>Process exit codes of the <c>smp</c> command, documented in <c>smp --help</c>.</summary>
public enum ExitCode
{
    /// <summary>Everything asked for was done.</summary>
    Ok = 0,

    /// <summary>One or more jobs of a batch failed; the others were done.</summary>
    JobsFailed = 1,

    /// <summary>The command line could not be parsed or an option value is invalid.</summary>
    Usage = 2,

    /// <summary>An input (photo, plan, mask, manifest) is missing, unreadable or invalid.</summary>
    BadInput = 3,

    /// <summary>An output could not be written (permissions, full disk, would overwrite the input).</summary>
    OutputFailed = 4,

    /// <summary>A native library SmpRender needs is not installed.</summary>
    MissingLibrary = 5,

    /// <summary>An unexpected internal error; please report it with --verbose output.</summary>
    Internal = 70,
}
