using System.Globalization;
using SmpRender.Imaging;
using SmpRender.Imaging.Synthetic;
using SmpRender.IO;

namespace SmpRender.Cli.Tests;

/// <summary>A temporary folder with small generated scalp photos and plans, and a way to run <c>smp</c> in it.</summary>
public sealed class CliWorkspace : IDisposable
{
    public CliWorkspace() => Directory.CreateDirectory(Folder);

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "smp-cli-tests", Guid.NewGuid().ToString("N"));

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>Writes a generated scalp photo (lossless when <paramref name="name"/> ends in .png).</summary>
    public string Photo(string name, int width = 320, int height = 240, int monk = 4, ulong seed = 1)
    {
        using SyntheticScalp scalp = ScalpPhotoGenerator.Generate(ScalpPhotoOptions.ForMonk(monk, seed) with { Width = width, Height = height });
        string path = PathOf(name);
        PhotoCodec.Write(scalp.Photo, path);
        return path;
    }

    /// <summary>
    /// Writes a plan with one crown (by default at the centre) of a <paramref name="width"/> x <paramref name="height"/> photo,
    /// at 2 px/mm so the dot count stays small: radii <see cref="CrownRadiusXMm"/> x <see cref="CrownRadiusYMm"/> mm,
    /// feather <see cref="CrownFeatherMm"/> mm.
    /// </summary>
    public string CrownPlan(string name, int width = 320, int height = 240, int sessions = 3, (int X, int Y)? center = null)
    {
        (int cx, int cy) = center ?? (width / 2, height / 2);
        string json = string.Create(CultureInfo.InvariantCulture, $$"""
            { "version": 1, "scale": { "pxPerMm": {{PxPerMm}} }, "seed": 7,
              "density": { "dotsPerCm2": 90 }, "dots": { "diameterMm": 0.25 },
              "pigment": { "shade": "auto", "look": "healed" }, "sessions": {{sessions}},
              "zones": [ { "type": "crown", "center": [{{cx}}, {{cy}}], "radiiMm": [{{CrownRadiusXMm}}, {{CrownRadiusYMm}}], "featherMm": {{CrownFeatherMm}} } ] }
            """);
        return Text(name, json);
    }

    public const double PxPerMm = 2;
    public const double CrownRadiusXMm = 20;
    public const double CrownRadiusYMm = 16;
    public const double CrownFeatherMm = 4;

    /// <summary>Writes a photo of one colour (a bare scalp, or a mask painted white): lossless when <paramref name="name"/> ends in .png.</summary>
    public string Plain(string name, int width, int height, byte r, byte g, byte b)
    {
        string path = PathOf(name);
        using Photo photo = Imaging.Photo.Filled(width, height, r, g, b);
        PhotoCodec.Write(photo, path);
        return path;
    }

    public string Text(string name, string text)
    {
        string path = PathOf(name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    public static (int Code, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int code = SmpCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public static string[] Lines(string text) => text.ReplaceLineEndings("\n").TrimEnd('\n').Split('\n', StringSplitOptions.None);

    public static Photo Read(string path) => PhotoCodec.Read(path);
}
