using SmpRender.Color;
using SmpRender.Imaging;
using SmpRender.Layouts;

namespace SmpRender.Tests.Layouts;

public sealed class LayoutComposerTests
{
    /// <summary>Text as a solid block, 0.6 em wide per character: enough to check where labels go.</summary>
    private sealed class BlockText : ITextRenderer
    {
        public List<string> Rendered { get; } = [];

        public TextMask Render(string text, double pixelHeight)
        {
            Rendered.Add(text);
            int h = (int)Math.Round(pixelHeight);
            int w = (int)Math.Round(text.Length * 0.6 * pixelHeight);
            var coverage = new byte[w * h];
            Array.Fill(coverage, (byte)255);
            return new TextMask(w, h, (int)(h * 0.8), coverage);
        }
    }

    private static readonly Rgb8 Bg = new(10, 20, 30);

    [Theory]
    [InlineData(1080, 1080)]
    [InlineData(1920, 1080)]
    [InlineData(1080, 1920)]
    public void BeforeAfter_TargetSize_IsExactAndNeverStretches(int width, int height)
    {
        using Photo before = Photo.Filled(400, 300, 200, 0, 0);
        using Photo after = Photo.Filled(400, 300, 0, 200, 0);
        var composer = new LayoutComposer(new BlockText());
        using Photo result = composer.BeforeAfter(before, after, BeforeAfterArrangement.Side,
            new LayoutOptions(Bg, (width, height)));
        Assert.Equal((width, height), (result.Width, result.Height));

        // Measure the red panel along the row through its middle: its aspect must stay 4:3.
        (int left, int right) = Extent(result, result.Height / 2, px => px.R > 150 && px.G < 50);
        (int top, int bottom) = ExtentVertical(result, (left + right) / 2, px => px.R > 150 && px.G < 50);
        double aspect = (double)(right - left + 1) / (bottom - top + 1);
        Assert.InRange(aspect, 4.0 / 3 - 0.02, 4.0 / 3 + 0.02);

        // Letterbox bars are the background colour.
        Assert.Equal(Bg, Pixel(result, 0, 0));
        Assert.Equal(Bg, Pixel(result, result.Width - 1, result.Height - 1));
    }

    [Fact]
    public void BeforeAfter_Side_PutsBeforeLeftAndAfterRightWithLabels()
    {
        using Photo before = Photo.Filled(200, 200, 200, 0, 0);
        using Photo after = Photo.Filled(200, 200, 0, 0, 200);
        var text = new BlockText();
        using Photo result = new LayoutComposer(text).BeforeAfter(before, after, BeforeAfterArrangement.Side, new LayoutOptions(Bg));
        Assert.True(result.Width > result.Height);
        Rgb8 leftMiddle = Pixel(result, result.Width / 4, result.Height * 3 / 4);
        Rgb8 rightMiddle = Pixel(result, result.Width * 3 / 4, result.Height * 3 / 4);
        Assert.Equal(new Rgb8(200, 0, 0), leftMiddle);
        Assert.Equal(new Rgb8(0, 0, 200), rightMiddle);
        Assert.Equal(["Before", "After"], text.Rendered);
    }

    [Fact]
    public void BeforeAfter_Stack_IsTallerThanWide()
    {
        using Photo before = Photo.Filled(200, 100, 200, 0, 0);
        using Photo after = Photo.Filled(200, 100, 0, 0, 200);
        using Photo result = new LayoutComposer(new BlockText()).BeforeAfter(before, after, BeforeAfterArrangement.Stack, new LayoutOptions(Bg));
        Assert.True(result.Height > result.Width);
        Assert.Equal(new Rgb8(200, 0, 0), Pixel(result, result.Width / 2, result.Height / 4 + 10));
        Assert.Equal(new Rgb8(0, 0, 200), Pixel(result, result.Width / 2, result.Height * 3 / 4 + 10));
    }

    [Fact]
    public void BeforeAfter_Split_ShowsHalvesOfEachWithADivider()
    {
        using Photo before = Photo.Filled(300, 200, 200, 0, 0);
        using Photo after = Photo.Filled(300, 200, 0, 0, 200);
        using Photo result = new LayoutComposer(new BlockText()).BeforeAfter(before, after, BeforeAfterArrangement.Split, new LayoutOptions(Bg));
        int y = result.Height * 3 / 4;
        Assert.Equal(new Rgb8(200, 0, 0), Pixel(result, result.Width / 4, y));
        Assert.Equal(new Rgb8(0, 0, 200), Pixel(result, result.Width * 3 / 4, y));
        Rgb8 divider = Pixel(result, result.Width / 2, y);
        Assert.True(divider.R > 200 && divider.G > 200 && divider.B > 200, $"divider is {divider}");
    }

    [Fact]
    public void Split_DifferentSizes_Throws()
    {
        using Photo before = Photo.Filled(300, 200, 0, 0, 0);
        using Photo after = Photo.Filled(200, 200, 0, 0, 0);
        Assert.Throws<ArgumentException>(() =>
            new LayoutComposer(new BlockText()).BeforeAfter(before, after, BeforeAfterArrangement.Split, new LayoutOptions(Bg)));
    }

