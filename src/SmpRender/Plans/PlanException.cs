namespace SmpRender.Plans;

/// <summary>One problem in a plan, with the JSON path of the value concerned (e.g. <c>zones[2].widthMm</c>).</summary>
public sealed record PlanError(string Path, string Message)
{
    /// <summary>"path: message", the one line shown to people.</summary>
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}

/// <summary>
/// A plan is invalid. <see cref="Errors"/> holds every problem found (each one line with its JSON path);
/// <see cref="Exception.Message"/> is the first, with the count of the others.
/// </summary>
public sealed class PlanException : Exception
{
    public PlanException(IReadOnlyList<PlanError> errors)
        : base(Summarize(errors))
    {
        Errors = errors;
    }

    public PlanException(string path, string message)
        : this([new PlanError(path, message)])
    {
    }

    public IReadOnlyList<PlanError> Errors { get; }

    private static string Summarize(IReadOnlyList<PlanError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("needs at least one error", nameof(errors));
        }
        return errors.Count == 1 ? errors[0].ToString() : $"{errors[0]} (and {errors.Count - 1} more)";
    }
}
