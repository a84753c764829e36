using System.Buffers.Binary;
using System.Runtime.ExceptionServices;
using SmpRender.IO.Native;

namespace SmpRender.IO.Codecs;

/// <summary>
/// Encodes a photo as horizontal bands of whole MCU rows, each band by its own TurboJPEG call (on
/// several threads when <see cref="Parallelism"/> allows), and joins the bands into one baseline JPEG:
/// the first band's headers with the full height and a DRI (restart interval = MCUs per band), then each
/// band's entropy-coded data followed by RST0..RST7 in turn, then EOI.
/// </summary>
/// <remarks>
/// This is exact: without input smoothing (TurboJPEG never sets it) colour conversion, chroma
/// downsampling, DCT and quantisation work inside one MCU row, so every band's blocks get the same
/// coefficients as in a whole-image encode; interior bands are whole MCU rows, so only the last band
/// pads its bottom, as the whole image would. The DC predictions restart at each band, exactly as a
/// restart marker tells the decoder. The bands must share every table: TurboJPEG uses the standard
/// Huffman tables unless the environment asks otherwise (TJ_OPTIMIZE, TJ_ARITHMETIC, TJ_RESTART,
/// TJ_PROGRESSIVE), so the joiner checks that each band's headers equal the first band's but for the
/// height, and encodes the image in one piece when they do not.
/// The layout depends on the image only, never on the thread count, so the output bytes do not either.
/// </remarks>
internal static unsafe class JpegBands
{
    /// <summary>About this many pixels per band: 12 bands for a 12 MP photo, so two or more cores share the work evenly.</summary>
    public const long DefaultBandPixels = 1 << 20;

    /// <summary>MCU sizes by TJSAMP_* value: 4:4:4, 4:2:2, 4:2:0, grey, 4:4:0, 4:1:1.</summary>
    private static ReadOnlySpan<byte> McuWidths => [8, 16, 16, 8, 8, 32];

    private static ReadOnlySpan<byte> McuHeights => [8, 8, 16, 8, 16, 8];

    /// <summary>How an image is cut: <paramref name="RowsPerBand"/> MCU rows per band (the last band may have fewer).</summary>
    public readonly record struct Layout(int McuWidth, int McuHeight, int McusPerRow, int McuRows, int RowsPerBand)
    {
        public int Bands => (McuRows + RowsPerBand - 1) / RowsPerBand;

        /// <summary>MCUs in every band but the last: the restart interval.</summary>
        public int RestartInterval => McusPerRow * RowsPerBand;

        public int BandTop(int band) => band * RowsPerBand * McuHeight;
    }

    /// <summary>The band layout for an image and a TurboJPEG subsampling (TJSAMP_*).</summary>
    public static Layout Plan(int width, int height, int subsampling, long bandPixels = DefaultBandPixels)
    {
        int mcuWidth = McuWidths[subsampling];
        int mcuHeight = McuHeights[subsampling];
        int mcusPerRow = (width + mcuWidth - 1) / mcuWidth;
        int mcuRows = (height + mcuHeight - 1) / mcuHeight;
        long rowPixels = (long)width * mcuHeight;
        long rows = Math.Max(1, (bandPixels / rowPixels) + (bandPixels % rowPixels == 0 ? 0 : 1));
        // The restart interval is a 16-bit count of MCUs.
        rows = Math.Min(rows, Math.Max(1, ushort.MaxValue / mcusPerRow));
        rows = Math.Min(rows, mcuRows);
        return new Layout(mcuWidth, mcuHeight, mcusPerRow, mcuRows, (int)rows);
    }