    [Fact]
    public void Grid_PanelsOfOtherAspect_AreLetterboxedIntoTheFirstPanelsShape()
    {
        using Photo wide = Photo.Filled(400, 200, 200, 0, 0);
        using Photo square = Photo.Filled(200, 200, 0, 200, 0);
        using Photo result = new LayoutComposer(new BlockText()).Grid([new(wide, "a"), new(square, "b")], 2, new LayoutOptions(Bg));
        (int left, int right) = Extent(result, result.Height * 3 / 4, px => px.G > 150 && px.R < 50);
        (int top, int bottom) = ExtentVertical(result, (left + right) / 2, px => px.G > 150 && px.R < 50);
        Assert.InRange((double)(right - left + 1) / (bottom - top + 1), 0.97, 1.03);
    }

    [Fact]
    public void Grid_WithCaption_RendersItAndGrowsTheCanvas()
    {
        using Photo a = Photo.Filled(100, 100, 50, 50, 50);
        var text = new BlockText();
        var composer = new LayoutComposer(text);
        using Photo plain = composer.Grid([new(a, "x")], 1, new LayoutOptions(Bg));
        using Photo captioned = composer.Grid([new(a, "x")], 1, new LayoutOptions(Bg, Caption: "note"));
        Assert.Equal(plain.Width, captioned.Width);
        Assert.True(captioned.Height > plain.Height);
        Assert.Contains("note", text.Rendered);
    }

    [Fact]
    public void Grid_LongCaption_IsMadeSmallerToFitTheWidth()
    {
        using Photo a = Photo.Filled(100, 100, 50, 50, 50);
        var composer = new LayoutComposer(new BlockText());
        using Photo grid = composer.Grid([new(a, "")], 1, new LayoutOptions(Bg, Caption: new string('x', 40)));
        // The caption band (below the panel): its text (white blocks) stays clear of both edges.
        int firstText = int.MaxValue, lastText = -1;
        for (int y = 100; y < grid.Height; y++)
        {
            for (int x = 0; x < grid.Width; x++)
            {
                if (Pixel(grid, x, y) == new Rgb8(235, 235, 235))
                {
                    firstText = Math.Min(firstText, x);
                    lastText = Math.Max(lastText, x);
                }
            }
        }
        Assert.True(lastText >= 0, "no caption drawn");
        Assert.True(firstText > 0 && lastText < grid.Width - 1, $"caption from x={firstText} to {lastText} on a {grid.Width} px canvas");
        // Made as small as it must be, not smaller: it still takes most of the width.
        Assert.True(lastText - firstText + 1 >= grid.Width * 0.8, $"caption from x={firstText} to {lastText} on a {grid.Width} px canvas");
    }

    [Theory]
    [InlineData(640, 480, 5, 5, 200, 0, 0, false)]
    [InlineData(333, 517, 7, 3, 150, 0, 0, true)]
    [InlineData(500, 300, 6, 3, 4096, 0, 0, false)]
    [InlineData(480, 640, 4, 2, 2048, 300, 300, true)]
    [InlineData(401, 299, 1, 1, 2048, 1080, 720, false)]
    public void Grid_PanelsScaledAsRendered_SameImageAsFullSizePanels(int width, int height, int count, int columns, int maxSide,
        int targetWidth, int targetHeight, bool caption)
    {
        var options = new LayoutOptions(Bg, targetWidth > 0 ? (targetWidth, targetHeight) : null, maxSide, caption ? "plan A" : null);
        var random = new Random(width + count);
        var full = new List<LabeledPanel>();
        var scaled = new List<LabeledPanel>();
        try
        {
            for (int i = 0; i < count; i++)
            {
                Photo photo = Photo.Create(width, height);
                random.NextBytes(photo.Pixels);
                full.Add(new LabeledPanel(photo, $"v{i}"));
                scaled.Add(new LabeledPanel(LayoutComposer.ScalePanel(photo, count, columns, options), $"v{i}"));
            }
            Assert.True(scaled[0].Image.Width < width || maxSide >= width || targetWidth > 0);
            var composer = new LayoutComposer(new BlockText());
            using Photo expected = composer.Grid(full, columns, options);
            using Photo actual = composer.Grid(scaled, columns, options, width, height);
            Assert.Equal((expected.Width, expected.Height), (actual.Width, actual.Height));
            Assert.True(expected.Pixels.SequenceEqual(actual.Pixels));
            // Its size is known before any panel is made.
            Assert.Equal((actual.Width, actual.Height), LayoutComposer.GridSize(width, height, count, columns, options));
        }
        finally
        {
            foreach (LabeledPanel panel in full.Concat(scaled))
            {
                panel.Image.Dispose();
            }
        }
    }

    [Fact]
    public void Grid_Empty_Throws() =>
        Assert.Throws<ArgumentException>(() => new LayoutComposer(new BlockText()).Grid([], 2, LayoutOptions.Default));

    private static Rgb8 Pixel(Photo p, int x, int y)
    {
        ReadOnlySpan<byte> row = p.Row(y);
        return new Rgb8(row[x * 4], row[x * 4 + 1], row[x * 4 + 2]);
    }

    private static (int First, int Last) Extent(Photo p, int y, Func<Rgb8, bool> match)
    {
        int first = -1, last = -1;
        for (int x = 0; x < p.Width; x++)
        {
            if (match(Pixel(p, x, y)))
            {
                if (first < 0) first = x;
                last = x;
            }
        }
        Assert.True(first >= 0, "no matching pixel on the row");
        return (first, last);
    }

    private static (int First, int Last) ExtentVertical(Photo p, int x, Func<Rgb8, bool> match)
    {
        int first = -1, last = -1;
        for (int y = 0; y < p.Height; y++)
        {
            if (match(Pixel(p, x, y)))
            {
                if (first < 0) first = y;
                last = y;
            }
        }
        Assert.True(first >= 0, "no matching pixel in the column");
        return (first, last);
    }
}
