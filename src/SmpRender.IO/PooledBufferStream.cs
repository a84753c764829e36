namespace SmpRender.IO;

/// <summary>A write-only stream over pooled memory: encoders write into it, then one exact-size copy is taken.</summary>
internal sealed class PooledBufferStream : Stream
{
    private byte[] _buffer;
    private int _length;

    public PooledBufferStream(int initialCapacity) => _buffer = Buffers.Pool.Rent(Math.Max(initialCapacity, 4096));

    public override bool CanRead => false;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => _length;

    public override long Position
    {
        get => _length;
        set => throw new NotSupportedException();
    }

    public ReadOnlySpan<byte> WrittenSpan => _buffer.AsSpan(0, _length);

    public byte[] ToArray() => WrittenSpan.ToArray();

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> source)
    {
        if (_length + source.Length > _buffer.Length)
        {
            long wanted = Math.Max((long)_buffer.Length * 2, (long)_length + source.Length);
            if (wanted > Array.MaxLength)
            {
                throw new IOException("encoded data does not fit in memory");
            }
            byte[] larger = Buffers.Pool.Rent((int)wanted);
            _buffer.AsSpan(0, _length).CopyTo(larger);
            Buffers.Pool.Return(_buffer);
            _buffer = larger;
        }
        source.CopyTo(_buffer.AsSpan(_length));
        _length += source.Length;
    }

    public override void WriteByte(byte value) => Write([value]);

    public override void Flush()
    {
    }

    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        byte[]? buffer = Interlocked.Exchange(ref _buffer!, null);
        if (buffer is not null)
        {
            Buffers.Pool.Return(buffer);
        }
        base.Dispose(disposing);
    }
}
