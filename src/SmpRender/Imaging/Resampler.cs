using System.Buffers;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using SmpRender.Color;

namespace SmpRender.Imaging;

/// <summary>
/// High-quality resizing in linear light with a separable Lanczos-3 kernel (widened by the scale
/// factor when shrinking, so downscaled photos do not alias). Alpha is resampled too; colours are
/// treated as straight alpha, which is exact for the opaque photos SmpRender lays out.
/// </summary>
public static class Resampler
{
    private const int Radius = 3;

    public static Photo Resize(Photo source, int width, int height)
    {
        ArgumentNullException.ThrowIfNull(source);
        Preconditions.Positive(width);
        Preconditions.Positive(height);
        if (width == source.Width && height == source.Height)
        {
            return source.Clone();
        }

        Weights horizontal = Weights.Create(source.Width, width);
        Weights vertical = Weights.Create(source.Height, height);

        // The intermediate rows are large (a 12 MP photo to a 1400 px panel: 67 MB) and a strip or sheet resizes
        // several panels in turn: they come from a pool rather than fresh memory the system must clear each time.
        float[] mid = LargeBuffers.Advised(MidPool.Rent(checked(source.Height * width * 4)));
        try
        {
            Horizontal(source, horizontal, width, mid);
            return Vertical(mid, vertical, width, height, source.Info);
        }
        finally
        {
            MidPool.Return(mid);
        }
    }

    private static readonly ArrayPool<float> MidPool = ArrayPool<float>.Create(maxArrayLength: int.MaxValue / 8, maxArraysPerBucket: 2);

    /// <summary>
    /// Horizontal pass: source rows to intermediate rows of the target width, in linear light. Each source pixel
    /// is converted once, then the taps run on whole RGBA pixels (the same sums, lane by lane).
    /// </summary>
    private static void Horizontal(Photo source, Weights horizontal, int width, float[] mid)
    {
        Parallel.For(0, source.Height, Parallelism.Options, () => new float[source.Width * 4], (y, _, linear) =>
        {
            ReadOnlySpan<byte> row = source.Row(y);
            for (int i = 0; i < linear.Length; i += 4)
            {
                linear[i] = Srgb.ToLinear(row[i]);
                linear[i + 1] = Srgb.ToLinear(row[i + 1]);
                linear[i + 2] = Srgb.ToLinear(row[i + 2]);
                linear[i + 3] = row[i + 3];
            }
            ref float input = ref MemoryMarshal.GetArrayDataReference(linear);
            Span<float> outRow = mid.AsSpan(y * width * 4, width * 4);
            for (int x = 0; x < width; x++)
            {
                int start = horizontal.Start[x];
                ReadOnlySpan<float> w = horizontal.Of(x);
                Vector128<float> sum = Vector128<float>.Zero;
                for (int k = 0; k < w.Length; k++)
                {
                    sum += Vector128.Create(w[k]) * Vector128.LoadUnsafe(ref input, (nuint)((start + k) * 4));
                }
                sum.CopyTo(outRow.Slice(x * 4, 4));
            }
            return linear;
        }, _ => { });
    }

    /// <summary>Vertical pass: each output row is a weighted sum of whole intermediate rows, several values at a time.</summary>
    private static Photo Vertical(float[] mid, Weights vertical, int width, int height, PhotoInfo info)
    {
        Photo target = Photo.Create(width, height, info, clear: false);
        int rowLength = width * 4;
        Parallel.For(0, height, Parallelism.Options, () => new float[rowLength], (y, _, sum) =>
        {
            int start = vertical.Start[y];
            ReadOnlySpan<float> w = vertical.Of(y);
            Array.Clear(sum);
            for (int k = 0; k < w.Length; k++)
            {
                AddScaled(sum, mid.AsSpan((start + k) * rowLength, rowLength), w[k]);
            }
            Span<byte> outRow = target.Row(y);
            for (int x = 0; x < rowLength; x += 4)
            {
                outRow[x] = Srgb.ToByte(sum[x]);
                outRow[x + 1] = Srgb.ToByte(sum[x + 1]);
                outRow[x + 2] = Srgb.ToByte(sum[x + 2]);
                outRow[x + 3] = (byte)Math.Clamp(MathF.Round(sum[x + 3]), 0, 255);
            }
            return sum;
        }, _ => { });
        return target;
    }

    /// <summary>sum[i] += weight × values[i] for every i (multiply, then add: the same rounding as one value at a time).</summary>
    private static void AddScaled(Span<float> sum, ReadOnlySpan<float> values, float weight)
    {
        int i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> w = Vector256.Create(weight);
            ref float s = ref MemoryMarshal.GetReference(sum);
            ref float v = ref MemoryMarshal.GetReference(values);
            for (; i <= sum.Length - Vector256<float>.Count; i += Vector256<float>.Count)
            {
                (Vector256.LoadUnsafe(ref s, (nuint)i) + w * Vector256.LoadUnsafe(ref v, (nuint)i)).StoreUnsafe(ref s, (nuint)i);
            }
        }
        for (; i < sum.Length; i++)
        {
            sum[i] += weight * values[i];
        }
    }

    /// <summary>The largest size with the source's aspect ratio that fits in the box (never zero).</summary>
    public static (int Width, int Height) FitWithin(int width, int height, int maxWidth, int maxHeight)
    {
        double scale = Math.Min((double)maxWidth / width, (double)maxHeight / height);
        return (Math.Max(1, (int)Math.Round(width * scale)), Math.Max(1, (int)Math.Round(height * scale)));
    }

    private static double Lanczos(double x)
    {
        x = Math.Abs(x);
        if (x < 1e-9)
        {
            return 1;
        }
        if (x >= Radius)
        {
            return 0;
        }
        double px = Math.PI * x;
        return Radius * Math.Sin(px) * Math.Sin(px / Radius) / (px * px);
    }

    /// <summary>Normalised kernel weights for each output position, stored flat.</summary>
    private sealed class Weights
    {
        private readonly float[] _values;
        private readonly int _stride;
        private readonly int[] _count;

        private Weights(int[] start, int[] count, float[] values, int stride)
        {
            Start = start;
            _count = count;
            _values = values;
            _stride = stride;
        }

        public int[] Start { get; }

        public ReadOnlySpan<float> Of(int i) => _values.AsSpan(i * _stride, _count[i]);

        public static Weights Create(int sourceSize, int targetSize)
        {
            double scale = (double)sourceSize / targetSize;
            double support = Radius * Math.Max(1, scale);
            double filterScale = Math.Max(1, scale);
            int stride = (int)Math.Ceiling(support) * 2 + 1;
            var start = new int[targetSize];
            var count = new int[targetSize];
            var values = new float[targetSize * stride];
            for (int i = 0; i < targetSize; i++)
            {
                double centre = (i + 0.5) * scale;
                int first = Math.Max(0, (int)Math.Floor(centre - support));
                int last = Math.Min(sourceSize - 1, (int)Math.Ceiling(centre + support) - 1);
                int n = Math.Min(stride, last - first + 1);
                double sum = 0;
                for (int k = 0; k < n; k++)
                {
                    double w = Lanczos((first + k + 0.5 - centre) / filterScale);
                    values[i * stride + k] = (float)w;
                    sum += w;
                }
                for (int k = 0; k < n; k++)
                {
                    values[i * stride + k] = (float)(values[i * stride + k] / sum);
                }
                start[i] = first;
                count[i] = n;
            }
            return new Weights(start, count, values, stride);
        }
    }
}
