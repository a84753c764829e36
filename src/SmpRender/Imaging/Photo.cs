using System.Buffers;

namespace SmpRender.Imaging;

/// <summary>
/// A photo as a person sees it: orientation applied, sRGB-encoded, 8 bits per channel,
/// interleaved RGBA with straight (non-premultiplied) alpha, rows top to bottom with no padding.
/// The pixel memory is pooled; dispose the photo to return it.
/// </summary>
public sealed class Photo : IDisposable
{
    /// <summary>Bytes per pixel: R, G, B, A.</summary>
    public const int Channels = 4;

    private static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(maxArrayLength: int.MaxValue / 2, maxArraysPerBucket: 4);

    private byte[]? _buffer;

    private Photo(int width, int height, byte[] buffer, PhotoInfo info)
    {
        Width = width;
        Height = height;
        _buffer = buffer;
        Info = info;
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Bytes per row.</summary>
    public int Stride => Width * Channels;

    public long PixelCount => (long)Width * Height;

    public PhotoInfo Info { get; init; }

    /// <summary>All pixels, RGBA interleaved, <see cref="Stride"/> bytes per row.</summary>
    public Span<byte> Pixels => Buffer.AsSpan(0, checked(Stride * Height));

    /// <summary>One row of pixels.</summary>
    public Span<byte> Row(int y)
    {
        if ((uint)y >= (uint)Height)
        {
            throw new ArgumentOutOfRangeException(nameof(y), y, $"must be in [0, {Height})");
        }
        return Buffer.AsSpan(y * Stride, Stride);
    }

    private byte[] Buffer => _buffer ?? throw new ObjectDisposedException(nameof(Photo));

    /// <summary>Creates a photo with pooled pixel memory. The contents are cleared to transparent black.</summary>
    public static Photo Create(int width, int height, PhotoInfo? info = null, bool clear = true)
    {
        if (width <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), width, "must be > 0");
        }
        if (height <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(height), height, "must be > 0");
        }
        long bytes = (long)width * height * Channels;
        if (bytes > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"{width}x{height} does not fit in one pixel buffer");
        }
        byte[] buffer = LargeBuffers.Advised(Pool.Rent((int)bytes));
        if (clear)
        {
            Array.Clear(buffer, 0, (int)bytes);
        }
        return new Photo(width, height, buffer, info ?? PhotoInfo.Generated);
    }

    /// <summary>Creates an opaque photo filled with one colour.</summary>
    public static Photo Filled(int width, int height, byte r, byte g, byte b)
    {
        Photo photo = Create(width, height, clear: false);
        Span<byte> px = photo.Pixels;
        for (int i = 0; i < px.Length; i += Channels)
        {
            px[i] = r;
            px[i + 1] = g;
            px[i + 2] = b;
            px[i + 3] = 255;
        }
        return photo;
    }

    /// <summary>A deep copy with its own pooled memory.</summary>
    public Photo Clone()
    {
        Photo copy = Create(Width, Height, Info, clear: false);
        Pixels.CopyTo(copy.Pixels);
        return copy;
    }

    public void Dispose()
    {
        byte[]? buffer = Interlocked.Exchange(ref _buffer, null);
        if (buffer is not null)
        {
            Pool.Return(buffer);
        }
    }
}
