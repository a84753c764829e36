using System.CommandLine.Parsing;
using System.Globalization;

namespace SmpRender.Cli.Commands;

/// <summary>Numbers on the command line, read as written: "1,5" is not fifteen (a thousands separator) but an error.</summary>
internal static class Numbers
{
    /// <summary>A parser for a number option: a sign, digits, a decimal point and an exponent (spaces around it allowed), nothing else.</summary>
    public static double? Parse(ArgumentResult result)
    {
        string token = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(' ', result.Tokens.Select(t => t.Value));
        if (double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out double value) && double.IsFinite(value))
        {
            return value;
        }
        string option = result.Parent is OptionResult parent ? parent.Option.Name : "the option";
        result.AddError($"Cannot parse argument '{token}' for option '{option}' as a number");
        return null;
    }
}
