using System.Globalization;
using System.CommandLine;
using System.Diagnostics;
using SmpRender.Compositing;
using SmpRender.Imaging;
using SmpRender.IO;
using SmpRender.Plans;
using SmpRender.Rendering;

namespace SmpRender.Cli.Commands;

/// <summary><c>smp render PHOTO --plan PLAN -o OUT</c>: the preview.</summary>
internal static class RenderCommand
{
    public static Command Create()
    {
        var inputs = new PreviewInputs();
        var session = new Option<int?>("--session") { Description = "Show the result after this session (1 to the plan's sessions); default: all sessions." };
        var only = new Option<bool>("--only") { Description = "With --session: show only that session's dots." };
        var years = new Option<double?>("--years")
        {
            Description = "Show the result after this many years of fading (0 = just healed).",
            CustomParser = Numbers.Parse,
        };
        var dots = new Option<string?>("--dots") { Description = "Also write the dot field (.csv or .svg).", HelpName = "FILE" };
        var command = new Command("render", """
            Render the preview: the plan's dots composited onto the client's photo.

            Examples:
              smp render samples/crown.jpg --plan samples/crown.plan.json -o out/crown.jpg
              smp render client.jpg --zone crown --density 100 --shade 3 -o preview.jpg
              smp render client.jpg --plan plan.json --session 1 --years 5 -o s1-5y.jpg --dots dots.svg
            """);
        inputs.AddTo(command);
        command.Options.Add(session);
        command.Options.Add(only);
        command.Options.Add(years);
        command.Options.Add(dots);
        command.SetAction(parse =>
        {
            long start = Stopwatch.GetTimestamp();
            if (parse.GetValue(dots) is string dotsOutput)
            {
                Inputs.CheckDotsOutput(dotsOutput);
            }
            if (parse.GetValue(years) is double shownYears && inputs.Overrides(parse).FirstOrDefault(o => o.Key == "years") is { Key: not null } setYears)
            {
                throw new CliException(ExitCode.Usage, string.Create(CultureInfo.InvariantCulture,
                    $"years is given twice ({shownYears} and {setYears.Value}): give it once"));
            }
            using LoadedInputs loaded = inputs.Load(parse);
            Inputs.CheckOutputSize(loaded.OutputPath, (loaded.Photo.Width, loaded.Photo.Height));
            Plan plan = loaded.Plan;
            SessionSelection sessions = Sessions(parse.GetValue(session), parse.GetValue(only), plan.Sessions);
            FadingSettings? fading = parse.GetValue(years) is double y ? Fading(plan, y) : plan.Fading;

            PreviewScene scene = loaded.Prepare();
            _ = scene.Dots; // sampled now unless it was while the photo decoded: not part of the compositing time
            long composite = Stopwatch.GetTimestamp();
            // The photo is not needed after this render: composite on it rather than on a copy.
            Photo after = scene.RenderInPlace(sessions, fading);
            double compositeMs = Stopwatch.GetElapsedTime(composite).TotalMilliseconds;
            // Both files or neither: each is written to its temporary file first, then the dot field is put in place and
            // the preview last (a batch's --skip-existing goes by the preview).
            string? dotsPath = parse.GetValue(dots);
            using AtomicFile.Pending? dotsFile = dotsPath is null ? null
                : Inputs.PrepareDots(scene.Dots, dotsPath, after.Width, after.Height, plan.Dots.DiameterMm, loaded.Encode.ProtectedInputs ?? []);
            long write = Stopwatch.GetTimestamp();
            using AtomicFile.Pending preview = Inputs.PreparePhoto(after, loaded.OutputPath, loaded.Encode);
            if (dotsFile is not null)
            {
                Inputs.Commit(dotsFile, dotsPath!);
            }
            Inputs.Commit(preview, loaded.OutputPath);
            double writeMs = Stopwatch.GetElapsedTime(write).TotalMilliseconds;
            // The dots shown: those of the sessions asked for (all of them by default).
            int shown = 0;
            foreach (byte s in scene.Dots.Session)
            {
                shown += sessions.Contains(s) ? 1 : 0;
            }
            Report(parse, RenderReport.For(scene, loaded, after.Width, after.Height, compositeMs, writeMs,
                Stopwatch.GetElapsedTime(start).TotalMilliseconds) with { Dots = shown, Sessions = Describe(sessions, plan.Sessions) }, loaded.Json);
            return 0;
        });
        return command;
    }

    /// <summary>The sessions a render shows, for its report: "1-3", "1-2" (after session 2) or "2" (session 2 alone).</summary>
    internal static string Describe(SessionSelection sessions, int planSessions)
    {
        int to = Math.Min(sessions.To, planSessions);
        return sessions.From == to ? to.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{sessions.From}-{to}");
    }

    internal static SessionSelection Sessions(int? session, bool only, int planSessions)
    {
        if (session is null)
        {
            if (only)
            {
                throw new CliException(ExitCode.Usage, "--only needs --session N");
            }
            return SessionSelection.All;
        }
        if (session < 1 || session > planSessions)
        {
            throw new CliException(ExitCode.Usage, $"--session: must be between 1 and the plan's {planSessions} sessions, not {session}");
        }
        return only ? SessionSelection.Only(session.Value) : SessionSelection.UpTo(session.Value);
    }

    internal static FadingSettings Fading(Plan plan, double years)
    {
        if (!(years >= 0 && years <= 50))
        {
            throw new CliException(ExitCode.Usage, $"--years: must be between 0 and 50, not {years}");
        }
        return plan.Fading is { } f ? f with { Years = years } : new FadingSettings(years);
    }

    internal static void Report(ParseResult parse, RenderReport report, bool json)
    {
        TextWriter output = parse.InvocationConfiguration.Output;
        output.WriteLine(json ? report.ToJson() : report.ToLine());
        if (!json && report.ScaleWarning is { } warning)
        {
            parse.InvocationConfiguration.Error.WriteLine($"smp: warning: {warning}");
        }
    }
}
