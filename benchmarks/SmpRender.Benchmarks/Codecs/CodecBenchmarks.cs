using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using SmpRender.Imaging;
using SmpRender.IO;
using SmpRender.IO.Native;

namespace SmpRender.Benchmarks.Codecs;

/// <summary>
/// Decode and encode of a 12-megapixel (4000x3000) photo-like image per format: the floor every
/// render is compared with. The image is smooth gradients plus texture and sensor-like noise.
/// <c>TurboJpegDirect</c> calls tjDecompress2 straight into a buffer, to show our overhead.
/// HEIC and AVIF are decode-only (SmpRender does not write them); their files are made by libheif in setup.
/// <c>Threads</c> limits the engine's loops as <see cref="Parallelism.Limit"/> does (1 as in a batch job);
/// the JPEG encoder shares its bands among them.
/// </summary>
[MemoryDiagnoser]
public unsafe class CodecBenchmarks
{
    private const int Width = 4000;
    private const int Height = 3000;

    private Photo _photo = null!;
    private byte[] _jpeg = null!;
    private byte[] _png = null!;
    private byte[] _webp = null!;
    private byte[] _heic = null!;
    private byte[] _avif = null!;
    private byte[] _rgba = null!;

    [Params(1, 2)]
    public int Threads { get; set; }

    /// <summary>The JPEG cases need only the photo and its JPEG (the other formats' files take long to make).</summary>
    [GlobalSetup(Targets = [nameof(JpegDecode), nameof(TurboJpegDirect), nameof(JpegEncode), nameof(JpegEncode444), nameof(TurboJpegEncodeDirect)])]
    public void JpegSetup()
    {
        _photo = PhotoLike(Width, Height, seed: 42);
        _jpeg = PhotoCodec.Encode(_photo, PhotoFormat.Jpeg, new EncodeOptions(90));
        _rgba = new byte[Width * Height * 4];
        Console.WriteLine($"// 12 MP JPEG q90 {_jpeg.Length:N0} B");
    }

    [GlobalSetup(Targets = [nameof(PngDecode), nameof(PngEncode), nameof(PngEncodeFast), nameof(WebPDecode), nameof(WebPEncode), nameof(HeicDecode), nameof(AvifDecode)])]
    public void Setup()
    {
        _photo = PhotoLike(Width, Height, seed: 42);
        _jpeg = PhotoCodec.Encode(_photo, PhotoFormat.Jpeg, new EncodeOptions(90));
        _png = PhotoCodec.Encode(_photo, PhotoFormat.Png);
        _webp = PhotoCodec.Encode(_photo, PhotoFormat.WebP, new EncodeOptions(90));
        _heic = SmpRender.IO.Tests.Fixtures.HeifWriter.Encode(_photo, avif: false, quality: 90);
        _avif = SmpRender.IO.Tests.Fixtures.HeifWriter.Encode(_photo, avif: true, quality: 90);
        _rgba = new byte[Width * Height * 4];
        Console.WriteLine($"// 12 MP sizes: JPEG q90 {_jpeg.Length:N0} B, PNG {_png.Length:N0} B, WebP q90 {_webp.Length:N0} B, HEIC {_heic.Length:N0} B, AVIF {_avif.Length:N0} B");
    }

    [GlobalCleanup]
    public void Cleanup() => _photo.Dispose();

    [Benchmark(Description = "JPEG decode")]
    public int JpegDecode()
    {
        using Parallelism.Scope limit = Parallelism.Limit(Threads);
        using Photo p = PhotoCodec.Decode(_jpeg, "bench.jpg");
        return p.Width;
    }

    [Benchmark(Description = "JPEG decode, raw tjDecompress2 RGBA")]
    public int TurboJpegDirect()
    {
        nint handle = TurboJpeg.InitDecompress();
        try
        {
            fixed (byte* src = _jpeg)
            fixed (byte* dst = _rgba)
            {
                return TurboJpeg.Decompress2(handle, src, new CULong((nuint)_jpeg.Length), dst, Width, Width * 4, Height, TurboJpeg.PixelFormatRgba, 0);
            }
        }
        finally
        {
            TurboJpeg.Destroy(handle);
        }
    }

