using System.Globalization;
using System.Text;
using System.Xml.Linq;
using SmpRender.Sampling;

namespace SmpRender.Tests.Sampling;

public sealed class DotFieldExportTests
{
    private static DotField TwoSessions() =>
        new PoissonDiscSampler().Sample(DensityMap.Uniform(200, 150, 8), new PoissonDiscOptions(100, 3, SessionShares: [0.6, 0.4]));

    [Fact]
    public void WriteCsv_RoundTripsEveryDot()
    {
        DotField field = TwoSessions();
        using var stream = new MemoryStream();
        DotFieldExport.WriteCsv(field, stream, 0.25);
        string[] lines = Encoding.UTF8.GetString(stream.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("x,y,diameter_mm,session,rank", lines[0]);
        Assert.Equal(field.Count + 1, lines.Length);
        for (int i = 0; i < field.Count; i++)
        {
            string[] parts = lines[i + 1].Split(',');
            Assert.Equal(5, parts.Length);
            Assert.Equal(field.X[i], double.Parse(parts[0], CultureInfo.InvariantCulture), 0.0005);
            Assert.Equal(field.Y[i], double.Parse(parts[1], CultureInfo.InvariantCulture), 0.0005);
            Assert.Equal("0.25", parts[2]);
            Assert.Equal(field.Session[i], byte.Parse(parts[3], CultureInfo.InvariantCulture));
            Assert.Equal(field.Rank[i], int.Parse(parts[4], CultureInfo.InvariantCulture));
        }
    }

    [Fact]
    public void WriteCsv_LeavesStreamOpen()
    {
        using var stream = new MemoryStream();
        DotFieldExport.WriteCsv(DotField.Empty(5), stream, 0.2);
        Assert.True(stream.CanWrite);
        Assert.Equal("x,y,diameter_mm,session,rank\n", Encoding.UTF8.GetString(stream.ToArray()));
    }

    [Fact]
    public void WriteSvg_CirclesOfPhysicalSizeGreysPerSessionAndScaleBar()
    {
        DotField field = TwoSessions();
        using var stream = new MemoryStream();
        DotFieldExport.WriteSvg(field, stream, 200, 150, 0.25);
        stream.Position = 0;
        XDocument doc = XDocument.Load(stream);
        XNamespace ns = "http://www.w3.org/2000/svg";
        XElement svg = doc.Root!;
        Assert.Equal("0 0 200 150", svg.Attribute("viewBox")!.Value);
        var circles = svg.Descendants(ns + "circle").ToList();
        Assert.Equal(field.Count, circles.Count);
        Assert.All(circles, c => Assert.Equal("1", c.Attribute("r")!.Value)); // 0.25 mm * 8 px/mm / 2
        var fills = svg.Elements(ns + "g").Where(g => g.Attribute("id")!.Value.StartsWith("session-", StringComparison.Ordinal))
            .Select(g => g.Attribute("fill")!.Value).ToList();
        Assert.Equal(2, fills.Count);
        Assert.NotEqual(fills[0], fills[1]);
        XElement bar = svg.Descendants(ns + "g").Single(g => g.Attribute("id")?.Value == "scale").Element(ns + "rect")!;
        Assert.Equal(80.0, double.Parse(bar.Attribute("width")!.Value, CultureInfo.InvariantCulture)); // 1 cm at 8 px/mm
        Assert.Equal("#ffffff", svg.Element(ns + "rect")!.Attribute("fill")!.Value);
    }

    [Fact]
    public void WriteSvg_ZeroDiameter_Throws()
    {
        using var stream = new MemoryStream();
        Assert.Throws<ArgumentOutOfRangeException>(() => DotFieldExport.WriteSvg(DotField.Empty(5), stream, 10, 10, 0));
    }
}
