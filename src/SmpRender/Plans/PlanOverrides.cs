using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SmpRender.Pigment;

namespace SmpRender.Plans;

/// <summary>One setting to vary and its values, e.g. <c>density=60,90</c>.</summary>
public sealed record PlanVariation(string Key, IReadOnlyList<string> Values);

/// <summary>One combination of varied settings applied to a plan; <see cref="Label"/> reads "density=60 shade=2".</summary>
public sealed record PlanVariant(Plan Plan, IReadOnlyList<KeyValuePair<string, string>> Settings)
{
    public string Label => string.Join(" ", Settings.Select(s => $"{s.Key}={s.Value}"));
}

/// <summary>
/// Changes to a plan for batches and variant sheets: named settings (<c>--vary density=60,90 --vary shade=2,3</c>)
/// or a JSON object merged onto the plan (RFC 7396 merge patch: objects merge, other values replace, null removes).
/// </summary>
public static class PlanOverrides
{
    /// <summary>The settings <see cref="Apply"/> knows, with the plan property each one sets.</summary>
    public static IReadOnlyDictionary<string, string> Keys { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["density"] = "density.dotsPerCm2 (dots per cm², 1-400)",
        ["shade"] = "pigment.shade (auto, 1-5 or #rrggbb)",
        ["look"] = "pigment.look (healed or fresh)",
        ["sessions"] = "sessions (1-4)",
        ["seed"] = "seed (integer)",
        ["diameter"] = "dots.diameterMm (0.1-0.5)",
        ["years"] = "fading.years (0-50)",
    };

    /// <summary>Sets one named setting from text; errors name the key (<c>density: must be a number between 1 and 400, not "x"</c>).</summary>
    /// <exception cref="PlanException">Unknown key or bad value.</exception>
    public static Plan Apply(Plan plan, string key, string value)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        string v = value.Trim();
        switch (key)
        {
            case "density":
                return plan.With(dotsPerCm2: Number(key, v, 1, 400));
            case "shade":
                return Shade.TryParse(v, out Shade shade) ? plan.With(shade: shade) : throw Bad(key, "must be auto, 1-5 or #rrggbb", v);
            case "look":
                return v switch
                {
                    "healed" => plan.With(look: PigmentLook.Healed),
                    "fresh" => plan.With(look: PigmentLook.Fresh),
                    _ => throw Bad(key, "must be healed or fresh", v),
                };
            case "sessions":
                return int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out int sessions) && sessions is >= 1 and <= 4
                    ? plan.With(sessions: sessions)
                    : throw Bad(key, "must be an integer between 1 and 4", v);
            case "seed":
                return long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long seed)
                    ? plan.With(seed: seed)
                    : throw Bad(key, "must be an integer", v);
            case "diameter":
                return plan.With(diameterMm: Number(key, v, PigmentOptions.MinNeedleDiameterMm, PigmentOptions.MaxNeedleDiameterMm));
            case "years":
                double years = Number(key, v, 0, 50);
                return plan.With(fading: plan.Fading is { } f ? f with { Years = years } : new FadingSettings(years));
            default:
                throw new PlanException(key, $"unknown setting (expected one of: {string.Join(", ", Keys.Keys)})");
        }
    }

    /// <summary>Parses "key=v1,v2,..." (as given to <c>--vary</c>).</summary>
    /// <exception cref="PlanException">Malformed, unknown key or a bad value.</exception>
    public static PlanVariation ParseVariation(string spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        int eq = spec.IndexOf('=');
        if (eq <= 0 || eq == spec.Length - 1)
        {
            throw new PlanException("", $"\"{spec}\" must look like key=value1,value2 (keys: {string.Join(", ", Keys.Keys)})");
        }
        string key = spec[..eq].Trim();
        if (!Keys.ContainsKey(key))
        {
            throw new PlanException(key, $"unknown setting (expected one of: {string.Join(", ", Keys.Keys)})");
        }
        string[] values = spec[(eq + 1)..].Split(',', StringSplitOptions.TrimEntries);
        if (values.Any(v => v.Length == 0))
        {
            throw new PlanException(key, $"empty value in \"{spec}\"");
        }
        // "60" and "60.0" are one value, and so are "Fresh" and "fresh".
        if (values.GroupBy(SameValue).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new PlanException(key, $"\"{twice.Last()}\" is listed twice");
        }
        return new PlanVariation(key, values);
    }

    private static string SameValue(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
            ? number.ToString("R", CultureInfo.InvariantCulture)
            : value.ToLowerInvariant();

    /// <summary>
    /// Every combination of the variations applied to the plan, the first variation varying slowest
    /// (so <c>density=60,90 shade=2,3</c> gives 60/2, 60/3, 90/2, 90/3). With no variations: the plan itself.
    /// </summary>
    /// <exception cref="PlanException">A value is invalid for its key.</exception>
    public static IReadOnlyList<PlanVariant> Expand(Plan plan, IReadOnlyList<PlanVariation> variations)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(variations);
        if (variations.GroupBy(v => v.Key).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new PlanException(twice.Key, "is varied twice: give all its values in one list");
        }
        var result = new List<PlanVariant> { new(plan, []) };
        foreach (PlanVariation variation in variations)
        {
            var next = new List<PlanVariant>(result.Count * variation.Values.Count);
            foreach (PlanVariant variant in result)
            {
                foreach (string value in variation.Values)
                {
                    next.Add(new PlanVariant(Apply(variant.Plan, variation.Key, value),
                        [.. variant.Settings, new KeyValuePair<string, string>(variation.Key, value)]));
                }
            }
            result = next;
        }
        return result;
    }

    /// <summary>
    /// Merges a JSON object onto the plan (RFC 7396) and reads the result with full validation, so errors carry
    /// the plan's JSON paths. Relative mask paths in the patch resolve against <paramref name="baseDirectory"/>.
    /// </summary>
    /// <exception cref="PlanException">The patch is not a JSON object or the merged plan is invalid.</exception>
    public static Plan Merge(Plan plan, string jsonObject, string baseDirectory, Func<string, bool>? fileExists = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(jsonObject);
        JsonNode? patch;
        try
        {
            patch = JsonNode.Parse(jsonObject);
        }
        catch (JsonException ex)
        {
            throw new PlanException("", $"override: {JsonErrors.Describe(ex, "the value")}");
        }
        if (patch is not JsonObject patchObject)
        {
            throw new PlanException("", "override must be a JSON object");
        }
        JsonNode target = JsonNode.Parse(PlanWriter.Write(plan))!;
        JsonNode merged = MergePatch(target, patchObject)!;
        return PlanReader.Read(merged.ToJsonString(), baseDirectory, fileExists);
    }

    private static JsonNode? MergePatch(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }
        JsonObject result = target is JsonObject t ? (JsonObject)t.DeepClone() : [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                result[name] = MergePatch(result[name], value);
            }
        }
        return result;
    }

    private static double Number(string key, string text, double min, double max) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && v >= min && v <= max
            ? v
            : throw Bad(key, string.Create(CultureInfo.InvariantCulture, $"must be a number between {min} and {max}"), text);

    private static PlanException Bad(string key, string rule, string value) => new(key, $"{rule}, not \"{value}\"");
}
