using System.Globalization;
using System.Text.Json;

namespace SmpRender.Plans;

/// <summary>A JSON parser's error in words for a person: where it is and what is wrong, without the parser's internals.</summary>
internal static class JsonErrors
{
    /// <summary>
    /// "not valid JSON at line 3, column 14: ..." or, for text with nothing in it, "<paramref name="subject"/> is empty"
    /// ("the file is empty").
    /// </summary>
    public static string Describe(JsonException ex, string subject = "the file")
    {
        ArgumentNullException.ThrowIfNull(ex);
        string message = ex.Message;
        if (message.StartsWith("The input does not contain any JSON tokens", StringComparison.Ordinal))
        {
            return $"{subject} is empty";
        }
        // The parser appends its own position ("LineNumber: 0 | BytePositionInLine: 21.") and path: said below in words.
        int cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (cut < 0)
        {
            cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        }
        message = (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
        return string.Create(CultureInfo.InvariantCulture,
            $"not valid JSON at line {(ex.LineNumber ?? 0) + 1}, column {(ex.BytePositionInLine ?? 0) + 1}: {message}");
    }
}
