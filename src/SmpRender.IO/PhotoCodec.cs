using System.Diagnostics;
using System.Numerics;
using System.Runtime.InteropServices;
using SmpRender.IO.Codecs;
using SmpRender.IO.Color;
using SmpRender.IO.Metadata;
using SmpRender.IO.Native;

namespace SmpRender.IO;

/// <summary>
/// Reads and writes photos through the native reference codecs. Decoded photos are sRGB RGBA8 with
/// the EXIF orientation applied; the format is detected from the bytes, never the extension.
/// All methods are safe to call from several threads at once.
/// </summary>
public static class PhotoCodec
{
    /// <summary>Reads and decodes a photo file.</summary>
    /// <exception cref="PhotoException">The file is missing, unreadable, unsupported, invalid or over the pixel limit.</exception>
    public static Photo Read(string path, DecodeOptions? options = null) => ReadWithDetails(path, options).Photo;

    /// <summary>Reads and decodes a photo file, reporting its size and the decode time.</summary>
    public static DecodedPhoto ReadWithDetails(string path, DecodeOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        (byte[] buffer, int length) = ReadFile(path);
        try
        {
            long start = Stopwatch.GetTimestamp();
            Photo photo = Decode(buffer.AsSpan(0, length), path, options);
            return new DecodedPhoto(photo, length, Stopwatch.GetElapsedTime(start));
        }
        finally
        {
            Buffers.Pool.Return(buffer);
        }
    }

    /// <summary>Decodes a photo held in memory; <paramref name="nameForErrors"/> names it in error messages.</summary>
    public static Photo Decode(ReadOnlySpan<byte> data, string nameForErrors, DecodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(nameForErrors);
        options ??= DecodeOptions.Default;
        if (data.IsEmpty)
        {
            throw new PhotoException(nameForErrors, "", "empty file");
        }
        PhotoFormat format = FormatDetector.Detect(data);
        string codec = CodecName(format);
        try
        {
            DecodeResult raw = format switch
            {
                PhotoFormat.Jpeg => JpegCodec.Decode(data, nameForErrors, options),
                PhotoFormat.Png => PngCodec.Decode(data, nameForErrors, options),
                PhotoFormat.WebP => WebPCodec.Decode(data, nameForErrors, options),
                PhotoFormat.Heif or PhotoFormat.Avif => HeifCodec.Decode(data, nameForErrors, format, options),
                _ => throw Unsupported(data, nameForErrors),
            };
            Photo photo = raw.Photo;
            try
            {
                if (raw.Icc is not null)
                {
                    using ColorManagement.Profile? profile = ColorManagement.Open(raw.Icc, nameForErrors);
                    if (profile is not null)
                    {
                        ColorManagement.ConvertRgbaToSrgb(photo, profile, nameForErrors);
                    }
                }
                return Orientation.Apply(photo, raw.Orientation);
            }
            catch
            {
                photo.Dispose();
                throw;
            }
        }
        catch (DllNotFoundException ex)
        {
            throw NativeLibraries.Explain(ex, LibraryOf(format), nameForErrors, codec);
        }
        catch (EntryPointNotFoundException ex)
        {
            throw new PhotoException(nameForErrors, codec, $"the installed native library is too old ({OneLine(ex.Message)})", ex);
        }
    }

    /// <summary>
    /// The size a photo file decodes to (with its EXIF orientation applied), from its header alone, when that is
    /// cheap to tell (JPEG); null otherwise, and for a file that cannot be read: decoding it then says why.
    /// </summary>
    public static (int Width, int Height)? PeekSize(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        // The frame header follows the EXIF and ICC segments, which rarely exceed a few hundred kilobytes.
        const int HeadBytes = 512 * 1024;
        byte[] head = Buffers.Pool.Rent(HeadBytes);
        try
        {
            int length;
            using (var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1))
            {
                length = file.ReadAtLeast(head.AsSpan(0, HeadBytes), HeadBytes, throwOnEndOfStream: false);
            }
            ReadOnlySpan<byte> data = head.AsSpan(0, length);
            if (FormatDetector.Detect(data) != PhotoFormat.Jpeg)
            {
                return null;
            }
            JpegMarkers markers = JpegMarkers.Scan(data);
            if (markers.Width <= 0 || markers.Height <= 0)
            {
                return null;
            }
            return markers.ExifOrientation is >= 5 and <= 8 ? (markers.Height, markers.Width) : (markers.Width, markers.Height);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        finally
        {
            Buffers.Pool.Return(head);
        }
    }

