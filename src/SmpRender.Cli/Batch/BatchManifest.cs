using System.Text.Json;
using SmpRender.Cli.Commands;
using SmpRender.Plans;

namespace SmpRender.Cli.Batch;

/// <summary>One job of a batch: the <c>smp</c> command line it stands for, with paths made absolute.</summary>
/// <param name="Index">Position in the manifest, 0-based.</param>
/// <param name="Command">render, compare, sessions, sheet or dots.</param>
/// <param name="Output">Absolute output path.</param>
/// <param name="Arguments">The full argument list, as if typed after <c>smp</c>.</param>
public sealed record BatchJob(int Index, string Command, string Output, IReadOnlyList<string> Arguments)
{
    public string Name => $"#{Index} {Command} {Path.GetFileName(Output)}";
}

/// <summary>
/// A batch manifest: a JSON file listing jobs, each one of the photo commands with its photo, plan,
/// output and options. Relative paths resolve against the manifest's folder.
/// <code>
/// {
///   "version": 1,
///   "defaults": { "plan": "plans/crown.json", "options": { "quality": 90 } },
///   "jobs": [
///     { "command": "render", "photo": "a.jpg", "output": "out/a.jpg", "options": { "session": 2 } },
///     { "command": "compare", "photo": "b.jpg", "output": "out/b.jpg", "set": { "density": 120 },
///       "options": { "layout": "split", "size": "1080x1080" } },
///     { "command": "sheet", "photo": "c.jpg", "output": "out/c.jpg",
///       "vary": { "density": [60, 90, 120], "shade": [2, 3, 4] } }
///   ]
/// }
/// </code>
/// </summary>
public sealed class BatchManifest
{
    private static readonly HashSet<string> Commands = ["render", "compare", "sessions", "sheet", "dots"];
    private static readonly HashSet<string> JobProperties = ["command", "photo", "plan", "output", "options", "set", "vary"];
    private static readonly HashSet<string> PathOptions = ["dots", "font", "plan"];

    // Each plan's masks, read once (see FilesRead).
    private readonly Dictionary<string, string[]> _masks;

    private BatchManifest(string path, IReadOnlyList<BatchJob> jobs, Dictionary<string, string[]> masks)
    {
        Path = path;
        Jobs = jobs;
        _masks = masks;
    }

    /// <summary>Absolute path of the manifest file.</summary>
    public string Path { get; }

    public IReadOnlyList<BatchJob> Jobs { get; }

