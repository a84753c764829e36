using System.Globalization;
using System.Text;

namespace SmpRender.Sampling;

/// <summary>Writes a dot field as CSV (one dot a line) or as a printable SVG dot map.</summary>
public static class DotFieldExport
{
    private static readonly string[] SessionGreys = ["#000000", "#4d4d4d", "#808080", "#a6a6a6", "#262626", "#666666", "#999999", "#b3b3b3"];

    /// <summary>
    /// CSV with the header <c>x,y,diameter_mm,session,rank</c>: positions in photo pixels (3 decimals),
    /// the needle diameter in mm, the 1-based session and the progressive rank; invariant culture.
    /// Dots are written in array order. The stream is left open.
    /// </summary>
    public static void WriteCsv(DotField field, Stream output, double diameterMm)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(output);
        Preconditions.Positive(diameterMm);
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        writer.WriteLine("x,y,diameter_mm,session,rank");
        string diameter = diameterMm.ToString("0.###", CultureInfo.InvariantCulture);
        ReadOnlySpan<float> x = field.X, y = field.Y;
        ReadOnlySpan<byte> session = field.Session;
        ReadOnlySpan<int> rank = field.Rank;
        Span<char> buffer = stackalloc char[32];
        for (int i = 0; i < field.Count; i++)
        {
            WriteNumber(writer, x[i], buffer);
            writer.Write(',');
            WriteNumber(writer, y[i], buffer);
            writer.Write(',');
            writer.Write(diameter);
            writer.Write(',');
            writer.Write(session[i].ToString(CultureInfo.InvariantCulture));
            writer.Write(',');
            writer.WriteLine(rank[i].ToString(CultureInfo.InvariantCulture));
        }
    }

    /// <summary>
    /// A printable dot map: white background, each dot a circle of the physical diameter (in pixels at the
    /// field's scale), sessions in different greys (session 1 black), viewBox = the photo size, and a
    /// 1 cm scale bar in the bottom-left corner. The stream is left open.
    /// </summary>
    public static void WriteSvg(DotField field, Stream output, int width, int height, double diameterMm)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(output);
        Preconditions.Positive(width);
        Preconditions.Positive(height);
        Preconditions.Positive(diameterMm);
        using var writer = new StreamWriter(output, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        var inv = CultureInfo.InvariantCulture;
        double radius = diameterMm * field.PxPerMm / 2;
        double cm = 10 * field.PxPerMm;
        writer.WriteLine("<?xml version=\"1.0\" encoding=\"UTF-8\"?>");
        writer.WriteLine(string.Create(inv,
            $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\">"));
        writer.WriteLine(string.Create(inv,
            $"<title>SMP dot map: {field.Count} dots, {diameterMm:0.###} mm, {field.PxPerMm:0.###} px/mm</title>"));
        writer.WriteLine("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
        int sessions = field.SessionCount;
        ReadOnlySpan<float> x = field.X, y = field.Y;
        ReadOnlySpan<byte> session = field.Session;
        Span<char> buffer = stackalloc char[32];
        string r = radius.ToString("0.###", inv);
        for (int s = 1; s <= sessions; s++)
        {
            writer.WriteLine(string.Create(inv, $"<g id=\"session-{s}\" fill=\"{SessionGreys[(s - 1) % SessionGreys.Length]}\">"));
            for (int i = 0; i < field.Count; i++)
            {
                if (session[i] != s)
                {
                    continue;
                }
                writer.Write("<circle cx=\"");
                WriteNumber(writer, x[i], buffer);
                writer.Write("\" cy=\"");
                WriteNumber(writer, y[i], buffer);
                writer.Write("\" r=\"");
                writer.Write(r);
                writer.WriteLine("\"/>");
            }
            writer.WriteLine("</g>");
        }
        double margin = Math.Max(4, Math.Min(width, height) * 0.02);
        double barY = height - margin;
        double thick = Math.Max(2, cm / 20);
        double fontSize = Math.Max(8, cm / 4);
        writer.WriteLine(string.Create(inv,
            $"<g id=\"scale\"><rect x=\"{margin:0.##}\" y=\"{barY - thick:0.##}\" width=\"{cm:0.##}\" height=\"{thick:0.##}\" fill=\"#d40000\"/>" +
            $"<text x=\"{margin:0.##}\" y=\"{barY - thick - fontSize * 0.3:0.##}\" font-family=\"DejaVu Sans, sans-serif\" font-size=\"{fontSize:0.##}\" fill=\"#d40000\">1 cm</text></g>"));
        writer.WriteLine("</svg>");
    }

    private static void WriteNumber(StreamWriter writer, float value, Span<char> buffer)
    {
        ((double)value).TryFormat(buffer, out int written, "0.###", CultureInfo.InvariantCulture);
        writer.Write(buffer[..written]);
    }
}
