using SmpRender.Cli.Commands;

namespace SmpRender.Cli.Tests.Commands;

/// <summary>The photo read started before a command line is parsed, and its hand-over to the command.</summary>
public sealed class PhotoPrefetchTests : IDisposable
{
    private const int W = 320;
    private const int H = 240;
    private readonly CliWorkspace _ws = new();
    private readonly string _photo;
    private readonly string _plan;

    public PhotoPrefetchTests()
    {
        _photo = _ws.Photo("client.jpg", W, H, monk: 6, seed: 9);
        _plan = _ws.CrownPlan("crown.plan.json", W, H);
    }

    public void Dispose() => _ws.Dispose();

    public static TheoryData<string[]> LinesWithoutAPhotoFirst => new()
    {
        new[] { "render" },
        new[] { "render", "--plan", "p.json", "photo.jpg" },
        new[] { "render", "-o", "out.jpg", "photo.jpg" },
        new[] { "render", "@args.rsp" },
        new[] { "render", "" },
        new[] { "render", "photo.jpg", "--help" },
        new[] { "compare", "photo.jpg", "-h" },
        new[] { "inspect", "photo.jpg" },
        new[] { "batch", "jobs.json" },
        new[] { "dots", "photo.jpg" },
        new[] { "photo.jpg", "render" },
    };

    [Theory]
    [MemberData(nameof(LinesWithoutAPhotoFirst))]
    public void Start_LineWithoutAPhotoRightAfterAPreviewCommand_StartsNothing(string[] args)
    {
        Assert.False(PhotoPrefetch.Start(args));
        Assert.Null(PhotoPrefetch.Take(args.Length > 1 ? args[1] : "photo.jpg"));
    }

    [Fact]
    public void Start_ThenRender_TheCommandTakesTheReadAndWritesTheSameBytes()
    {
        string prefetched = _ws.PathOf("prefetched.jpg"), plain = _ws.PathOf("plain.jpg");
        string[] args = ["render", _photo, "--plan", _plan, "-o", prefetched, "--seed", "3"];

        Assert.True(PhotoPrefetch.Start(args));
        var first = CliWorkspace.Run(args);
        Assert.True(first.Code == 0, first.Stderr);
        // Handed over once: nothing is left for the path.
        Assert.Null(PhotoPrefetch.Take(_photo));

        var second = CliWorkspace.Run("render", _photo, "--plan", _plan, "-o", plain, "--seed", "3");
        Assert.True(second.Code == 0, second.Stderr);
        Assert.Equal(File.ReadAllBytes(plain), File.ReadAllBytes(prefetched));
    }

    [Fact]
    public async Task Take_AnotherPath_IsNullAndLeavesTheReadForItsOwnPath()
    {
        string other = _ws.Photo("other.png", W, H, monk: 3, seed: 2);
        Assert.True(PhotoPrefetch.Start(["sessions", _photo, "--plan", _plan, "-o", _ws.PathOf("strip.jpg")]));

        Assert.Null(PhotoPrefetch.Take(other));
        Assert.Null(PhotoPrefetch.Take(Path.GetFileName(_photo)));

        Task<(Imaging.Photo Photo, double Ms)>? read = PhotoPrefetch.Take(_photo);
        Assert.NotNull(read);
        using Imaging.Photo photo = (await read).Photo;
        using Imaging.Photo direct = CliWorkspace.Read(_photo);
        Assert.Equal(direct.Pixels.ToArray(), photo.Pixels.ToArray());
    }

    [Fact]
    public void Start_MissingPhoto_TheCommandReportsItAsBadInputAndWritesNothing()
    {
        string missing = _ws.PathOf("missing.jpg"), output = _ws.PathOf("out.jpg");
        string[] args = ["render", missing, "--plan", _plan, "-o", output];

        Assert.True(PhotoPrefetch.Start(args));
        var result = CliWorkspace.Run(args);

        Assert.Equal((int)ExitCode.BadInput, result.Code);
        string line = Assert.Single(CliWorkspace.Lines(result.Stderr));
        Assert.Contains(missing, line, StringComparison.Ordinal);
        Assert.False(File.Exists(output));
        Assert.Null(PhotoPrefetch.Take(missing));
    }
}
