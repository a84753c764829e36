using System.CommandLine;
using System.Globalization;
using SmpRender.IO.Text;
using SmpRender.Layouts;

namespace SmpRender.Cli.Commands;

/// <summary>Options of the commands that lay several images out: size, caption and font.</summary>
internal sealed class LayoutInputs
{
    public Option<string?> Size { get; } = new("--size")
    {
        Description = "Exact output size WxH, e.g. 1080x1080 for a social post; the layout is letterboxed, never stretched.",
        HelpName = "WxH",
    };

    public Option<string?> Caption { get; } = new("--caption") { Description = "A line of text under the images." };

    public Option<string?> Font { get; } = new("--font")
    {
        Description = "TrueType/OpenType font for labels (default: DejaVu Sans).",
        HelpName = "FILE",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Size);
        command.Options.Add(Caption);
        command.Options.Add(Font);
    }

    public (LayoutComposer Composer, LayoutOptions Options) Load(ParseResult parse, int maxPanelSide)
    {
        (int Width, int Height)? size = ParseSize(parse.GetValue(Size));
        string? fontPath = parse.GetValue(Font);
        ITextRenderer text = Inputs.Guard(() => new FontTextRenderer(fontPath), fontPath ?? TextRenderer.DefaultFontPath);
        return (new LayoutComposer(text), LayoutOptions.Default with
        {
            TargetSize = size,
            Caption = parse.GetValue(Caption),
            MaxPanelSide = maxPanelSide,
        });
    }

    internal static (int Width, int Height)? ParseSize(string? text)
    {
        if (text is null)
        {
            return null;
        }
        string[] parts = text.ToLowerInvariant().Split('x');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out int w)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out int h)
            && w is >= 16 and <= 16384 && h is >= 16 and <= 16384)
        {
            return (w, h);
        }
        throw new CliException(ExitCode.Usage, $"--size: '{text}' must be WxH with each side 16 to 16384, e.g. 1080x1080");
    }
}
