using BenchmarkDotNet.Running;

namespace SmpRender.Benchmarks;

public static class Program
{
    public static void Main(string[] args)
    {
        switch (args.FirstOrDefault())
        {
            case "lab":
                Sampling.SamplerLab.Run(args);
                return;
            case "peers-json":
                Sampling.PeersJson.Run(args);
                return;
            default:
                BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
                return;
        }
    }
}
