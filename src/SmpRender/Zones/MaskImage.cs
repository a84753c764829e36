namespace SmpRender.Zones;

/// <summary>
/// A painted grey or alpha mask decoded to relative density: row-major values in [0, 1], white = 1.
/// The core never reads files; the IO layer supplies a loader that produces these.
/// </summary>
public sealed class MaskImage
{
    private readonly float[] _values;

    public MaskImage(int width, int height, float[] values)
    {
        Preconditions.Positive(width);
        Preconditions.Positive(height);
        ArgumentNullException.ThrowIfNull(values);
        if (values.Length != (long)width * height)
        {
            throw new ArgumentException($"must hold width*height = {(long)width * height} values, not {values.Length}", nameof(values));
        }
        for (int i = 0; i < values.Length; i++)
        {
            float v = values[i];
            if (!(v >= 0f && v <= 1f))
            {
                throw new ArgumentException($"mask value at pixel ({i % width}, {i / width}) is {v}: must be in [0, 1]", nameof(values));
            }
        }
        Width = width;
        Height = height;
        _values = values;
    }

    public int Width { get; }

    public int Height { get; }

    public ReadOnlySpan<float> Values => _values;

    internal float[] Array => _values;

    /// <summary>A mask from 8-bit grey levels (0 = none, 255 = full).</summary>
    public static MaskImage FromGrey8(int width, int height, ReadOnlySpan<byte> grey)
    {
        var values = new float[checked(width * height)];
        if (grey.Length != values.Length)
        {
            throw new ArgumentException($"must hold width*height = {values.Length} values, not {grey.Length}", nameof(grey));
        }
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = grey[i] / 255f;
        }
        return new MaskImage(width, height, values);
    }
}
