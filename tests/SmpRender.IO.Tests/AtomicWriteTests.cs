using SmpRender.IO.Tests.Fixtures;

namespace SmpRender.IO.Tests;

public sealed class AtomicWriteTests
{
    [Fact]
    public void Write_CreatesMissingFolders()
    {
        using var folder = new TempFolder();
        using Photo photo = Images.Gradient(10, 10);
        string path = folder.File(Path.Combine("a", "b", "out.png"));
        PhotoCodec.Write(photo, path);
        using Photo back = PhotoCodec.Read(path);
        Assert.Equal(0, Images.MaxDifference(photo, back));
        Assert.Equal([Path.Combine("a"), Path.Combine("a", "b"), Path.Combine("a", "b", "out.png")], folder.Entries());
    }

    [Fact]
    public void Write_FailedEncode_LeavesNoFile()
    {
        using var folder = new TempFolder();
        // TurboJPEG refuses images wider than 65500 pixels: the encode fails after the temp file is open.
        using Photo tooWide = Photo.Filled(70000, 1, 10, 20, 30);
        string path = folder.File("out.jpg");
        var ex = Assert.Throws<PhotoException>(() => PhotoCodec.Write(tooWide, path));
        Assert.Equal("JPEG", ex.Codec);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public void Write_FailedEncode_LeavesExistingTargetUntouched()
    {
        using var folder = new TempFolder();
        string path = folder.File("out.jpg");
        using (Photo good = Images.Gradient(12, 12))
        {
            PhotoCodec.Write(good, path);
        }
        byte[] before = File.ReadAllBytes(path);
        using Photo tooWide = Photo.Filled(70000, 1, 10, 20, 30);
        Assert.Throws<PhotoException>(() => PhotoCodec.Write(tooWide, path));
        Assert.Equal(before, File.ReadAllBytes(path));
        Assert.Equal(["out.jpg"], folder.Entries());
    }

    [Fact]
    public void Write_ReplacesAnExistingOutput()
    {
        using var folder = new TempFolder();
        string path = folder.File("out.png");
        using Photo first = Photo.Filled(4, 4, 1, 2, 3);
        using Photo second = Photo.Filled(4, 4, 200, 100, 50);
        PhotoCodec.Write(first, path);
        PhotoCodec.Write(second, path);
        using Photo back = PhotoCodec.Read(path);
        Assert.Equal((200, 100, 50, 255), (Images.At(back, 0, 0).R, Images.At(back, 0, 0).G, Images.At(back, 0, 0).B, Images.At(back, 0, 0).A));
        Assert.Equal(["out.png"], folder.Entries());
    }

    [Fact]
    public void Write_OverTheProtectedInput_IsRefused()
    {
        using var folder = new TempFolder();
        string input = folder.File("client.jpg");
        using Photo photo = Images.Gradient(12, 12);
        PhotoCodec.Write(photo, input);
        byte[] before = File.ReadAllBytes(input);
        string sameFileOtherSpelling = Path.Combine(folder.Path, "sub", "..", "client.jpg");
        foreach (string target in new[] { input, sameFileOtherSpelling })
        {
            var ex = Assert.Throws<OutputException>(() => PhotoCodec.Write(photo, target, new EncodeOptions(ProtectedInputs: [input])));
            Assert.Equal($"{target}: cannot write: refusing to overwrite the input {input}", ex.Message);
        }
        Assert.Equal(before, File.ReadAllBytes(input));
        Assert.Equal(["client.jpg"], folder.Entries());
    }

    [Fact]
    public void Write_ThroughASymlinkToTheInput_IsRefused()
    {
        using var folder = new TempFolder();
        string input = folder.File("client.png");
        using Photo photo = Images.Gradient(6, 6);
        PhotoCodec.Write(photo, input);
        string link = folder.File("link.png");
        File.CreateSymbolicLink(link, input);
        Assert.Throws<OutputException>(() => PhotoCodec.Write(photo, link, new EncodeOptions(ProtectedInputs: [input])));
    }

    [Fact]
    public void Write_ParentIsAFile_IsOneLineErrorNamingTheOutput()
    {
        using var folder = new TempFolder();
        string file = folder.File("file.txt");
        File.WriteAllText(file, "x");
        string path = Path.Combine(file, "out.png");
        using Photo photo = Images.Gradient(4, 4);
        var ex = Assert.Throws<OutputException>(() => PhotoCodec.Write(photo, path));
        Assert.StartsWith($"{path}: cannot write: ", ex.Message);
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal(["file.txt"], folder.Entries());
    }

    [Fact]
    public void AtomicFile_WriterThrows_LeavesNoFileAndRethrows()
    {
        using var folder = new TempFolder();
        string path = folder.File("report.csv");
        var ex = Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half a line"u8);
            throw new InvalidOperationException("generator failed");
        }));
        Assert.Equal("generator failed", ex.Message);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public void AtomicFile_DiskFull_OneLineNamingTheOutput_NotTheTemporaryFile()
    {
        // A full disk fails the write or the flush with the system's message about the file being written.
        using var folder = new TempFolder();
        string path = folder.File("after.jpg");
        var ex = Assert.Throws<OutputException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half a photo"u8);
            throw new IOException($"No space left on device : '{((FileStream)stream).Name}'");
        }));
        Assert.Equal($"{path}: cannot write: No space left on device", ex.Message);
        Assert.Empty(folder.Entries());
    }

    [Fact]
    public void AtomicFile_RemoveUnfinished_DuringAWrite_DeletesItsTemporaryFile_AndTheWriteFails()
    {
        // What a process being ended does while it writes (see the command's handling of termination signals).
        using var folder = new TempFolder();
        string path = folder.File("after.png");
        string? temporary = null;
        var ex = Assert.Throws<OutputException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half a photo"u8);
            temporary = ((FileStream)stream).Name;
            Assert.True(File.Exists(temporary));
            AtomicFile.RemoveUnfinished();
            Assert.False(File.Exists(temporary));
        }));
        Assert.StartsWith($"{path}: cannot write: ", ex.Message);
        Assert.Empty(folder.Entries());
        // Finished writes are not touched.
        AtomicFile.WriteAllText(path, "done");
        AtomicFile.RemoveUnfinished();
        Assert.Equal("done", File.ReadAllText(path));
    }

    [Fact]
    public void AtomicFile_Prepared_IsOnlyATemporaryFileUntilCommitted()
    {
        using var folder = new TempFolder();
        string path = folder.File("dots.csv");
        File.WriteAllText(path, "old");
        using (AtomicFile.Pending dropped = AtomicFile.Prepare(path, stream => stream.Write("dropped"u8)))
        {
            Assert.Equal(2, Directory.GetFiles(folder.Path).Length);
            Assert.Equal("old", File.ReadAllText(path));
        }
        Assert.Equal(["dots.csv"], folder.Entries());
        Assert.Equal("old", File.ReadAllText(path));

        using (AtomicFile.Pending kept = AtomicFile.Prepare(path, stream => stream.Write("new"u8)))
        {
            kept.Commit();
            Assert.Throws<ObjectDisposedException>(kept.Commit);
        }
        Assert.Equal(["dots.csv"], folder.Entries());
        Assert.Equal("new", File.ReadAllText(path));
    }

    [Fact]
    public void AtomicFile_WriteAllText_WritesUtf8WithoutBom()
    {
        using var folder = new TempFolder();
        string path = folder.File(Path.Combine("out", "plan.json"));
        AtomicFile.WriteAllText(path, "{\"é\":1}");
        Assert.Equal("{\"é\":1}"u8.ToArray(), File.ReadAllBytes(path));
    }

    [Fact]
    public void AtomicFile_TargetIsADirectory_IsRefused()
    {
        using var folder = new TempFolder();
        Directory.CreateDirectory(folder.File("out.png"));
        var ex = Assert.Throws<OutputException>(() => AtomicFile.WriteAllBytes(folder.File("out.png"), [1, 2, 3]));
        Assert.Contains("a directory of that name exists", ex.Message);
    }

    [Fact]
    public void FsyncDirectory_ExistingFolder_Succeeds_MissingFolder_ReportsFalse()
    {
        using var folder = new TempFolder();
        Assert.True(Native.Posix.TryFsyncDirectory(folder.Path));
        Assert.False(Native.Posix.TryFsyncDirectory(folder.File("missing")));
    }
}