    [Benchmark(Description = "JPEG encode q90 4:2:0")]
    public int JpegEncode()
    {
        using Parallelism.Scope limit = Parallelism.Limit(Threads);
        return PhotoCodec.Encode(_photo, PhotoFormat.Jpeg, new EncodeOptions(90)).Length;
    }

    [Benchmark(Description = "JPEG encode q90 4:4:4")]
    public int JpegEncode444()
    {
        using Parallelism.Scope limit = Parallelism.Limit(Threads);
        return PhotoCodec.Encode(_photo, PhotoFormat.Jpeg, new EncodeOptions(90, ChromaSubsampling.Yuv444)).Length;
    }

    [Benchmark(Description = "JPEG encode q90 4:2:0, raw tjCompress2")]
    public int TurboJpegEncodeDirect()
    {
        nint handle = TurboJpeg.InitCompress();
        nint jpeg = 0;
        try
        {
            var size = new CULong(0);
            fixed (byte* src = _photo.Pixels)
            {
                TurboJpeg.Compress2(handle, src, Width, Width * 4, Height, TurboJpeg.PixelFormatRgba, ref jpeg, ref size, TurboJpeg.Subsampling420, 90, 0);
            }
            return (int)size.Value;
        }
        finally
        {
            TurboJpeg.Free(jpeg);
            TurboJpeg.Destroy(handle);
        }
    }

    [Benchmark(Description = "PNG decode")]
    public int PngDecode()
    {
        using Photo p = PhotoCodec.Decode(_png, "bench.png");
        return p.Width;
    }

    [Benchmark(Description = "PNG encode")]
    public int PngEncode() => PhotoCodec.Encode(_photo, PhotoFormat.Png).Length;

    [Benchmark(Description = "PNG encode, fast")]
    public int PngEncodeFast() => PhotoCodec.Encode(_photo, PhotoFormat.Png, new EncodeOptions(FastPng: true)).Length;

    [Benchmark(Description = "WebP decode")]
    public int WebPDecode()
    {
        using Photo p = PhotoCodec.Decode(_webp, "bench.webp");
        return p.Width;
    }

    [Benchmark(Description = "WebP encode q90")]
    public int WebPEncode() => PhotoCodec.Encode(_photo, PhotoFormat.WebP, new EncodeOptions(90)).Length;

    [Benchmark(Description = "HEIC decode (libheif)")]
    public int HeicDecode()
    {
        using Photo p = PhotoCodec.Decode(_heic, "bench.heic");
        return p.Width;
    }

    [Benchmark(Description = "AVIF decode (libheif)")]
    public int AvifDecode()
    {
        using Photo p = PhotoCodec.Decode(_avif, "bench.avif");
        return p.Width;
    }

    /// <summary>Smooth gradients, a soft large-scale texture and ±4 noise: compresses like a phone photo.</summary>
    internal static Photo PhotoLike(int width, int height, int seed)
    {
        var random = new Random(seed);
        Photo photo = Photo.Create(width, height, clear: false);
        for (int y = 0; y < height; y++)
        {
            Span<byte> row = photo.Row(y);
            double fy = (double)y / height;
            for (int x = 0; x < width; x++)
            {
                double fx = (double)x / width;
                double texture = 18 * Math.Sin(fx * 37) * Math.Cos(fy * 23);
                int n = random.Next(-4, 5);
                row[x * 4] = Clamp(150 + (70 * fx) + texture + n);
                row[(x * 4) + 1] = Clamp(110 + (50 * fy) + texture + n);
                row[(x * 4) + 2] = Clamp(90 + (40 * (1 - fx)) + (texture / 2) + n);
                row[(x * 4) + 3] = 255;
            }
        }
        return photo;
    }

    private static byte Clamp(double v) => (byte)Math.Clamp((int)Math.Round(v), 0, 255);
}
