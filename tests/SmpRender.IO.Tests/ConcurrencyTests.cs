using SmpRender.IO.Tests.Fixtures;

namespace SmpRender.IO.Tests;

public sealed class ConcurrencyTests
{
    [Fact]
    public void Decode_FromSeveralThreads_GivesIdenticalResults()
    {
        using Photo source = Images.Gradient(160, 120, seed: 11, alpha: false);
        byte[][] files =
        [
            PhotoCodec.Encode(source, PhotoFormat.Jpeg),
            PhotoCodec.Encode(source, PhotoFormat.Jpeg, new EncodeOptions(80, ChromaSubsampling.Yuv444)),
            PhotoCodec.Encode(source, PhotoFormat.Png),
            PhotoCodec.Encode(source, PhotoFormat.WebP),
        ];
        byte[][] reference = files.Select(f =>
        {
            using Photo p = PhotoCodec.Decode(f, "ref");
            return p.Pixels.ToArray();
        }).ToArray();
        int mismatches = 0;
        var threads = Enumerable.Range(0, 6).Select(t => new Thread(() =>
        {
            for (int i = 0; i < 25; i++)
            {
                int k = (i + t) % files.Length;
                using Photo p = PhotoCodec.Decode(files[k], "concurrent");
                if (!p.Pixels.SequenceEqual(reference[k]))
                {
                    Interlocked.Increment(ref mismatches);
                }
            }
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        Assert.Equal(0, mismatches);
    }

    [Fact]
    public void Encode_FromSeveralThreads_GivesIdenticalBytes()
    {
        using Photo source = Images.Gradient(100, 80, seed: 5);
        byte[] reference = PhotoCodec.Encode(source, PhotoFormat.Jpeg);
        byte[][] results = new byte[8][];
        Parallel.For(0, results.Length, i => results[i] = PhotoCodec.Encode(source, PhotoFormat.Jpeg));
        Assert.All(results, r => Assert.Equal(reference, r));
    }

    [Fact]
    public void Decode_AfterAFailedDecode_StillWorks()
    {
        using Photo source = Images.Gradient(40, 30);
        byte[] jpeg = PhotoCodec.Encode(source, PhotoFormat.Jpeg);
        using Photo before = PhotoCodec.Decode(jpeg, "ok.jpg");
        byte[] garbage = [0xFF, 0xD8, 0xFF, 0xDB, 0x00, 0x43, 0x0F, .. new byte[100]];
        for (int i = 0; i < 3; i++)
        {
            Assert.Throws<PhotoException>(() => PhotoCodec.Decode(garbage, "bad.jpg"));
            Assert.Throws<PhotoException>(() => PhotoCodec.Decode(jpeg[..(jpeg.Length / 2)], "cut.jpg"));
        }
        using Photo after = PhotoCodec.Decode(jpeg, "ok.jpg");
        Assert.Equal(0, Images.MaxDifference(before, after));
    }
}
