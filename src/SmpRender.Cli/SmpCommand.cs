using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Help;
using System.Reflection;
using System.Runtime.CompilerServices;
using SmpRender.Cli.Commands;

namespace SmpRender.Cli;

/// <summary>The root <c>smp</c> command and the process entry point used by tests and Program.</summary>
public static class SmpCommand
{
    internal static readonly Option<bool> VerboseOption = new("--verbose", "-v")
    {
        Description = "Print details (and the stack trace of internal errors) on failure.",
        Recursive = true,
    };

    public const string ExitCodesHelp = """
        Exit codes:
          0   ok
          1   one or more batch jobs failed
          2   usage error (bad command line or option value)
          3   bad input (photo, plan, mask or manifest missing or invalid)
          4   output could not be written
          5   a native library is missing (the message names the package)
          70  internal error
          129, 130, 143  a batch stopped by a hang-up, an interrupt or a termination request
                         (its running jobs finished and its report lists what ran)
        """;

    /// <summary>The pointer to the help that ends a command-line error.</summary>
    internal const string UsageHint = "see 'smp --help'";

    /// <summary>The root command with every command under it.</summary>
    public static RootCommand Create() => Create(Commands);

    /// <summary>
    /// The root command for a command line: when it starts with a command's name, only that command is built
    /// (it parses and helps exactly as under the full root, and a one-photo render does not pay for building
    /// the others); otherwise every command.
    /// </summary>
    internal static RootCommand CreateFor(string[] args)
    {
        foreach ((string name, Func<Command> create) in Commands)
        {
            if (args.Length > 0 && args[0] == name)
            {
                return Create([(name, create)]);
            }
        }
        return Create();
    }

    private static RootCommand Create((string Name, Func<Command> Create)[] commands)
    {
        var root = new RootCommand(
            "SmpRender: preview scalp micropigmentation on a client's photo.\n\n" + ExitCodesHelp);
        root.Options.Add(VerboseOption);
        foreach (VersionOption version in root.Options.OfType<VersionOption>())
        {
            version.Action = new PrintVersionAction();
        }
        foreach ((_, Func<Command> create) in commands)
        {
            Command command = create();
            MoveExamples(command);
            root.Subcommands.Add(command);
        }
        foreach (HelpOption help in root.Options.OfType<HelpOption>())
        {
            help.Action = new HelpWithExamplesAction((SynchronousCommandLineAction)help.Action!);
        }
        return root;
    }

    /// <summary>Examples of each command, shown at the end of its own help (not in the list of commands).</summary>
    private static readonly ConditionalWeakTable<Command, string> Examples = new();

    /// <summary>Moves the examples paragraph out of a command's description (and its subcommands').</summary>
    private static void MoveExamples(Command command)
    {
        string description = command.Description ?? "";
        int at = description.IndexOf("\n\nExample", StringComparison.Ordinal);
        if (at >= 0)
        {
            Examples.AddOrUpdate(command, description[(at + 2)..].TrimEnd());
            command.Description = description[..at];
        }
        foreach (Command sub in command.Subcommands)
        {
            MoveExamples(sub);
        }
    }

    /// <summary>The standard help, then the command's examples.</summary>
    private sealed class HelpWithExamplesAction(SynchronousCommandLineAction standard) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            int code = standard.Invoke(parseResult);
            if (Examples.TryGetValue(parseResult.CommandResult.Command, out string? examples))
            {
                TextWriter output = parseResult.InvocationConfiguration.Output;
                output.WriteLine(examples);
            }
            return code;
        }
    }

    /// <summary>Every command, by name, in the order of the help.</summary>
    internal static readonly (string Name, Func<Command> Create)[] Commands =
    [
        ("render", RenderCommand.Create),
        ("compare", CompareCommand.Create),
        ("sessions", SessionsCommand.Create),
        ("sheet", SheetCommand.Create),
        ("batch", BatchCommand.Create),
        ("dots", DotsCommand.Create),
        ("inspect", InspectCommand.Create),
        ("plan", PlanCommand.Create),
    ];

    /// <summary>Parses and runs a command line, writing to the given streams; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter? stdout = null, TextWriter? stderr = null)
    {
        stdout ??= Console.Out;
        stderr ??= Console.Error;
        RootCommand root = CreateFor(args);
        ParseResult parse = root.Parse(args);
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        if (parse.Errors.Count > 0 && parse.Action is not HelpWithExamplesAction)
        {
            // One line: the most telling problem (what the user typed wrong before what is missing, an
            // unknown option before a stray value), with a pointer to the help.
            var first = parse.Errors
                .OrderBy(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal) ? 0 : 1)
                .ThenBy(e => e.Message.Contains("'-", StringComparison.Ordinal) ? 0 : 1)
                .First();
            // A word the parser did not know also leaves the command it was meant to be missing: that is not one more problem.
            int others = parse.Errors.Count(e => e != first
                && !(first.Message.StartsWith("Unrecognized", StringComparison.Ordinal) && e.Message.StartsWith("Required command", StringComparison.Ordinal)));
            string more = others > 0 ? $" (and {others} more)" : "";
            stderr.WriteLine($"smp: {ParseMessage(first.Message)}{more}; {UsageHint}");
            return (int)ExitCode.Usage;
        }
        try
        {
            return parse.Invoke(config);
        }
        catch (CliException ex)
        {
            string message = OneLine(ex.Message);
            stderr.WriteLine(ex.ExitCode == ExitCode.Usage ? $"smp: {message}; {UsageHint}" : $"smp: {message}");
            if (parse.GetValue(VerboseOption) && ex.InnerException is not null)
            {
                stderr.WriteLine(ex.InnerException.ToString());
            }
            return (int)ex.ExitCode;
        }
        catch (Exception ex)
        {
            stderr.WriteLine($"smp: internal error: {ex.GetType().Name}: {OneLine(ex.Message)}");
            if (parse.GetValue(VerboseOption))
            {
                stderr.WriteLine(ex.ToString());
            }
            return (int)ExitCode.Internal;
        }
    }

    /// <summary>
    /// A message on one line: its lines joined with a space, and the items of a list of quoted values with commas
    /// ("Must be one of: 'side', 'stack'").
    /// </summary>
    internal static string OneLine(string message)
    {
        string[] lines = message.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < lines.Length; i++)
        {
            if (i > 0)
            {
                bool listItems = lines[i - 1].StartsWith('\'') && lines[i].StartsWith('\'');
                text.Append(listItems ? ", " : " ");
            }
            text.Append(lines[i]);
        }
        return text.ToString();
    }

    /// <summary>A parse error for a person: on one line, a value's expected type in words rather than .NET's name.</summary>
    internal static string ParseMessage(string message)
    {
        message = System.Text.RegularExpressions.Regex.Replace(OneLine(message), @"as expected type '(?:System\.Nullable`1\[)?System\.(\w+)\]?'",
            match => match.Groups[1].Value switch
            {
                "Double" or "Single" or "Decimal" => "as a number",
                "Int32" or "Int64" or "Int16" or "Byte" => "as a whole number",
                "Boolean" => "as true or false",
                _ => "as " + match.Groups[1].Value.ToLowerInvariant(),
            });
        return message.TrimEnd('.');
    }

    private sealed class PrintVersionAction : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return 0;
        }
    }

    /// <summary>The product version, from the smp assembly (not the host process).</summary>
    public static string Version =>
        typeof(SmpCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
}