    /// <summary>Reads and validates a manifest; errors name the manifest and the JSON path.</summary>
    public static BatchManifest Load(string path)
    {
        string full = System.IO.Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new CliException(ExitCode.BadInput, $"{path}: is a folder, not a manifest file");
        }
        string text;
        try
        {
            text = File.ReadAllText(full);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException(ExitCode.BadInput, $"{path}: manifest not found", ex);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCode.BadInput, $"{path}: cannot read the manifest: {ex.Message}", ex);
        }
        return Parse(text, full, path);
    }

    /// <summary>Parses and validates a manifest's text; errors name it <paramref name="name"/> (by default its file name).</summary>
    public static BatchManifest Parse(string json, string manifestPath, string? name = null)
    {
        name ??= System.IO.Path.GetFileName(manifestPath);
        string folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(manifestPath))!;
        JsonDocument doc;
        try
        {
            doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            throw Error(name, JsonErrors.Describe(ex));
        }
        using (doc)
        {
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Error(name, "$: must be an object with \"version\" and \"jobs\"");
            }
            foreach (JsonProperty p in root.EnumerateObject())
            {
                if (p.Name is not ("version" or "defaults" or "jobs"))
                {
                    throw Error(name, $"{p.Name}: unknown property (expected version, defaults, jobs)");
                }
            }
            if (!root.TryGetProperty("version", out JsonElement version) || version.ValueKind != JsonValueKind.Number || version.GetDouble() != 1)
            {
                throw Error(name, "version: must be 1");
            }
            JsonElement? defaults = null;
            if (root.TryGetProperty("defaults", out JsonElement d))
            {
                CheckJobObject(name, d, "defaults");
                defaults = d;
            }
            if (!root.TryGetProperty("jobs", out JsonElement jobsElement) || jobsElement.ValueKind != JsonValueKind.Array)
            {
                throw Error(name, "jobs: must be an array of jobs");
            }
            var jobs = new List<BatchJob>();
            int index = 0;
            foreach (JsonElement job in jobsElement.EnumerateArray())
            {
                jobs.Add(ParseJob(name, folder, job, defaults, index++));
            }
            if (jobs.Count == 0)
            {
                throw Error(name, "jobs: the manifest lists no job");
            }
            var masks = new Dictionary<string, string[]>(FileNames);
            CheckFilesWritten(name, jobs, masks);
            return new BatchManifest(System.IO.Path.GetFullPath(manifestPath), jobs, masks);
        }
    }

    private static BatchJob ParseJob(string name, string folder, JsonElement job, JsonElement? defaults, int index)
    {
        string at = $"jobs[{index}]";
        CheckJobObject(name, job, at);
        string command = RequiredString(name, job, defaults, "command", at);
        if (!Commands.Contains(command))
        {
            throw Error(name, $"{at}.command: '{command}' is not one of {string.Join(", ", Commands)}");
        }
        // Every command takes a photo; dots may take the field's size from --size instead.
        string? photo = command == "dots"
            ? OptionalString(name, job, defaults, "photo", at)
            : RequiredString(name, job, defaults, "photo", at);
        string output = Resolve(folder, RequiredString(name, job, defaults, "output", at));
        try
        {
            // An output the job could not write is a mistake in the manifest, found before any job runs.
            if (command == "dots")
            {
                Inputs.CheckDotsOutput(output);
            }
            else
            {
                Inputs.CheckPhotoOutput(output);
            }
        }
        catch (CliException ex)
        {
            throw Error(name, $"{at}.output: {ex.Message}");
        }
        var args = new List<string> { command };
        if (photo is not null)
        {
            args.Add(Resolve(folder, photo));
        }
        args.Add("-o");
        args.Add(output);
        string? plan = OptionalString(name, job, defaults, "plan", at);
        if (plan is not null)
        {
            args.Add("--plan");
            args.Add(Resolve(folder, plan));
        }
        // The defaults' set, vary and options first, then the job's: a job's own value for a key replaces the default's.
        var sets = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        var varies = new OrderedDictionary<string, string>(StringComparer.Ordinal);
        var options = new OrderedDictionary<string, string?>(StringComparer.Ordinal);
        foreach ((JsonElement source, bool isDefault) in Sources(job, defaults))
        {
            if (source.TryGetProperty("set", out JsonElement set) && !(isDefault && !Takes(command, "--set")))
            {
                foreach (JsonProperty p in Object(name, set, $"{at}.set").EnumerateObject())
                {
                    sets[p.Name] = Scalar(name, p.Value, $"{at}.set.{p.Name}");
                }
            }
            if (source.TryGetProperty("vary", out JsonElement vary) && !(isDefault && !Takes(command, "--vary")))
            {
                foreach (JsonProperty p in Object(name, vary, $"{at}.vary").EnumerateObject())
                {
                    varies[p.Name] = Scalar(name, p.Value, $"{at}.vary.{p.Name}");
                }
            }
            if (source.TryGetProperty("options", out JsonElement jobOptions))
            {
                foreach (JsonProperty p in Object(name, jobOptions, $"{at}.options").EnumerateObject())
                {
                    if (p.Name is "help" or "version" && p.Value.ValueKind != JsonValueKind.False)
                    {
                        // A job asking for help would print it and write nothing, and be counted as done.
                        throw Error(name, $"{at}.options.{p.Name}: not an option a job can take");
                    }
                    if (p.Value.ValueKind == JsonValueKind.False)
                    {
                        // A flag turned off: also one the defaults turned on.
                        options.Remove(p.Name);
                        continue;
                    }
                    if (isDefault && !Takes(command, "--" + p.Name))
                    {
                        continue;
                    }
                    string? value = p.Value.ValueKind == JsonValueKind.True ? null : Scalar(name, p.Value, $"{at}.options.{p.Name}");
                    options[p.Name] = value is not null && PathOptions.Contains(p.Name) ? Resolve(folder, value) : value;
                }
            }
        }
        foreach ((string key, string value) in sets)
        {
            args.Add("--set");
            args.Add($"{key}={value}");
        }
        foreach ((string key, string value) in varies)
        {
            args.Add("--vary");
            args.Add($"{key}={value}");
        }
        foreach ((string option, string? value) in options)
        {
            args.Add("--" + option);
            if (value is not null)
            {
                args.Add(value);
            }
        }
        return new BatchJob(index, command, output, args);
    }

    /// <summary>
    /// Every file a job writes (its output, its dot field) is written by no other job and read by none (as a photo, plan,
    /// plan's mask or font): the jobs run side by side in no set order, so two variants sent to one file would leave one
    /// of them, and a job reading another's output would read it or not. A job's output over its own inputs fails that
    /// job alone, when it runs.
    /// </summary>
    private static void CheckFilesWritten(string name, IReadOnlyList<BatchJob> jobs, Dictionary<string, string[]> masks)
    {
        var writer = new Dictionary<string, int>(FileNames);
        foreach (BatchJob job in jobs)
        {
            foreach (string file in FilesWritten(job))
            {
                if (!writer.TryAdd(file, job.Index))
                {
                    throw Error(name, $"jobs[{writer[file]}] and jobs[{job.Index}] both write {file}");
                }
            }
        }
        foreach (BatchJob job in jobs)
        {
            foreach (string file in FilesRead(job, masks))
            {
                if (writer.TryGetValue(file, out int index) && index != job.Index)
                {
                    throw Error(name, $"jobs[{job.Index}] reads {file}, which jobs[{index}] writes: the jobs run side by side, in no set order");
                }
            }
        }
    }

    /// <summary>Every file the jobs read or write (full paths): what the batch's report must not overwrite.</summary>
    internal IEnumerable<string> Files() => Jobs.SelectMany(job => FilesWritten(job).Concat(FilesRead(job, _masks)));

    /// <summary>How paths are compared: exactly on Linux, ignoring case where file systems usually do.</summary>
    internal static StringComparer FileNames => OperatingSystem.IsLinux() ? StringComparer.Ordinal : StringComparer.OrdinalIgnoreCase;

    private static IEnumerable<string> FilesWritten(BatchJob job) => new[] { job.Output, ValueOf(job, "--dots") }.OfType<string>();

    /// <summary>A job's photo, plan, the plan's masks and font; <paramref name="masks"/> caches each plan's masks.</summary>
    private static IEnumerable<string> FilesRead(BatchJob job, Dictionary<string, string[]> masks)
    {
        string? photo = job.Arguments.Count > 1 && job.Arguments[1] != "-o" ? job.Arguments[1] : null;
        string? plan = ValueOf(job, "--plan");
        IEnumerable<string> planMasks = plan is null ? [] : MasksOf(plan, masks);
        return new[] { photo, plan, ValueOf(job, "--font") }.OfType<string>().Concat(planMasks);
    }

    /// <summary>The masks a plan file names, missing or not; none when the plan cannot be read (its job reports that).</summary>
    private static string[] MasksOf(string plan, Dictionary<string, string[]> cache)
    {
        if (!cache.TryGetValue(plan, out string[]? found))
        {
            try
            {
                found = [.. Inputs.MaskFiles(PlanReader.ReadFile(plan, fileExists: static _ => true))];
            }
            catch (Exception ex) when (ex is PlanException or ArgumentException or IOException or UnauthorizedAccessException)
            {
                // The job meets the same problem when it runs, and reports it: one bad plan does not stop the batch.
                found = [];
            }
            cache[plan] = found;
        }
        return found;
    }

    /// <summary>The value given to an option on a job's command line (the last one), or null.</summary>
    private static string? ValueOf(BatchJob job, string option)
    {
        int at = job.Arguments.ToList().LastIndexOf(option);
        return at >= 0 && at + 1 < job.Arguments.Count ? job.Arguments[at + 1] : null;
    }

    /// <summary>Defaults first, then the job, so that a job's options come last and win.</summary>
    private static IEnumerable<(JsonElement Source, bool IsDefault)> Sources(JsonElement job, JsonElement? defaults)
    {
        if (defaults is { } d)
        {
            yield return (d, true);
        }
        yield return (job, false);
    }

    /// <summary>The option names (with "--") of each command a job can be, read from the real commands.</summary>
    private static readonly Lazy<Dictionary<string, HashSet<string>>> CommandOptions = new(() =>
    {
        System.CommandLine.RootCommand root = SmpCommand.Create();
        var recursive = root.Options.Where(o => o.Recursive).ToList();
        return root.Subcommands
            .Where(c => Commands.Contains(c.Name))
            .ToDictionary(c => c.Name, c => c.Options.Concat(recursive).SelectMany(o => o.Aliases.Append(o.Name)).ToHashSet(StringComparer.Ordinal));
    });

    /// <summary>
    /// Whether an option from <c>defaults</c> applies to a command: defaults are shared by jobs of every kind, so an
    /// option only some commands take (quality, layout, vary, ...) is left out of the others. A job's own options
    /// are always passed, so a misspelt one is still reported.
    /// </summary>
    private static bool Takes(string command, string option) => CommandOptions.Value[command].Contains(option);

    private static void CheckJobObject(string name, JsonElement element, string at)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw Error(name, $"{at}: must be an object");
        }
        foreach (JsonProperty p in element.EnumerateObject())
        {
            if (!JobProperties.Contains(p.Name))
            {
                throw Error(name, $"{at}.{p.Name}: unknown property (expected {string.Join(", ", JobProperties)})");
            }
        }
    }

    private static string RequiredString(string name, JsonElement job, JsonElement? defaults, string property, string at) =>
        OptionalString(name, job, defaults, property, at) ?? throw Error(name, $"{at}.{property}: missing");

    private static string? OptionalString(string name, JsonElement job, JsonElement? defaults, string property, string at)
    {
        if (job.TryGetProperty(property, out JsonElement value) || (defaults is { } d && d.TryGetProperty(property, out value)))
        {
            if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
            {
                throw Error(name, $"{at}.{property}: must be a non-empty string");
            }
            return value.GetString();
        }
        return null;
    }

    private static JsonElement Object(string name, JsonElement element, string at) =>
        element.ValueKind == JsonValueKind.Object ? element : throw Error(name, $"{at}: must be an object");

    /// <summary>A number, string or array of them, as command-line text (arrays comma-separated).</summary>
    private static string Scalar(string name, JsonElement value, string at) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number => value.GetRawText(),
        JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select((v, i) => v.ValueKind is JsonValueKind.Array or JsonValueKind.Object
            ? throw Error(name, $"{at}[{i}]: must be a number or a string")
            : Scalar(name, v, $"{at}[{i}]"))),
        _ => throw Error(name, $"{at}: must be a number, a string or an array of them"),
    };

    private static string Resolve(string folder, string path) =>
        System.IO.Path.GetFullPath(System.IO.Path.IsPathRooted(path) ? path : System.IO.Path.Combine(folder, path));

    private static CliException Error(string manifest, string message) =>
        new(ExitCode.BadInput, $"{manifest}: {message}");
}
