using System.Runtime.InteropServices;
using SmpRender.IO.Color;
using SmpRender.IO.Metadata;
using SmpRender.IO.Native;

namespace SmpRender.IO.Codecs;

/// <summary>JPEG through TurboJPEG. Handles are not thread-safe: each call borrows one from a pool.</summary>
internal static unsafe class JpegCodec
{
    public const string Codec = "JPEG";

    private static readonly HandlePool Decompressors = new();
    private static readonly HandlePool Compressors = new();

    public static DecodeResult Decode(ReadOnlySpan<byte> data, string path, DecodeOptions options)
    {
        NativeLibraries.Require(NativeLibraries.TurboJpeg, path, Codec);
        JpegMarkers markers = JpegMarkers.Scan(data);
        if (markers.Precision == 12)
        {
            throw new PhotoException(path, Codec, "12-bit JPEG is not supported");
        }
        nint handle = Rent(Decompressors, decompress: true, path);
        bool healthy = false;
        try
        {
            fixed (byte* src = data)
            {
                if (TurboJpeg.DecompressHeader3(handle, src, new CULong((nuint)data.Length), out int width, out int height, out _, out int colorspace) != 0)
                {
                    throw new PhotoException(path, Codec, Reason(TurboJpeg.ErrorText(handle)));
                }
                Limits.Check(width, height, options, path, Codec);
                bool cmyk = colorspace is TurboJpeg.ColorspaceCmyk or TurboJpeg.ColorspaceYcck;
                using ColorManagement.Profile? profile = markers.Icc is null ? null : ColorManagement.Open(markers.Icc, path);
                var info = new PhotoInfo(PhotoFormat.Jpeg, 8, false, markers.ExifOrientation, profile?.Description);
                int flags = options.AcceptWarnings ? 0 : TurboJpeg.FlagStopOnWarning;
                Photo photo = Photo.Create(width, height, info, clear: false);
                try
                {
                    if (cmyk)
                    {
                        DecodeCmyk(handle, src, data.Length, photo, flags, markers.HasAdobe, profile, options, path);
                        healthy = true;
                        return new DecodeResult(photo, null, markers.ExifOrientation);
                    }
                    fixed (byte* dst = photo.Pixels)
                    {
                        int rc = TurboJpeg.Decompress2(handle, src, new CULong((nuint)data.Length), dst, width, photo.Stride, height, TurboJpeg.PixelFormatRgba, flags);
                        Check(rc, handle, options, path);
                    }
                    byte[]? icc = profile is { IsRgb: true, IsSrgb: false } ? markers.Icc : null;
                    healthy = true;
                    return new DecodeResult(photo, icc, markers.ExifOrientation);
                }
                catch
                {
                    photo.Dispose();
                    throw;
                }
            }
        }
        finally
        {
            Return(Decompressors, handle, healthy);
        }
    }

    private static void DecodeCmyk(nint handle, byte* src, int length, Photo photo, int flags, bool inverted, ColorManagement.Profile? profile, DecodeOptions options, string path)
    {
        int bytes = photo.Width * photo.Height * 4;
        byte[] cmyk = Buffers.Pool.Rent(bytes);
        try
        {
            fixed (byte* dst = cmyk)
            {
                int rc = TurboJpeg.Decompress2(handle, src, new CULong((nuint)length), dst, photo.Width, photo.Width * 4, photo.Height, TurboJpeg.PixelFormatCmyk, flags);
                Check(rc, handle, options, path);
            }
            if (profile is { IsCmyk: true })
            {
                ColorManagement.ConvertCmykToSrgb(cmyk.AsSpan(0, bytes), photo, profile, inverted, path);
            }
            else
            {
                CmykToRgba(cmyk.AsSpan(0, bytes), photo.Pixels, inverted);
            }
        }
        finally
        {
            Buffers.Pool.Return(cmyk);
        }
    }

    /// <summary>
    /// Naive CMYK to RGB without a profile: R = (1 - C)(1 - K) and so on. Adobe applications store the
    /// ink amounts inverted (0 = full ink), which is what an Adobe APP14 segment announces.
    /// </summary>
    internal static void CmykToRgba(ReadOnlySpan<byte> cmyk, Span<byte> rgba, bool inverted)
    {
        for (int i = 0; i < cmyk.Length; i += 4)
        {
            int c = cmyk[i], m = cmyk[i + 1], y = cmyk[i + 2], k = cmyk[i + 3];
            if (!inverted)
            {
                c = 255 - c;
                m = 255 - m;
                y = 255 - y;
                k = 255 - k;
            }
            // Now c, m, y, k are "paper left" amounts: 255 = no ink.
            rgba[i] = (byte)(((c * k) + 127) / 255);
            rgba[i + 1] = (byte)(((m * k) + 127) / 255);
            rgba[i + 2] = (byte)(((y * k) + 127) / 255);
            rgba[i + 3] = 255;
        }
    }

    private static void Check(int rc, nint handle, DecodeOptions options, string path)
    {
        if (rc == 0)
        {
            return;
        }
        bool warning = TurboJpeg.GetErrorCode(handle) == TurboJpeg.ErrorWarning;
        if (warning && options.AcceptWarnings)
        {
            return;
        }
        throw new PhotoException(path, Codec, Reason(TurboJpeg.ErrorText(handle)));
    }