    /// <summary>The format of photo bytes, from their magic numbers; <see cref="PhotoFormat.Unknown"/> if not one SmpRender reads.</summary>
    public static PhotoFormat DetectFormat(ReadOnlySpan<byte> data) => FormatDetector.Detect(data);

    /// <summary>The output format for a path, from its extension (.jpg, .jpeg, .png, .webp).</summary>
    /// <exception cref="PhotoException">The extension is not one SmpRender writes.</exception>
    public static PhotoFormat FormatForPath(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".jpg" or ".jpeg" => PhotoFormat.Jpeg,
            ".png" => PhotoFormat.Png,
            ".webp" => PhotoFormat.WebP,
            var ext => throw new PhotoException(path, "",
                $"cannot choose an output format from the extension '{(ext.Length == 0 ? "(none)" : ext)}' (use .jpg, .jpeg, .png or .webp)"),
        };
    }

    /// <summary>
    /// The widest and tallest image a format holds: 65,500 px a side for JPEG (libjpeg's limit), 16,383 for WebP; a PNG
    /// is limited by the memory of one image (see <see cref="Photo.Create"/>) instead.
    /// </summary>
    public static int MaxSide(PhotoFormat format) => format switch
    {
        PhotoFormat.Jpeg => 65_500,
        PhotoFormat.WebP => 16_383,
        _ => int.MaxValue,
    };

    /// <summary>Encodes a photo to bytes (JPEG and PNG carry an sRGB profile tag).</summary>
    public static byte[] Encode(Photo photo, PhotoFormat format, EncodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        // A JPEG of a photo is typically 1-2 bits per pixel: start there and grow in pooled memory.
        using var output = new PooledBufferStream((int)Math.Min(photo.PixelCount / 4, 64L << 20));
        EncodeTo(photo, format, options ?? EncodeOptions.Default, output, "(memory)");
        return output.ToArray();
    }

    /// <summary>
    /// Encodes a photo into a file, in the format its extension names. The write is atomic (a temporary
    /// file in the target folder is renamed over the target), creates the folder, and refuses to overwrite
    /// any of <see cref="EncodeOptions.ProtectedInputs"/>. A failed encode leaves no file behind.
    /// </summary>
    /// <exception cref="PhotoException">Unknown extension or the encoder failed.</exception>
    /// <exception cref="OutputException">The file could not be written or would overwrite an input.</exception>
    public static void Write(Photo photo, string path, EncodeOptions? options = null)
    {
        using AtomicFile.Pending file = PrepareWrite(photo, path, options);
        file.Commit();
    }

    /// <summary>
    /// <see cref="Write"/> up to the rename: the encoded photo is in its temporary file, flushed, and
    /// <see cref="AtomicFile.Pending.Commit"/> puts it in place (see <see cref="AtomicFile.Prepare"/>).
    /// </summary>
    /// <exception cref="PhotoException">Unknown extension or the encoder failed.</exception>
    /// <exception cref="OutputException">The file could not be written or would overwrite an input.</exception>
    public static AtomicFile.Pending PrepareWrite(Photo photo, string path, EncodeOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(photo);
        options ??= EncodeOptions.Default;
        PhotoFormat format = FormatForPath(path);
        return AtomicFile.Prepare(path, stream => EncodeTo(photo, format, options, stream, path), options.ProtectedInputs);
    }

    private static void EncodeTo(Photo photo, PhotoFormat format, EncodeOptions options, Stream output, string path)
    {
        try
        {
            switch (format)
            {
                case PhotoFormat.Jpeg:
                    // JPEG has no alpha: transparent pixels are shown on white, not as the colours they hide.
                    using (Photo? flat = FlattenedOnWhite(photo))
                    {
                        JpegCodec.Encode(flat ?? photo, options, output, path);
                    }
                    break;
                case PhotoFormat.Png:
                    PngCodec.Encode(photo, options, output, path);
                    break;
                case PhotoFormat.WebP:
                    WebPCodec.Encode(photo, options, output, path);
                    break;
                default:
                    throw new PhotoException(path, CodecName(format), $"writing {format} is not supported (write JPEG, PNG or WebP)");
            }
        }
        catch (DllNotFoundException ex)
        {
            throw NativeLibraries.Explain(ex, LibraryOf(format), path, CodecName(format));
        }
        catch (EntryPointNotFoundException ex)
        {
            throw new PhotoException(path, CodecName(format), $"the installed native library is too old ({OneLine(ex.Message)})", ex);
        }
    }

    /// <summary>
    /// A copy of the photo composited over white (straight alpha, in its sRGB values, as image editors flatten), when it
    /// has a pixel that is not opaque; null when it has none. A photo decoded from a file without an alpha channel is
    /// opaque and is not looked at.
    /// </summary>
    internal static Photo? FlattenedOnWhite(Photo photo)
    {
        if (photo.Info is { Format: not PhotoFormat.Unknown, HasAlpha: false })
        {
            return null;
        }
        ReadOnlySpan<uint> pixels = MemoryMarshal.Cast<byte, uint>(photo.Pixels);
        // RGBA bytes read as little-endian words: the alpha is the top byte.
        var opaque = new Vector<uint>(0xFF000000u);
        int i = 0;
        for (; i <= pixels.Length - Vector<uint>.Count; i += Vector<uint>.Count)
        {
            if (!Vector.EqualsAll(new Vector<uint>(pixels[i..]) & opaque, opaque))
            {
                break;
            }
        }
        while (i < pixels.Length && pixels[i] >= 0xFF000000u)
        {
            i++;
        }
        if (i == pixels.Length)
        {
            return null;
        }
        Photo flat = photo.Clone();
        Span<byte> px = flat.Pixels;
        for (int p = i * Photo.Channels; p < px.Length; p += Photo.Channels)
        {
            int a = px[p + 3];
            if (a == 255)
            {
                continue;
            }
            int white = 255 * (255 - a) + 127;
            px[p] = (byte)((px[p] * a + white) / 255);
            px[p + 1] = (byte)((px[p + 1] * a + white) / 255);
            px[p + 2] = (byte)((px[p + 2] * a + white) / 255);
            px[p + 3] = 255;
        }
        return flat;
    }

    private static PhotoException Unsupported(ReadOnlySpan<byte> data, string path)
    {
        string? known = FormatDetector.DescribeUnsupported(data);
        return known is not null
            ? new PhotoException(path, "", $"unsupported format: {known} (SmpRender reads JPEG, PNG, WebP, HEIC/HEIF and AVIF)")
            : new PhotoException(path, "", "unrecognised content: not a JPEG, PNG, WebP, HEIC/HEIF or AVIF photo");
    }

    private static string CodecName(PhotoFormat format) => format switch
    {
        PhotoFormat.Jpeg => JpegCodec.Codec,
        PhotoFormat.Png => PngCodec.Codec,
        PhotoFormat.WebP => WebPCodec.Codec,
        PhotoFormat.Heif => "HEIF",
        PhotoFormat.Avif => "AVIF",
        _ => "",
    };

    private static string LibraryOf(PhotoFormat format) => format switch
    {
        PhotoFormat.Png => NativeLibraries.Png,
        PhotoFormat.WebP => NativeLibraries.WebP,
        PhotoFormat.Heif or PhotoFormat.Avif => NativeLibraries.Heif,
        _ => NativeLibraries.TurboJpeg,
    };

    /// <summary>Reads a whole file into a pooled buffer; file-level failures become one-line errors.</summary>
    private static (byte[] Buffer, int Length) ReadFile(string path)
    {
        if (Directory.Exists(path))
        {
            throw new PhotoException(path, "", "is a directory, not a photo file");
        }
        if (!File.Exists(path))
        {
            throw new PhotoException(path, "", "file not found");
        }
        byte[]? buffer = null;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
            long known = stream.CanSeek ? stream.Length : 0;
            if (known > Array.MaxLength / 2)
            {
                throw new PhotoException(path, "", $"file too large ({known:N0} bytes)");
            }
            buffer = Buffers.Pool.Rent((int)Math.Max(known, 64 * 1024));
            int length = 0;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length >= Array.MaxLength / 4)
                    {
                        throw new PhotoException(path, "", "file too large");
                    }
                    byte[] larger = Buffers.Pool.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    Buffers.Pool.Return(buffer);
                    buffer = larger;
                }
                int read = stream.Read(buffer, length, buffer.Length - length);
                if (read == 0)
                {
                    break;
                }
                length += read;
            }
            if (length == 0)
            {
                throw new PhotoException(path, "", "empty file");
            }
            return (buffer, length);
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            if (buffer is not null)
            {
                Buffers.Pool.Return(buffer);
            }
            string reason = ex is UnauthorizedAccessException ? "permission denied" : $"read error: {OneLine(ex.Message)}";
            throw new PhotoException(path, "", reason, ex);
        }
        catch
        {
            if (buffer is not null)
            {
                Buffers.Pool.Return(buffer);
            }
            throw;
        }
    }

    internal static string OneLine(string message) => message.ReplaceLineEndings(" ").Trim();
}
