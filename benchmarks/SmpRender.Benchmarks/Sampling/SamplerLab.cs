using System.Diagnostics;
using System.Globalization;
using SmpRender.Sampling;

namespace SmpRender.Benchmarks.Sampling;

/// <summary>Quick measurements outside BenchmarkDotNet: `lab` prints quality and speed of a few workloads.</summary>
public static class SamplerLab
{
    /// <summary>Writes PGM pictures of fields and of their averaged power spectrum into a folder.</summary>
    private static void Images(PoissonDiscSampler sampler, string folder)
    {
        Directory.CreateDirectory(folder);
        // 1. A uniform field, 1200x1200 px at 5 px/mm (spacing ~4.2 px): dots drawn as 1.2 px discs.
        var map = DensityMap.Uniform(1200, 1200, 5);
        var field = sampler.Sample(map, new PoissonDiscOptions(100, 1));
        WritePgm(Path.Combine(folder, "uniform.pgm"), Render(field, 1200, 1200, 1.3));
        // 2. Feathered ellipse with three sessions, sessions in greys.
        var em = new DensityMap(1200, 900, 5, SamplerWorkloads.EllipseValues(1200, 900, 160));
        var ef = sampler.Sample(em, new PoissonDiscOptions(100, 2, SessionShares: [0.5, 0.3, 0.2]));
        WritePgm(Path.Combine(folder, "ellipse.pgm"), Render(ef, 1200, 900, 1.3));
        using (var svg = File.Create(Path.Combine(folder, "ellipse.svg")))
        {
            DotFieldExport.WriteSvg(ef, svg, 1200, 900, 0.25);
        }
        // 3. Power spectrum averaged over 16 fields of 512x512 px (dots binned to pixels), centre = DC.
        const int n = 512;
        var power = new double[n * n];
        int fields = 48;
        for (int f = 0; f < fields; f++)
        {
            var pf = sampler.Sample(DensityMap.Uniform(n, n, 8), new PoissonDiscOptions(100, (ulong)(100 + f)));
            var grid = new System.Numerics.Complex[n * n];
            double mean = pf.Count / (double)(n * n);
            for (int i = 0; i < pf.Count; i++)
            {
                grid[Math.Min(n - 1, (int)pf.Y[i]) * n + Math.Min(n - 1, (int)pf.X[i])] += 1;
            }
            for (int i = 0; i < grid.Length; i++)
            {
                grid[i] -= mean;
            }
            Fft2D(grid, n);
            for (int i = 0; i < grid.Length; i++)
            {
                power[i] += grid[i].Magnitude * grid[i].Magnitude / pf.Count / fields;
            }
        }
        var spectrum = new byte[n * n];
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
            {
                double p = power[((y + n / 2) % n) * n + (x + n / 2) % n];
                spectrum[y * n + x] = (byte)Math.Clamp(255 * p / 2.0, 0, 255);
            }
        }
        WritePgm(Path.Combine(folder, "spectrum.pgm"), (spectrum, n, n));
        // Radial average printed as text: blue noise is low near 0 and flat ~1 beyond the peak.
        var radial = new double[n / 2];
        var counts = new int[n / 2];
        for (int y = 0; y < n; y++)
        {
            for (int x = 0; x < n; x++)
            {
                int dx = (x + n / 2) % n - n / 2, dy = (y + n / 2) % n - n / 2;
                int rr = (int)Math.Sqrt(dx * dx + dy * dy);
                if (rr < n / 2)
                {
                    radial[rr] += power[y * n + x];
                    counts[rr]++;
                }
            }
        }
        Console.WriteLine("radial power: " + string.Join(" ", Enumerable.Range(0, n / 2).Where(i => i % 8 == 0).Select(i => (radial[i] / Math.Max(1, counts[i])).ToString("0.00", CultureInfo.InvariantCulture))));
    }

    private static void Fft2D(System.Numerics.Complex[] grid, int n)
    {
        var line = new System.Numerics.Complex[n];
        for (int y = 0; y < n; y++)
        {
            Array.Copy(grid, y * n, line, 0, n);
            MathNet.Numerics.IntegralTransforms.Fourier.Forward(line, MathNet.Numerics.IntegralTransforms.FourierOptions.NoScaling);
            Array.Copy(line, 0, grid, y * n, n);
        }
        for (int x = 0; x < n; x++)
        {
            for (int y = 0; y < n; y++)
            {
                line[y] = grid[y * n + x];
            }
            MathNet.Numerics.IntegralTransforms.Fourier.Forward(line, MathNet.Numerics.IntegralTransforms.FourierOptions.NoScaling);
            for (int y = 0; y < n; y++)
            {
                grid[y * n + x] = line[y];
            }
        }
    }

    private static (byte[] Pixels, int Width, int Height) Render(DotField field, int width, int height, double radius)
    {
        var pixels = new byte[width * height];
        Array.Fill(pixels, (byte)255);
        byte[] shades = [0, 90, 150];
        for (int i = 0; i < field.Count; i++)
        {
            byte shade = shades[(field.Session[i] - 1) % shades.Length];
            int x0 = (int)(field.X[i] - radius), x1 = (int)(field.X[i] + radius) + 1;
            int y0 = (int)(field.Y[i] - radius), y1 = (int)(field.Y[i] + radius) + 1;
            for (int y = Math.Max(0, y0); y <= Math.Min(height - 1, y1); y++)
            {
                for (int x = Math.Max(0, x0); x <= Math.Min(width - 1, x1); x++)
                {
                    double dx = x + 0.5 - field.X[i], dy = y + 0.5 - field.Y[i];
                    if (dx * dx + dy * dy <= radius * radius)
                    {
                        pixels[y * width + x] = Math.Min(pixels[y * width + x], shade);
                    }
                }
            }
        }
        return (pixels, width, height);
    }

    private static void WritePgm(string path, (byte[] Pixels, int Width, int Height) image)
    {
        using var file = File.Create(path);
        byte[] header = System.Text.Encoding.ASCII.GetBytes($"P5\n{image.Width} {image.Height}\n255\n");
        file.Write(header);
        file.Write(image.Pixels);
    }

    public static void Run(string[] args)
    {
        var sampler = new PoissonDiscSampler();
        if (args.Contains("prof"))
        {
            // Repeats one 1M workload on one thread (for a profiler): prof FIELD [REPS].
            string pf = args[^2];
            int preps = int.Parse(args[^1], CultureInfo.InvariantCulture);
            var pm = SamplerWorkloads.Create(pf, 1_000_000);
            var po = new PoissonDiscOptions(SamplerWorkloads.DotsPerCm2, 1, MaxDegreeOfParallelism: 1);
            double pbest = double.MaxValue;
            DotField pfield = DotField.Empty(1);
            for (int i = 0; i < preps; i++)
            {
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                pfield = sampler.Sample(pm, po);
                pbest = Math.Min(pbest, (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
            }
            ulong ph = 1469598103934665603UL;
            for (int k = 0; k < pfield.Count; k++)
            {
                ph = (ph ^ BitConverter.SingleToUInt32Bits(pfield.X[k]) ^ ((ulong)BitConverter.SingleToUInt32Bits(pfield.Y[k]) << 32) ^ ((ulong)(uint)pfield.Rank[k] << 7)) * 1099511628211UL;
            }
            Console.WriteLine($"{pf} 1M: {pbest * 1000:0} ms cpu (best of {preps}), {pfield.Count} dots, hash {ph:x16}");

            return;
        }
        if (args.Contains("table"))
        {
            // CPU time on one thread (best of 5) of the benchmark fields of 100k and 1M dots.
            foreach (string tf in new[] { "ellipse", "uniform" })
            {
                foreach (int tn in new[] { 100_000, 1_000_000 })
                {
                    var tm = SamplerWorkloads.Create(tf, tn);
                    var to = new PoissonDiscOptions(SamplerWorkloads.DotsPerCm2, 1, MaxDegreeOfParallelism: 1);
                    double tbest = double.MaxValue;
                    int tcount = 0;
                    for (int i = 0; i < 6; i++)
                    {
                        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                        tcount = sampler.Sample(tm, to).Count;
                        double t = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
                        tbest = i == 0 ? tbest : Math.Min(tbest, t); // the first call compiles
                    }
                    Console.WriteLine($"{tf} {tn}: {tcount} dots, {tbest * 1000:0.0} ms cpu, {tcount / tbest / 1e6:0.00} M/s");
                }
            }
            return;
        }
        if (args.Contains("ell100"))
        {
            var wm = SamplerWorkloads.Ellipse(100_000);
            for (int i = 0; i < 6; i++)
            {
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                var wf = sampler.Sample(wm, new PoissonDiscOptions(100, 1, MaxDegreeOfParallelism: 1));
                double secs = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
                Console.WriteLine($"ellipse {wf.Count} dots: {secs * 1000:0.0} ms cpu, {wf.Count / secs / 1e6:0.00} M/s");
            }
            return;
        }
        if (args.Contains("cells"))
        {
            // A/B in one process: the ellipse with tiles of 64 cells only, and with wider cells where allowed.
            var am = SamplerWorkloads.Ellipse(1_000_000);
            var ao = new PoissonDiscOptions(SamplerWorkloads.DotsPerCm2, 1, MaxDegreeOfParallelism: 1);
            int[] settings = [64, 8];
            var best = new double[settings.Length];
            Array.Fill(best, double.MaxValue);
            for (int i = 0; i < 6; i++)
            {
                for (int k = 0; k < settings.Length; k++)
                {
                    MaximalDiscKernel<MapDensity>.MinTileCells = settings[k];
                    var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                    sampler.Sample(am, ao);
                    best[k] = Math.Min(best[k], (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
                }
            }
            Console.WriteLine(string.Join(", ", settings.Select((v, k) => $"min cells {v}: {best[k] * 1000:0} ms")));
            return;
        }
        if (args.Contains("seam"))
        {
            // A ramp along x (relative density 0.02 to 1): dots per strip of 1/8 tile, measured over
            // expected, averaged over seeds; tile seams would show as steps at every eighth strip.
            const int width = 2280, height = 760;
            var values = new float[width * height];
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    double t = (x + 0.5) / width;
                    values[y * width + x] = (float)(0.02 + 0.98 * t * t);
                }
            }
            var rm = new DensityMap(width, height, SamplerWorkloads.PxPerMm, values);
            double tile = PoissonDiscSampler.SpacingPx(SamplerWorkloads.DotsPerCm2, SamplerWorkloads.PxPerMm) / Math.Sqrt(2) * 64;
            double strip = tile / 8;
            int strips = (int)(width / strip);
            var got = new double[strips];
            var want = new double[strips];
            DotField last = DotField.Empty(SamplerWorkloads.PxPerMm);
            for (ulong seed = 0; seed < 24; seed++)
            {
                last = sampler.Sample(rm, new PoissonDiscOptions(SamplerWorkloads.DotsPerCm2, seed));
                for (int i = 0; i < last.Count; i++)
                {
                    if (last.Y[i] > 20 && last.Y[i] < height - 20)
                    {
                        got[Math.Min(strips - 1, (int)(last.X[i] / strip))]++;
                    }
                }
            }
            for (int b = 0; b < strips; b++)
            {
                for (int x = (int)(b * strip); x < (int)((b + 1) * strip); x++)
                {
                    want[b] += values[x] * SamplerWorkloads.DotsPerPx2 * (height - 40) * 24;
                }
            }
            Console.WriteLine($"tile {tile:0.0} px, strip {strip:0.0} px; measured/expected per strip, a line per tile:");
            for (int b = 0; b < strips; b += 8)
            {
                Console.WriteLine(string.Join(" ", Enumerable.Range(b, Math.Min(8, strips - b)).Select(k => (got[k] / want[k]).ToString("0.000", CultureInfo.InvariantCulture))));
            }
            if (args.Length > 4)
            {
                WritePgm(args[^1], Render(last, width, height, 1.3));
            }
            return;
        }
        if (args.Contains("ab"))
        {
            // CPU time of one thread on the 1M workloads (min of repetitions), and the ellipse's density
            // per band of requested density (measured / requested) in the feather.
            int reps = 5;
            foreach (string fieldName in new[] { "ellipse", "uniform" })
            {
                var am = SamplerWorkloads.Create(fieldName, 1_000_000);
                var ao = new PoissonDiscOptions(SamplerWorkloads.DotsPerCm2, 1, MaxDegreeOfParallelism: 1);
                DotField af = sampler.Sample(am, ao);
                double best = double.MaxValue;
                for (int i = 0; i < reps; i++)
                {
                    var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                    af = sampler.Sample(am, ao);
                    best = Math.Min(best, (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
                }
                Console.WriteLine($"{fieldName} 1M: {af.Count} dots, {best * 1000:0} ms cpu, {af.Count / best / 1e6:0.000} M/s");
                if (fieldName == "ellipse")
                {
                    // Dots and requested dots per band of density 0.1 wide.
                    var got = new double[10];
                    var want = new double[10];
                    for (int i = 0; i < af.Count; i++)
                    {
                        got[Math.Min(9, (int)(am.Sample(af.X[i], af.Y[i]) * 10))]++;
                    }
                    for (int y = 0; y < am.Height; y++)
                    {
                        for (int x = 0; x < am.Width; x++)
                        {
                            float v = am.At(x, y);
                            if (v > 0)
                            {
                                want[Math.Min(9, (int)(v * 10))] += v * SamplerWorkloads.DotsPerPx2;
                            }
                        }
                    }
                    Console.WriteLine("bands: " + string.Join(" ", Enumerable.Range(0, 10).Select(b => (got[b] / want[b]).ToString("0.000", CultureInfo.InvariantCulture))));
                    var box = SamplerWorkloads.Interior(fieldName, am);
                    Console.WriteLine($"rho {DotFieldMetrics.RelativeRadius(af, box.X0, box.Y0, box.X1, box.Y1):0.000}, violations {DotFieldMetrics.MinDistanceViolations(af)}");
                }
            }
            return;
        }
        if (args.Contains("sessions"))
        {
            // The preview suite's full top (PreviewBenchmarks) in one, two and three sessions: CPU time on one thread,
            // best of 21, and a hash of each field (positions, ranks and sessions) to tell a change that moves no dot.
            var bench = new Rendering.PreviewBenchmarks { Threads = 1 };
            bench.Setup();
            foreach (int count in new[] { 1, 2, 3 })
            {
                DotField field = bench.DotsIn(count);
                double best = double.MaxValue;
                for (int i = 0; i < 21; i++)
                {
                    var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                    field = bench.DotsIn(count);
                    best = Math.Min(best, (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds);
                }
                ulong hash = 1469598103934665603UL;
                for (int k = 0; k < field.Count; k++)
                {
                    hash = (hash ^ BitConverter.SingleToUInt32Bits(field.X[k]) ^ ((ulong)BitConverter.SingleToUInt32Bits(field.Y[k]) << 32)
                        ^ ((ulong)(uint)field.Rank[k] << 7) ^ ((ulong)field.Session[k] << 40)) * 1099511628211UL;
                }
                Console.WriteLine($"full top, {count} session(s): {field.Count} dots, {best:0.00} ms cpu (best of 21), hash {hash:x16}");
            }
            return;
        }
        if (args.Contains("repeat"))
        {
            // One workload many times, for a profiler: repeat top|uniform|analyze THREADS (the preview suite's full top in three
            // sessions, its 100k uniform dots, or its skin and hair analysis) or repeat composite (the compositor suite's 100k dots, with the restore).
            string what = args[^2];
            int threads = int.Parse(args[^1], CultureInfo.InvariantCulture);
            Func<int> work;
            if (what == "composite")
            {
                var comp = new Compositing.CompositorBenchmarks { Threads = threads };
                comp.Setup();
                work = () =>
                {
                    comp.Composite100kDots();
                    return 0;
                };
            }
            else
            {
                var preview = new Rendering.PreviewBenchmarks { Threads = threads };
                preview.Setup();
                work = what switch
                {
                    "top" => preview.Dots,
                    "analyze" => () => preview.Analyze() is null ? 0 : 1,
                    _ => preview.Sample100k,
                };
            }
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw4 = Stopwatch.StartNew();
            for (int i = 0; i < 100; i++)
            {
                work();
            }
            Console.WriteLine($"{what}: {(Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalMilliseconds / 100:0.0} ms cpu, {sw4.Elapsed.TotalMilliseconds / 100:0.0} ms wall per run");
            return;
        }
        if (args.Contains("scan"))
        {
            // A density map's check of its values (and its block summary): a 12 MP photo's zones at cells of 2 px.
            var cells = SamplerWorkloads.EllipseValues(2000, 1500, 2000 / 7.5);
            double best = double.MaxValue;
            for (int i = 0; i < 200; i++)
            {
                var sw5 = Stopwatch.StartNew();
                _ = new DensityMap(4000, 3000, 22.4, 2, cells);
                best = Math.Min(best, sw5.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"map of 2000x1500 cells: {best:0.00} ms (best of 200)");
            return;
        }
        if (args.Contains("preview"))
        {
            // The preview suite's fields (PreviewBenchmarks): the full top of the end-to-end plan (three sessions) and
            // 100k dots over a uniform 12 MP photo; CPU time on one thread and wall time on all cores, best of 8.
            var bench = new Rendering.PreviewBenchmarks { Threads = 1 };
            bench.Setup();
            foreach ((string name, Func<int> run) in new (string, Func<int>)[] { ("full top, 3 sessions", bench.Dots), ("uniform 100k", bench.Sample100k) })
            {
                foreach (int threads in new[] { 1, -1 })
                {
                    bench.Threads = threads;
                    run();
                    double bestCpu = double.MaxValue, bestWall = double.MaxValue;
                    int count = 0;
                    for (int i = 0; i < 8; i++)
                    {
                        var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                        var sw3 = Stopwatch.StartNew();
                        count = run();
                        bestWall = Math.Min(bestWall, sw3.Elapsed.TotalSeconds);
                        bestCpu = Math.Min(bestCpu, (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
                    }
                    Console.WriteLine($"{name}, {(threads == 1 ? "1 thread" : "all cores")}: {count} dots, {bestCpu * 1000:0.0} ms cpu, {bestWall * 1000:0.0} ms wall");
                }
            }
            return;
        }
        if (args.Contains("photo"))
        {
            // A 12 MP photo (4000x3000) whose feathered ellipse zone holds about 100k dots at 100/cm².
            var pm = new DensityMap(4000, 3000, 9.5, SamplerWorkloads.EllipseValues(4000, 3000, 4000 / 7.5));
            foreach (int threads in new[] { 1, 2 })
            {
                var po = new PoissonDiscOptions(100, 1, MaxDegreeOfParallelism: threads);
                sampler.Sample(pm, po);
                double bestWall = double.MaxValue;
                int count = 0;
                for (int i = 0; i < 5; i++)
                {
                    var sw2 = Stopwatch.StartNew();
                    count = sampler.Sample(pm, po).Count;
                    bestWall = Math.Min(bestWall, sw2.Elapsed.TotalSeconds);
                }
                Console.WriteLine($"12 MP photo, {threads} thread(s): {count} dots, {bestWall * 1000:0.0} ms wall");
            }
            return;
        }
        if (args.Contains("par"))
        {
            foreach (string fieldName in new[] { "uniform", "ellipse" })
            {
                var pm = SamplerWorkloads.Create(fieldName, 1_000_000);
                foreach (int threads in new[] { 1, 2 })
                {
                    var po = new PoissonDiscOptions(100, 1, MaxDegreeOfParallelism: threads);
                    sampler.Sample(pm, po);
                    double bestWall = double.MaxValue;
                    int count = 0;
                    for (int i = 0; i < 3; i++)
                    {
                        var sw2 = Stopwatch.StartNew();
                        count = sampler.Sample(pm, po).Count;
                        bestWall = Math.Min(bestWall, sw2.Elapsed.TotalSeconds);
                    }
                    Console.WriteLine($"{fieldName} 1M, {threads} thread(s): {count} dots, {bestWall * 1000:0} ms wall, {count / bestWall / 1e6:0.00} M/s");
                }
            }
            return;
        }
        if (args.Contains("img"))
        {
            Images(sampler, args[^1]);
            return;
        }
        if (args.Contains("sess"))
        {
            foreach (double[] shares in new[] { new[] { 0.5, 0.3, 0.2 }, new[] { 0.34, 0.33, 0.33 }, new[] { 0.7, 0.3 }, new[] { 0.2, 0.8 } })
            {
                var um = DensityMap.Uniform(900, 900, 6);
                var sf = sampler.Sample(um, new PoissonDiscOptions(100, 3, SessionShares: shares));
                double cum = 0;
                var line = new List<string>();
                for (int k = 1; k <= shares.Length; k++)
                {
                    cum += shares[k - 1];
                    int u = Enumerable.Range(1, k).Sum(s => DotFieldMetrics.CountIn(sf, 30, 30, 870, 870, s));
                    double area = 840.0 * 840 / 36 / 100;
                    line.Add($"k{k} union {u / area / (100 * cum):0.000} own {DotFieldMetrics.CountIn(sf, 30, 30, 870, 870, k) / area / (100 * shares[k - 1]):0.000}");
                }
                Console.WriteLine(string.Join(" | ", shares) + ": " + string.Join("; ", line));
            }
            return;
        }
        if (args.Contains("ramp"))
        {
            const int width = 800, height = 600;
            var values = new float[width * height];
            for (int y = 0; y < height; y++)
            {
                for (int x = 0; x < width; x++)
                {
                    values[y * width + x] = (float)(0.1 + 0.9 * (x + 0.5) / width);
                }
            }
            var rm = new DensityMap(width, height, 8, values);
            var counts = new double[8];
            for (ulong seed = 0; seed < 3; seed++)
            {
                var rf = sampler.Sample(rm, new PoissonDiscOptions(150, seed));
                for (int b = 0; b < 8; b++)
                {
                    counts[b] += DotFieldMetrics.DensityPerCm2(rf, b * 100, 30, b * 100 + 100, height - 30) / 3;
                }
            }
            Console.WriteLine(string.Join(" ", Enumerable.Range(0, 8).Select(b => (counts[b] / (150 * (0.1 + 0.9 * (b * 100 + 50.0) / width))).ToString("0.000"))));
            return;
        }
        if (args.Contains("ell"))
        {
            foreach (int size in new[] { 200, 400, 900 })
            {
                var em = new DensityMap(size, size * 7 / 9, 5, SamplerWorkloads.EllipseValues(size, size * 7 / 9, size / 7.5));
                var sw1 = Stopwatch.StartNew();
                var ef = sampler.Sample(em, new PoissonDiscOptions(100, 42, MaxDegreeOfParallelism: 1));
                Console.WriteLine($"ellipse {size}: {ef.Count} dots in {sw1.ElapsedMilliseconds} ms, violations {DotFieldMetrics.MinDistanceViolations(ef)}");
            }
            return;
        }
        if (args.Contains("at"))
        {
            // One value per pixel: the lookups below read the buffer as pixels.
            var mm = new DensityMap(1000, 1000, 5, Enumerable.Repeat(1f, 1000 * 1000).ToArray());
            unsafe
            {
                fixed (float* p = mm.Values)
                {
                    var md = new MapDensity(p, 1000, 1000);
                    for (int rep = 0; rep < 3; rep++)
                    {
                        var sw0 = Stopwatch.StartNew();
                        double acc = 0;
                        for (int i = 0; i < 10_000_000; i++)
                        {
                            acc += md.At((i % 997) * 1.003, (i % 991) * 1.007);
                        }
                        Console.WriteLine($"At: {sw0.Elapsed.TotalMilliseconds / 10:0.00} ns/call {acc}");
                    }
                }
            }
        }
        foreach (double dens in args.Contains("q") ? new[] { 10.0, 100.0, 400.0 } : [])
        {
            double pxPerMm = 10;
            int side = 600; // 60 mm
            var map = DensityMap.Uniform(side, side, pxPerMm);
            double sumD = 0, sumRho = 0, sumCov = 0;
            int seeds = 10;
            for (int s = 0; s < seeds; s++)
            {
                var f = sampler.Sample(map, new PoissonDiscOptions(dens, (ulong)s, MaxDegreeOfParallelism: 1));
                double m = 5 * pxPerMm;
                sumD += DotFieldMetrics.DensityPerCm2(f, m, m, side - m, side - m);
                sumRho += DotFieldMetrics.RelativeRadius(f, m, m, side - m, side - m);
                if (s == 0)
                {
                    sumCov = DotFieldMetrics.Coverage(f, m, m, side - m, side - m, f.Spacing[0] / 10);
                    Console.WriteLine($"  violations {DotFieldMetrics.MinDistanceViolations(f)}");
                }
            }
            Console.WriteLine($"dens {dens}: measured {sumD / seeds:0.00} ratio {sumD / seeds / dens:0.0000} rho {sumRho / seeds:0.000} cov {sumCov:0.00000}");
        }
        foreach (int n in new[] { 100_000, 1_000_000 })
        {
            int side = (int)Math.Sqrt(n / 0.04);
            var map = DensityMap.Uniform(side, side, 5);
            var opt = new PoissonDiscOptions(100, 1, MaxDegreeOfParallelism: 1);
            sampler.Sample(map, opt);
            var sw = Stopwatch.StartNew();
            int reps = 3;
            DotField f = null!;
            double best = double.MaxValue;
            for (int i = 0; i < reps; i++)
            {
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                f = sampler.Sample(map, opt);
                best = Math.Min(best, (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
            }
            Console.WriteLine($"uniform {f.Count} dots: {best * 1000:0.0} ms, {f.Count / best / 1e6:0.00} M/s");
            double bestB = double.MaxValue;
            int nb = 0;
            for (int i = 0; i < 3; i++)
            {
                var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
                nb = BridsonReference.Sample(side, side, PoissonDiscSampler.SpacingPx(100, 5), (ulong)i);
                bestB = Math.Min(bestB, (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds);
            }
            Console.WriteLine($"  plain Bridson reference: {nb} dots, {bestB * 1000:0.0} ms, {nb / bestB / 1e6:0.00} M/s");
        }
    }
}