    /// <summary>Turns a libjpeg message into a short reason.</summary>
    internal static string Reason(string message)
    {
        message = message.Trim();
        int prefix = message.IndexOf("(): ", StringComparison.Ordinal);
        if (prefix >= 0 && prefix < 40)
        {
            message = message[(prefix + 4)..];
        }
        if (message.Contains("Premature end of JPEG file", StringComparison.OrdinalIgnoreCase)
            || message.Contains("premature end of data", StringComparison.OrdinalIgnoreCase))
        {
            return "truncated data (premature end of file)";
        }
        if (message.StartsWith("Not a JPEG file", StringComparison.OrdinalIgnoreCase))
        {
            return "not a valid JPEG (" + message + ")";
        }
        return message.TrimEnd('.');
    }

    public static void Encode(Photo photo, EncodeOptions options, Stream output, string path, long bandPixels = JpegBands.DefaultBandPixels)
    {
        NativeLibraries.Require(NativeLibraries.TurboJpeg, path, Codec);
        int subsampling = options.Subsampling switch
        {
            ChromaSubsampling.Yuv444 => TurboJpeg.Subsampling444,
            ChromaSubsampling.Yuv422 => TurboJpeg.Subsampling422,
            _ => TurboJpeg.Subsampling420,
        };
        JpegBands.Encode(photo.Pixels, photo.Width, photo.Height, photo.Stride, options.Quality, subsampling,
            ColorManagement.SrgbProfileBytes, output, path, bandPixels);
    }

    /// <summary>Compresses <paramref name="rows"/> rows of RGBA pixels into a JPEG that TurboJPEG allocates (free it with tjFree).</summary>
    internal static JpegBands.Band CompressBand(byte* pixels, int width, int stride, int rows, int subsampling, int quality, string path)
    {
        nint handle = Rent(Compressors, decompress: false, path);
        nint jpeg = 0;
        bool healthy = false;
        try
        {
            var size = new CULong(0);
            if (TurboJpeg.Compress2(handle, pixels, width, stride, rows, TurboJpeg.PixelFormatRgba, ref jpeg, ref size, subsampling, quality, 0) != 0)
            {
                throw new PhotoException(path, Codec, Reason(TurboJpeg.ErrorText(handle)));
            }
            healthy = true;
            return new JpegBands.Band { Data = jpeg, Length = checked((int)size.Value) };
        }
        finally
        {
            if (!healthy && jpeg != 0)
            {
                TurboJpeg.Free(jpeg);
            }
            Return(Compressors, handle, healthy);
        }
    }

    /// <summary>Writes an ICC profile as APP2 ICC_PROFILE segments (at most 65519 profile bytes each).</summary>
    internal static void WriteIccSegment(Stream output, ReadOnlySpan<byte> icc)
    {
        const int MaxChunk = 65535 - 2 - 14;
        int count = (icc.Length + MaxChunk - 1) / MaxChunk;
        Span<byte> head = stackalloc byte[4 + 14];
        "ICC_PROFILE\0"u8.CopyTo(head[4..]);
        for (int i = 0; i < count; i++)
        {
            ReadOnlySpan<byte> chunk = icc.Slice(i * MaxChunk, Math.Min(MaxChunk, icc.Length - (i * MaxChunk)));
            int length = 2 + 14 + chunk.Length;
            head[0] = 0xFF;
            head[1] = 0xE2;
            head[2] = (byte)(length >> 8);
            head[3] = (byte)length;
            head[16] = (byte)(i + 1);
            head[17] = (byte)count;
            output.Write(head);
            output.Write(chunk);
        }
    }

    /// <summary>A handle that saw an error may keep a broken state (libjpeg aborts mid-stream): destroy it.</summary>
    private static void Return(HandlePool pool, nint handle, bool healthy)
    {
        if (healthy)
        {
            pool.Add(handle);
        }
        else
        {
            TurboJpeg.Destroy(handle);
        }
    }

    private static nint Rent(HandlePool pool, bool decompress, string path)
    {
        if (pool.TryTake(out nint handle))
        {
            return handle;
        }
        handle = decompress ? TurboJpeg.InitDecompress() : TurboJpeg.InitCompress();
        if (handle == 0)
        {
            throw new PhotoException(path, Codec, "cannot create a TurboJPEG instance");
        }
        return handle;
    }

    /// <summary>
    /// Idle TurboJPEG handles behind a lock. An array rather than a concurrent collection of nint, whose
    /// generic code is not precompiled and would be compiled on the first photo of every process.
    /// </summary>
    private sealed class HandlePool
    {
        private readonly Lock _lock = new();
        private nint[] _handles = new nint[4];
        private int _count;

        public bool TryTake(out nint handle)
        {
            lock (_lock)
            {
                if (_count == 0)
                {
                    handle = 0;
                    return false;
                }
                handle = _handles[--_count];
                return true;
            }
        }

        public void Add(nint handle)
        {
            lock (_lock)
            {
                if (_count == _handles.Length)
                {
                    var larger = new nint[_handles.Length * 2];
                    Array.Copy(_handles, larger, _count);
                    _handles = larger;
                }
                _handles[_count++] = handle;
            }
        }
    }
}
