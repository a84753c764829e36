namespace SmpRender.Sampling;

/// <summary>A box of pixels [X0, X1) × [Y0, Y1); the default box is empty.</summary>
public readonly record struct PixelBox(int X0, int Y0, int X1, int Y1)
{
    public int Width => Math.Max(0, X1 - X0);

    public int Height => Math.Max(0, Y1 - Y0);

    public bool IsEmpty => Width == 0 || Height == 0;
}
