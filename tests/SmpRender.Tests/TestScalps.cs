using SmpRender.Imaging.Synthetic;

namespace SmpRender.Tests;

/// <summary>Shared zones on the synthetic scalp (head coordinates: u across, v front to back, (0, 0) the top).</summary>
internal static class TestScalps
{
    /// <summary>The bald top of the head, clear of the shaved fringe.</summary>
    public static HeadEllipse Top { get; } = new(0, -0.05, 0.42, 0.45);

    /// <summary>The crown, where the sparse-hair area sits in density tests.</summary>
    public static HeadEllipse Crown { get; } = new(0.0, 0.2, 0.3, 0.28);

    /// <summary>A band over the back of the head containing the FUT strip scar.</summary>
    public static HeadEllipse Back { get; } = new(0, 0.7, 0.75, 0.22);
}
