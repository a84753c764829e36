using BenchmarkDotNet.Attributes;
using SmpRender.Color;
using SmpRender.Compositing;
using SmpRender.Imaging;
using SmpRender.Pigment;
using SmpRender.Sampling;

namespace SmpRender.Benchmarks.Compositing;

/// <summary>
/// Compositing 100k dots onto a 12 MP photo (4000×3000). The dots come from a jittered grid at ~11 px
/// spacing (the full photo at ~1 dot per mm² with 11 px/mm); the real sampler replaces it later.
/// Each iteration restores the photo from a pristine copy first (a 48 MB copy, measured separately
/// by <see cref="RestoreOnly"/>). <see cref="Composite100kDots"/> runs the loops the processor picks (AVX-512 where it
/// has it); <see cref="Composite100kDotsAvx2"/> the AVX2 pixel loop.
/// </summary>
[MemoryDiagnoser]
public class CompositorBenchmarks
{
    private const int Width = 4000;
    private const int Height = 3000;
    private const int DotCount = 100_000;

    private Photo _pristine = null!;
    private Photo _photo = null!;
    private DotField _dots = null!;
    private PigmentModel _pigment = null!;

    [Params(1, -1)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        Rgb8 skin = MonkSkinTone.Swatch(4);
        _pristine = Photo.Filled(Width, Height, skin.R, skin.G, skin.B);
        _photo = _pristine.Clone();
        double cell = Math.Sqrt((double)Width * Height / DotCount);
        int cols = (int)Math.Ceiling(Width / cell), rows = (int)Math.Ceiling(Height / cell);
        var xs = new float[cols * rows];
        var ys = new float[cols * rows];
        var rng = new Random(1);
        int n = 0;
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < cols && n < DotCount; c++)
            {
                xs[n] = (float)((c + rng.NextDouble()) * cell);
                ys[n] = (float)((r + rng.NextDouble()) * cell);
                n++;
            }
        }
        var sessions = new byte[n];
        for (int i = 0; i < n; i++)
        {
            sessions[i] = (byte)(1 + i % 3);
        }
        var spacing = new float[n];
        Array.Fill(spacing, (float)cell);
        _dots = new DotField(xs, ys, spacing, sessions, Enumerable.Range(0, n).ToArray(), n, pxPerMm: cell);
        _pigment = new PigmentModel(new PigmentOptions(seed: 1), SkinTone.FromRgb(skin));
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _photo.Dispose();
        _pristine.Dispose();
    }

    [Benchmark(Baseline = true)]
    public void RestoreOnly() => _pristine.Pixels.CopyTo(_photo.Pixels);

    [Benchmark]
    public void Composite100kDots()
    {
        _pristine.Pixels.CopyTo(_photo.Pixels);
        DotCompositor.Apply(_photo, _dots, _pigment, maxDegreeOfParallelism: Threads);
    }

    /// <summary>The same with the AVX2 pixel loop, which processors without AVX-512 run (the same bytes).</summary>
    [Benchmark]
    public void Composite100kDotsAvx2()
    {
        _pristine.Pixels.CopyTo(_photo.Pixels);
        DotCompositor.Apply(_photo, _dots, _pigment, null, null, Threads, 0, DotCompositor.PixelLoop.Avx2);
    }
}
