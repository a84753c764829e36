namespace SmpRender.Cli;

internal static class Program
{
    private static int Main(string[] args) => SmpCommand.Run(args);
}
