using System.Buffers;

namespace SmpRender.IO;

/// <summary>Pool for large intermediate buffers (file bytes, CMYK scanlines, encoder output).</summary>
internal static class Buffers
{
    public static readonly ArrayPool<byte> Pool = ArrayPool<byte>.Create(maxArrayLength: int.MaxValue / 2, maxArraysPerBucket: 4);
}