    /// <summary>
    /// Encodes RGBA pixels and writes the JPEG: SOI and the JFIF APP0, then <paramref name="icc"/> as
    /// APP2 segments, then the rest. Throws <see cref="PhotoException"/> naming <paramref name="path"/> on failure.
    /// </summary>
    public static void Encode(ReadOnlySpan<byte> rgba, int width, int height, int stride, int quality, int subsampling,
        ReadOnlySpan<byte> icc, Stream output, string path, long bandPixels = DefaultBandPixels)
    {
        Layout layout = Plan(width, height, subsampling, bandPixels);
        fixed (byte* pixels = rgba)
        {
            var bands = new Band[layout.Bands];
            try
            {
                EncodeBands(pixels, width, height, stride, quality, subsampling, layout, bands, path);
                if (bands.Length > 1 && !Joinable(bands))
                {
                    // The environment changed TurboJPEG's tables or stream layout: encode in one piece.
                    Free(bands);
                    layout = layout with { RowsPerBand = layout.McuRows };
                    bands = new Band[1];
                    EncodeBands(pixels, width, height, stride, quality, subsampling, layout, bands, path);
                }
                Write(bands, height, layout.RestartInterval, icc, output);
            }
            finally
            {
                Free(bands);
            }
        }
    }

    private static void EncodeBands(byte* pixels, int width, int height, int stride, int quality, int subsampling,
        Layout layout, Band[] bands, string path)
    {
        void EncodeOne(int i)
        {
            int top = layout.BandTop(i);
            int rows = Math.Min(layout.RowsPerBand * layout.McuHeight, height - top);
            bands[i] = JpegCodec.CompressBand(pixels + ((long)top * stride), width, stride, rows, subsampling, quality, path);
        }

        int threads = Parallelism.Threads;
        if (threads <= 1 || bands.Length == 1)
        {
            for (int i = 0; i < bands.Length; i++)
            {
                EncodeOne(i);
            }
            return;
        }
        try
        {
            Parallel.For(0, bands.Length, Parallelism.Options, EncodeOne);
        }
        catch (AggregateException ex) when (ex.InnerExceptions.Count > 0)
        {
            // Report a failed band as a whole-image encode would: the PhotoException (or a missing native entry point) itself.
            Exception first = ex.InnerExceptions.FirstOrDefault(e => e is PhotoException) ?? ex.InnerExceptions[0];
            ExceptionDispatchInfo.Capture(first).Throw();
        }
    }

    /// <summary>One band as TurboJPEG wrote it: the whole JPEG, where its SOF height and its entropy-coded data are.</summary>
    internal struct Band
    {
        public nint Data;
        public int Length;
        public int HeightOffset;
        public int SosStart;
        public int ScanStart;
        public bool Parsed;

        public readonly ReadOnlySpan<byte> Bytes => new((void*)Data, Length);
    }

    /// <summary>Finds SOF0/1, SOS and the scan data of one band; false when the stream is not one baseline scan ending in EOI.</summary>
    internal static bool Parse(ref Band band)
    {
        ReadOnlySpan<byte> jpeg = band.Bytes;
        if (jpeg.Length < 4 || jpeg[0] != 0xFF || jpeg[1] != 0xD8 || jpeg[^2] != 0xFF || jpeg[^1] != 0xD9)
        {
            return false;
        }
        int pos = 2;
        int heightOffset = -1;
        while (pos + 4 <= jpeg.Length && jpeg[pos] == 0xFF)
        {
            byte marker = jpeg[pos + 1];
            int length = BinaryPrimitives.ReadUInt16BigEndian(jpeg[(pos + 2)..]);
            if (length < 2 || pos + 2 + length > jpeg.Length)
            {
                return false;
            }
            switch (marker)
            {
                case 0xC0 or 0xC1 when heightOffset < 0:
                    heightOffset = pos + 5;
                    break;
                case 0xDA:
                    if (heightOffset < 0)
                    {
                        return false;
                    }
                    band.HeightOffset = heightOffset;
                    band.SosStart = pos;
                    band.ScanStart = pos + 2 + length;
                    band.Parsed = true;
                    return true;
                case 0xDD:
                case >= 0xC2 and <= 0xCF when marker is not (0xC4 or 0xC8 or 0xCC):
                    // A restart interval of its own, or a progressive, lossless or arithmetic-coded frame.
                    return false;
            }
            pos += 2 + length;
        }
        return false;
    }

    /// <summary>Whether every band has the first band's headers (but for the height) and a plain scan.</summary>
    internal static bool Joinable(Band[] bands)
    {
        for (int i = 0; i < bands.Length; i++)
        {
            if (!Parse(ref bands[i]))
            {
                return false;
            }
        }
        Band first = bands[0];
        ReadOnlySpan<byte> head = first.Bytes[..first.ScanStart];
        for (int i = 1; i < bands.Length; i++)
        {
            Band band = bands[i];
            ReadOnlySpan<byte> other = band.Bytes[..band.ScanStart];
            if (other.Length != head.Length
                || band.HeightOffset != first.HeightOffset
                || !other[..band.HeightOffset].SequenceEqual(head[..first.HeightOffset])
                || !other[(band.HeightOffset + 2)..].SequenceEqual(head[(first.HeightOffset + 2)..]))
            {
                return false;
            }
            // No marker may sit inside the entropy-coded data: every 0xFF there is a stuffed 0xFF 0x00.
            ReadOnlySpan<byte> scan = band.Bytes[band.ScanStart..^2];
            if (HasMarker(scan))
            {
                return false;
            }
        }
        return !HasMarker(first.Bytes[first.ScanStart..^2]);
    }

    private static bool HasMarker(ReadOnlySpan<byte> scan)
    {
        int at = 0;
        while (true)
        {
            int ff = scan[at..].IndexOf((byte)0xFF);
            if (ff < 0)
            {
                return false;
            }
            at += ff + 1;
            if (at >= scan.Length || scan[at] != 0x00)
            {
                return true;
            }
        }
    }

    private static void Write(Band[] bands, int height, int restartInterval, ReadOnlySpan<byte> icc, Stream output)
    {
        ReadOnlySpan<byte> first = bands[0].Bytes;
        // SOI and the JFIF APP0 that TurboJPEG writes first, then the profile, then the rest.
        int head = 2;
        if (first.Length > 4 && first[2] == 0xFF && first[3] == 0xE0)
        {
            head = 4 + ((first[4] << 8) | first[5]);
        }
        output.Write(first[..head]);
        JpegCodec.WriteIccSegment(output, icc);
        if (bands.Length == 1)
        {
            output.Write(first[head..]);
            return;
        }
        // Small writes go through one stack buffer (collection expressions of bytes would compile generic helpers at run time).
        Span<byte> bytes = stackalloc byte[6];
        Band b0 = bands[0];
        output.Write(first[head..b0.HeightOffset]);
        BinaryPrimitives.WriteUInt16BigEndian(bytes, (ushort)height);
        output.Write(bytes[..2]);
        output.Write(first[(b0.HeightOffset + 2)..b0.SosStart]);
        bytes[0] = 0xFF;
        bytes[1] = 0xDD;
        BinaryPrimitives.WriteUInt16BigEndian(bytes[2..], 4);
        BinaryPrimitives.WriteUInt16BigEndian(bytes[4..], (ushort)restartInterval);
        output.Write(bytes);
        output.Write(first[b0.SosStart..b0.ScanStart]);
        bytes[0] = 0xFF;
        for (int i = 0; i < bands.Length; i++)
        {
            Band band = bands[i];
            output.Write(band.Bytes[band.ScanStart..^2]);
            bytes[1] = i < bands.Length - 1 ? (byte)(0xD0 + (i % 8)) : (byte)0xD9;
            output.Write(bytes[..2]);
        }
    }

    private static void Free(Band[] bands)
    {
        for (int i = 0; i < bands.Length; i++)
        {
            if (bands[i].Data != 0)
            {
                TurboJpeg.Free(bands[i].Data);
                bands[i] = default;
            }
        }
    }
}
