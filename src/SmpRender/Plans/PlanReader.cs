using System.Globalization;
using System.Text.Json;
using SmpRender.Zones;
using SmpRender.Pigment;

namespace SmpRender.Plans;

/// <summary>
/// Reads a plan from JSON, strictly: unknown properties, missing fields, wrong types, out-of-range values and
/// missing mask files are all reported, each on one line with its JSON path (<c>zones[2].widthMm: must be &gt; 0</c>).
/// </summary>
public static class PlanReader
{
    /// <summary>Reads a plan; relative mask paths resolve against <paramref name="baseDirectory"/>.</summary>
    /// <param name="fileExists">Checks that a mask exists (default <see cref="File.Exists(string)"/>).</param>
    /// <exception cref="PlanException">The plan is invalid; it lists every error found.</exception>
    public static Plan Read(string json, string baseDirectory, Func<string, bool>? fileExists = null)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        return Read(reader => reader.ReadPlan(json), baseDirectory, fileExists);
    }

    private static Plan Read(Func<Walker, Plan?> read, string baseDirectory, Func<string, bool>? fileExists)
    {
        var reader = new Walker(baseDirectory, fileExists ?? File.Exists);
        Plan? plan = read(reader);
        if (reader.Errors.Count > 0 || plan is null)
        {
            throw new PlanException(reader.Errors.Count > 0 ? reader.Errors : [new PlanError("", "invalid plan")]);
        }
        return plan;
    }

    /// <summary>Reads a plan file (a text file); relative paths resolve against its folder.</summary>
    /// <exception cref="PlanException">The file cannot be read or the plan is invalid.</exception>
    public static Plan ReadFile(string path, Func<string, bool>? fileExists = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        string full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new PlanException("", "is a folder, not a plan file");
        }
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(full);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new PlanException("", $"cannot read {path}: {ex.Message}");
        }
        string folder = Path.GetDirectoryName(full) ?? ".";
        ReadOnlySpan<byte> utf8Bom = [0xEF, 0xBB, 0xBF];
        if (bytes.Length >= 2 && (bytes[0], bytes[1]) is (0xFF, 0xFE) or (0xFE, 0xFF))
        {
            // UTF-16 text, as some editors save it.
            using var text = new StreamReader(new MemoryStream(bytes), detectEncodingFromByteOrderMarks: true);
            return Read(text.ReadToEnd(), folder, fileExists);
        }
        // UTF-8 read as it is, without a detour through a string.
        int skip = bytes.AsSpan().StartsWith(utf8Bom) ? utf8Bom.Length : 0;
        return Read(reader => reader.ReadPlan(bytes.AsMemory(skip)), folder, fileExists);
    }

    private sealed class Walker(string baseDirectory, Func<string, bool> fileExists)
    {
        private static readonly string[] RootProperties =
            ["version", "scale", "seed", "density", "dots", "pigment", "sessions", "fading", "hair", "notes", "zones"];

        private static readonly string[] ZoneTypes = ["hairline", "crown", "region", "scar", "mask"];

        public List<PlanError> Errors { get; } = [];

        private void Error(string path, string message) => Errors.Add(new PlanError(path, message));

        private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

        public Plan? ReadPlan(string json) => ReadPlan(() => JsonDocument.Parse(json, Options));

        public Plan? ReadPlan(ReadOnlyMemory<byte> utf8) => ReadPlan(() => JsonDocument.Parse(utf8, Options));

        private Plan? ReadPlan(Func<JsonDocument> parse)
        {
            JsonDocument document;
            try
            {
                document = parse();
            }
            catch (JsonException ex)
            {
                Error("", JsonErrors.Describe(ex));
                return null;
            }
            using (document)
            {
                JsonElement root = document.RootElement;
                if (!CheckObject(root, "", RootProperties))
                {
                    return null;
                }
                int? version = Integer(root, "version", "", required: true, min: null, max: null);
                if (version is { } v && v != Plan.CurrentVersion)
                {
                    Error("version", $"unsupported version {v}: this smp reads version {Plan.CurrentVersion}");
                    return null;
                }
                PhysicalScale? scale = ReadScale(root);
                long? seed = Long(root, "seed", "");
                DensitySettings? density = ReadDensity(root);
                DotSettings? dots = ReadDots(root);
                PigmentSettings? pigment = ReadPigment(root);
                int? sessions = Integer(root, "sessions", "", required: false, min: 1, max: 4);
                FadingSettings? fading = ReadFading(root);
                HairSettings? hair = ReadHair(root);
                string? notes = String(root, "notes", "", required: false);
                List<Zone>? zones = ReadZones(root);
                if (Errors.Count > 0 || scale is null || zones is null)
                {
                    return null;
                }
                return new Plan(scale, zones)
                {
                    Seed = seed ?? 1,
                    Density = density ?? new(),
                    Dots = dots ?? new(),
                    Pigment = pigment ?? new(),
                    Sessions = sessions ?? 3,
                    Fading = fading,
                    Hair = hair,
                    Notes = notes,
                };
            }
        }

        private PhysicalScale? ReadScale(JsonElement root)
        {
            if (!Child(root, "scale", "", required: true, out JsonElement e))
            {
                return null;
            }
            const string path = "scale";
            if (!CheckObject(e, path, ["pxPerMm", "ruler", "mm", "headWidthPx", "headWidthMm"]))
            {
                return null;
            }
            bool hasPx = e.TryGetProperty("pxPerMm", out _), hasRuler = e.TryGetProperty("ruler", out _), hasHead = e.TryGetProperty("headWidthPx", out _);
            int given = (hasPx ? 1 : 0) + (hasRuler ? 1 : 0) + (hasHead ? 1 : 0);
            if (given == 0)
            {
                Error(path, "give one of \"pxPerMm\", \"ruler\" with \"mm\", or \"headWidthPx\"");
                return null;
            }
            if (given > 1)
            {
                Error(path, "give only one of \"pxPerMm\", \"ruler\" or \"headWidthPx\"");
                return null;
            }
            if (!hasRuler && e.TryGetProperty("mm", out _))
            {
                Error(Join(path, "mm"), "only goes with \"ruler\"");
            }
            if (!hasHead && e.TryGetProperty("headWidthMm", out _))
            {
                Error(Join(path, "headWidthMm"), "only goes with \"headWidthPx\"");
            }
            PhysicalScale? scale;
            try
            {
                scale = ReadScaleSource(e, path, hasPx, hasRuler);
            }
            catch (ArgumentException ex)
            {
                // A value the checks let through and the scale refuses: reported like the others.
                Error(path, Preconditions.Reason(ex));
                return null;
            }
            return scale;
        }

        /// <summary>Whether a plan's scale is one it may have; reports it when not.</summary>
        private bool InRange(double pxPerMm, string path)
        {
            if (PhysicalScale.IsInRange(pxPerMm))
            {
                return true;
            }
            Error(path, string.Create(CultureInfo.InvariantCulture,
                $"gives {pxPerMm:G6} px/mm: a scale must be between {PhysicalScale.MinPxPerMm} and {PhysicalScale.MaxPxPerMm} px/mm"));
            return false;
        }

        private PhysicalScale? ReadScaleSource(JsonElement e, string path, bool hasPx, bool hasRuler)
        {
            if (hasPx)
            {
                return Number(e, "pxPerMm", path, required: true, v => Positive(v) ?? AtMost(v, PhysicalScale.MaxPxPerMm)) is { } px
                    && InRange(px, path) ? PhysicalScale.FromPxPerMm(px) : null;
            }
            if (hasRuler)
            {
                Point2[]? ends = Points(e, "ruler", path, required: true, min: 2, what: "a ruler", different: false);
                double? mm = Number(e, "mm", path, required: true, Positive);
                if (ends is null || mm is null)
                {
                    return null;
                }
                if (ends.Length != 2)
                {
                    Error(Join(path, "ruler"), $"must be exactly 2 points [[x1, y1], [x2, y2]], got {ends.Length}");
                    return null;
                }
                double length = double.Hypot(ends[1].X - ends[0].X, ends[1].Y - ends[0].Y);
                if (!(length > 0))
                {
                    Error(Join(path, "ruler"), "the two points must differ");
                    return null;
                }
                if (!double.IsFinite(length / mm.Value))
                {
                    Error(path, "the ruler's length over its mm is not a finite scale");
                    return null;
                }
                return InRange(length / mm.Value, path) ? PhysicalScale.FromRuler(ends[0], ends[1], mm.Value) : null;
            }
            double? headPx = Number(e, "headWidthPx", path, required: true, Positive);
            double headMm = Number(e, "headWidthMm", path, required: false, Positive) ?? PhysicalScale.AssumedHeadWidthMm;
            if (headPx is not { } hp)
            {
                return null;
            }
            if (!double.IsFinite(hp / headMm))
            {
                Error(path, "headWidthPx over headWidthMm is not a finite scale");
                return null;
            }
            return InRange(hp / headMm, path) ? PhysicalScale.FromHeadWidth(hp, headMm) : null;
        }

        private DensitySettings? ReadDensity(JsonElement root)
        {
            if (!Child(root, "density", "", required: false, out JsonElement e) || !CheckObject(e, "density", ["dotsPerCm2"]))
            {
                return null;
            }
            double? d = Number(e, "dotsPerCm2", "density", required: true, v => Between(v, 1, 400));
            return d is { } value ? new DensitySettings(value) : null;
        }

        private DotSettings? ReadDots(JsonElement root)
        {
            if (!Child(root, "dots", "", required: false, out JsonElement e) || !CheckObject(e, "dots", ["diameterMm", "needle"]))
            {
                return null;
            }
            double? d = Number(e, "diameterMm", "dots", required: false, v => Between(v, PigmentOptions.MinNeedleDiameterMm, PigmentOptions.MaxNeedleDiameterMm));
            string? needle = Enum(e, "needle", "dots", ["1rl", "3rl"]);
            return new DotSettings(d ?? DotSettings.DefaultDiameterMm, needle switch
            {
                "1rl" => Needle.OneRound,
                "3rl" => Needle.ThreeRound,
                _ => null,
            });
        }

        private PigmentSettings? ReadPigment(JsonElement root)
        {
            if (!Child(root, "pigment", "", required: false, out JsonElement e) || !CheckObject(e, "pigment", ["shade", "look"]))
            {
                return null;
            }
            Shade shade = Shade.Auto;
            if (e.TryGetProperty("shade", out JsonElement s))
            {
                bool ok;
                if (s.ValueKind == JsonValueKind.Number)
                {
                    ok = s.TryGetInt32(out int level) && level is >= 1 and <= 5;
                    shade = ok ? Shade.Level(level) : Shade.Auto;
                }
                else
                {
                    string? text = s.ValueKind == JsonValueKind.String ? s.GetString() : null;
                    ok = text is not null && !text.All(char.IsAsciiDigit) && Shade.TryParse(text, out shade);
                }
                if (!ok)
                {
                    Error("pigment.shade", $"must be \"auto\", an integer 1-5 or \"#rrggbb\", not {Describe(s)}");
                }
            }
            string? look = Enum(e, "look", "pigment", ["healed", "fresh"]);
            return new PigmentSettings(shade, look == "fresh" ? PigmentLook.Fresh : PigmentLook.Healed);
        }

        private FadingSettings? ReadFading(JsonElement root)
        {
            if (!Child(root, "fading", "", required: false, out JsonElement e) || !CheckObject(e, "fading", ["years", "sun", "skin"]))
            {
                return null;
            }
            double? years = Number(e, "years", "fading", required: true, v => Between(v, 0, 50));
            string? sun = Enum(e, "sun", "fading", ["low", "medium", "high"]);
            string? skin = Enum(e, "skin", "fading", ["oily", "normal", "dry"]);
            return years is { } y
                ? new FadingSettings(y,
                    sun switch { "low" => SunExposure.Low, "high" => SunExposure.High, _ => SunExposure.Medium },
                    skin switch { "oily" => SkinType.Oily, "dry" => SkinType.Dry, _ => SkinType.Normal })
                : null;
        }

        private HairSettings? ReadHair(JsonElement root)
        {
            if (!Child(root, "hair", "", required: false, out JsonElement e) || !CheckObject(e, "hair", ["avoidExisting"]))
            {
                return null;
            }
            return new HairSettings(Bool(e, "avoidExisting", "hair") ?? false);
        }

        private List<Zone>? ReadZones(JsonElement root)
        {
            if (!Child(root, "zones", "", required: true, out JsonElement e))
            {
                return null;
            }
            if (e.ValueKind != JsonValueKind.Array)
            {
                Error("zones", $"must be an array of zones, not {Describe(e)}");
                return null;
            }
            var zones = new List<Zone>();
            int index = 0;
            int errorsBefore = Errors.Count;
            foreach (JsonElement z in e.EnumerateArray())
            {
                if (ReadZone(z, $"zones[{index}]") is { } zone)
                {
                    zones.Add(zone);
                }
                index++;
            }
            if (index == 0)
            {
                Error("zones", "needs at least one zone");
                return null;
            }
            if (Errors.Count == errorsBefore && zones.All(z => z.Exclude))
            {
                Error("zones", "needs at least one zone that is not \"exclude\": true");
            }
            return Errors.Count == errorsBefore ? zones : null;
        }

        private Zone? ReadZone(JsonElement z, string path)
        {
            if (z.ValueKind != JsonValueKind.Object)
            {
                Error(path, $"must be an object, not {Describe(z)}");
                return null;
            }
            string? type = String(z, "type", path, required: true);
            if (type is null)
            {
                return null;
            }
            if (!ZoneTypes.Contains(type))
            {
                Error(Join(path, "type"), $"unknown zone type \"{type}\" (expected one of: {string.Join(", ", ZoneTypes)})");
                return null;
            }
            int before = Errors.Count;
            Zone? zone;
            try
            {
                zone = type switch
                {
                    "hairline" => ReadHairline(z, path),
                    "crown" => ReadCrown(z, path),
                    "region" => ReadRegion(z, path),
                    "scar" => ReadScar(z, path),
                    _ => ReadMask(z, path),
                };
            }
            catch (ArgumentException ex)
            {
                // A value the checks above let through and the zone refuses: reported like the others.
                Error(path, ex.ParamName is { Length: > 0 } name ? $"{Preconditions.Reason(ex)} ({name})" : Preconditions.Reason(ex));
                return null;
            }
            bool exclude = Bool(z, "exclude", path) ?? false;
            if (zone is null || Errors.Count > before)
            {
                return null;
            }
            return exclude ? zone with { Exclude = true } : zone;
        }

        private Zone? ReadHairline(JsonElement z, string path)
        {
            if (!CheckObject(z, path, ["type", "exclude", "points", "scalpSide", "style", "bandDepthMm", "transitionMm", "undulationMm",
                "asymmetryMm", "microMm", "bandOnly"]))
            {
                return null;
            }
            Point2[]? points = Points(z, "points", path, required: true, min: 2, what: "a hairline");
            ScalpSide? side = null;
            if (Child(z, "scalpSide", path, required: true, out JsonElement s))
            {
                if (s.ValueKind == JsonValueKind.String)
                {
                    side = s.GetString() switch
                    {
                        "up" => ScalpSide.Up,
                        "down" => ScalpSide.Down,
                        "left" => ScalpSide.Left,
                        "right" => ScalpSide.Right,
                        _ => null,
                    };
                }
                else if (s.ValueKind == JsonValueKind.Array && PointOf(s, Join(path, "scalpSide"), report: false) is { } p)
                {
                    side = ScalpSide.Toward(p);
                }
                if (side is null)
                {
                    Error(Join(path, "scalpSide"), $"must be \"up\", \"down\", \"left\", \"right\" or a point [x, y] on the scalp, not {Describe(s)}");
                }
            }
            string? style = Enum(z, "style", path, ["soft", "defined", "natural"]);
            // A band deeper than a head is long (300 mm) is a mistake.
            double? band = Number(z, "bandDepthMm", path, required: false, v => Positive(v) ?? AtMost(v, 300));
            double? transition = Number(z, "transitionMm", path, required: false, Positive);
            double? undulation = Number(z, "undulationMm", path, required: false, v => Between(v, 0, 10));
            double? asymmetry = Number(z, "asymmetryMm", path, required: false, v => Between(v, 0, 5));
            double? micro = Number(z, "microMm", path, required: false, v => Between(v, 0, 15));
            bool bandOnly = Bool(z, "bandOnly", path) ?? false;
            // The band's depth matters only where density ends at it (bandOnly), or where it was given.
            if (transition is { } t && (band is not null || bandOnly) && t > (band ?? HairlineZone.DefaultBandDepthMm))
            {
                Error(Join(path, "transitionMm"), string.Create(CultureInfo.InvariantCulture,
                    $"must not exceed bandDepthMm ({band ?? HairlineZone.DefaultBandDepthMm}{(band is null ? ", the default" : "")})"));
            }
            if (points is null || side is null)
            {
                return null;
            }
            if (!side.IsAcross(points))
            {
                bool leftToRight = Math.Abs(points[^1].X - points[0].X) >= Math.Abs(points[^1].Y - points[0].Y);
                Error(Join(path, "scalpSide"), $"runs along the hairline, not across it: the scalp is on one side of the line ({(leftToRight ? "\"up\" or \"down\"" : "\"left\" or \"right\"")} here)");
                return null;
            }
            return new HairlineZone(points, side, style switch
            {
                "defined" => HairlineStyle.Defined,
                "natural" => HairlineStyle.Natural,
                _ => HairlineStyle.Soft,
            })
            {
                BandDepthMm = band ?? HairlineZone.DefaultBandDepthMm,
                TransitionMm = transition,
                UndulationMm = undulation,
                AsymmetryMm = asymmetry,
                MicroMm = micro,
                BandOnly = bandOnly,
            };
        }

        private Zone? ReadCrown(JsonElement z, string path)
        {
            if (!CheckObject(z, path, ["type", "exclude", "center", "radiiMm", "radiiPx", "angleDeg", "featherMm", "whorl"]))
            {
                return null;
            }
            Point2? center = Child(z, "center", path, required: true, out JsonElement c) ? PointOf(c, Join(path, "center"), report: true) : null;
            bool mm = z.TryGetProperty("radiiMm", out _), px = z.TryGetProperty("radiiPx", out _);
            (double, double)? radii = null;
            LengthUnit unit = LengthUnit.Millimetres;
            if (mm && px)
            {
                Error(Join(path, "radiiPx"), "give either radiiMm or radiiPx, not both");
            }
            else if (!mm && !px)
            {
                Error(Join(path, "radiiMm"), "required property is missing (or radiiPx)");
            }
            else
            {
                string name = mm ? "radiiMm" : "radiiPx";
                unit = mm ? LengthUnit.Millimetres : LengthUnit.Pixels;
                radii = Pair(z.GetProperty(name), Join(path, name));
            }
            double? angle = Number(z, "angleDeg", path, required: false, _ => null);
            double? feather = Number(z, "featherMm", path, required: false, NonNegative);
            Point2? whorl = Child(z, "whorl", path, required: false, out JsonElement w) ? PointOf(w, Join(path, "whorl"), report: true) : null;
            if (center is null || radii is null)
            {
                return null;
            }
            return new CrownZone(center.Value, new Length(radii.Value.Item1, unit), new Length(radii.Value.Item2, unit))
            {
                AngleDeg = angle ?? 0,
                FeatherMm = feather ?? CrownZone.DefaultFeatherMm,
                Whorl = whorl,
            };
        }

        private Zone? ReadRegion(JsonElement z, string path)
        {
            if (!CheckObject(z, path, ["type", "exclude", "polygon", "featherMm"]))
            {
                return null;
            }
            Point2[]? polygon = Points(z, "polygon", path, required: true, min: 3, what: "a region");
            double? feather = Number(z, "featherMm", path, required: false, NonNegative);
            return polygon is null ? null : new RegionZone(polygon) { FeatherMm = feather ?? RegionZone.DefaultFeatherMm };
        }

        private Zone? ReadScar(JsonElement z, string path)
        {
            if (!CheckObject(z, path, ["type", "exclude", "polyline", "widthMm", "points", "diameterMm", "marginMm", "featherMm"]))
            {
                return null;
            }
            bool strip = z.TryGetProperty("polyline", out _), dots = z.TryGetProperty("points", out _);
            double? margin = Number(z, "marginMm", path, required: false, NonNegative);
            double? feather = Number(z, "featherMm", path, required: false, NonNegative);
            if (strip && dots)
            {
                Error(path, "a scar has either \"polyline\" and \"widthMm\" (strip) or \"points\" and \"diameterMm\" (FUE dots), not both");
                return null;
            }
            if (!strip && !dots)
            {
                Error(Join(path, "polyline"), "required property is missing (or \"points\" for FUE dot scars)");
                return null;
            }
            ScarZone? scar = null;
            if (strip)
            {
                if (z.TryGetProperty("diameterMm", out _))
                {
                    Error(Join(path, "diameterMm"), "goes with \"points\" (FUE dots); a strip scar has \"widthMm\"");
                }
                Point2[]? line = Points(z, "polyline", path, required: true, min: 2, what: "a strip scar");
                double? width = Number(z, "widthMm", path, required: true, Positive);
                if (line is not null && width is not null)
                {
                    scar = ScarZone.Strip(line, width.Value);
                }
            }
            else
            {
                if (z.TryGetProperty("widthMm", out _))
                {
                    Error(Join(path, "widthMm"), "goes with \"polyline\" (strip); FUE dot scars have \"diameterMm\"");
                }
                Point2[]? points = Points(z, "points", path, required: true, min: 1, what: "a dot scar", different: false);
                double? diameter = Number(z, "diameterMm", path, required: true, Positive);
                if (points is not null && diameter is not null)
                {
                    scar = ScarZone.Dots(points, diameter.Value);
                }
            }
            return scar is null ? null : scar with
            {
                MarginMm = margin ?? ScarZone.DefaultMarginMm,
                FeatherMm = feather ?? ScarZone.DefaultFeatherMm,
            };
        }

        private Zone? ReadMask(JsonElement z, string path)
        {
            if (!CheckObject(z, path, ["type", "exclude", "path", "fit"]))
            {
                return null;
            }
            string? file = String(z, "path", path, required: true);
            string? fit = Enum(z, "fit", path, ["exact", "stretch"]);
            if (file is null)
            {
                return null;
            }
            if (file.Trim().Length == 0)
            {
                Error(Join(path, "path"), "must not be empty");
                return null;
            }
            string resolved = Path.GetFullPath(Path.Combine(baseDirectory, file));
            if (!fileExists(resolved))
            {
                Error(Join(path, "path"), Directory.Exists(resolved) ? $"{resolved} is a folder, not a mask image" : $"file not found: {resolved}");
                return null;
            }
            return new MaskZone(resolved, fit == "stretch" ? MaskFit.Stretch : MaskFit.Exact);
        }

        // ---- typed accessors: each reports its own errors and returns null when the value is missing or bad ----

        private bool CheckObject(JsonElement e, string path, string[] allowed)
        {
            if (e.ValueKind != JsonValueKind.Object)
            {
                Error(path, $"must be an object, not {Describe(e)}");
                return false;
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (JsonProperty p in e.EnumerateObject())
            {
                if (!allowed.Contains(p.Name))
                {
                    string hint = allowed.FirstOrDefault(a => string.Equals(a, p.Name, StringComparison.OrdinalIgnoreCase)) is { } close
                        ? $"did you mean \"{close}\"?"
                        : $"expected one of: {string.Join(", ", allowed)}";
                    Error(Join(path, p.Name), $"unknown property ({hint})");
                }
                else if (!seen.Add(p.Name))
                {
                    Error(Join(path, p.Name), "appears more than once");
                }
            }
            return true;
        }

        private bool Child(JsonElement obj, string name, string path, bool required, out JsonElement value)
        {
            if (obj.ValueKind == JsonValueKind.Object && obj.TryGetProperty(name, out value))
            {
                return true;
            }
            if (required)
            {
                Error(Join(path, name), "required property is missing");
            }
            value = default;
            return false;
        }

        private double? Number(JsonElement obj, string name, string path, bool required, Func<double, string?> check)
        {
            if (!Child(obj, name, path, required, out JsonElement e))
            {
                return null;
            }
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetDouble(out double v) || !double.IsFinite(v))
            {
                Error(Join(path, name), e.ValueKind == JsonValueKind.Number ? $"{e.GetRawText()} is too large a number" : $"must be a number, not {Describe(e)}");
                return null;
            }
            if (check(v) is { } problem)
            {
                Error(Join(path, name), problem);
                return null;
            }
            return v;
        }

        private int? Integer(JsonElement obj, string name, string path, bool required, int? min, int? max)
        {
            if (!Child(obj, name, path, required, out JsonElement e))
            {
                return null;
            }
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt32(out int v))
            {
                Error(Join(path, name), $"must be an integer, not {Describe(e)}");
                return null;
            }
            if ((min is { } lo && v < lo) || (max is { } hi && v > hi))
            {
                Error(Join(path, name), $"must be between {min} and {max}");
                return null;
            }
            return v;
        }

        private long? Long(JsonElement obj, string name, string path)
        {
            if (!Child(obj, name, path, required: false, out JsonElement e))
            {
                return null;
            }
            if (e.ValueKind != JsonValueKind.Number || !e.TryGetInt64(out long v))
            {
                Error(Join(path, name), $"must be an integer, not {Describe(e)}");
                return null;
            }
            return v;
        }

        private bool? Bool(JsonElement obj, string name, string path)
        {
            if (!Child(obj, name, path, required: false, out JsonElement e))
            {
                return null;
            }
            if (e.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                Error(Join(path, name), $"must be true or false, not {Describe(e)}");
                return null;
            }
            return e.GetBoolean();
        }

        private string? String(JsonElement obj, string name, string path, bool required)
        {
            if (!Child(obj, name, path, required, out JsonElement e))
            {
                return null;
            }
            if (e.ValueKind != JsonValueKind.String)
            {
                Error(Join(path, name), $"must be a string, not {Describe(e)}");
                return null;
            }
            return e.GetString();
        }

        private string? Enum(JsonElement obj, string name, string path, string[] allowed)
        {
            if (!Child(obj, name, path, required: false, out JsonElement e))
            {
                return null;
            }
            string? s = e.ValueKind == JsonValueKind.String ? e.GetString() : null;
            if (s is null || !allowed.Contains(s))
            {
                Error(Join(path, name), $"must be one of {string.Join(", ", allowed.Select(a => $"\"{a}\""))}, not {Describe(e)}");
                return null;
            }
            return s;
        }

        private Point2? PointOf(JsonElement e, string path, bool report)
        {
            if (e.ValueKind == JsonValueKind.Array && e.GetArrayLength() == 2
                && e[0].ValueKind == JsonValueKind.Number && e[1].ValueKind == JsonValueKind.Number
                && e[0].TryGetDouble(out double x) && e[1].TryGetDouble(out double y) && double.IsFinite(x) && double.IsFinite(y))
            {
                return new Point2(x, y);
            }
            if (report)
            {
                Error(path, $"must be a point [x, y] in pixels, not {Describe(e)}");
            }
            return null;
        }

        private (double, double)? Pair(JsonElement e, string path)
        {
            if (e.ValueKind != JsonValueKind.Array || e.GetArrayLength() != 2
                || e[0].ValueKind != JsonValueKind.Number || e[1].ValueKind != JsonValueKind.Number)
            {
                Error(path, $"must be two numbers [x, y], not {Describe(e)}");
                return null;
            }
            double a = e[0].GetDouble(), b = e[1].GetDouble();
            if (!double.IsFinite(a) || !double.IsFinite(b))
            {
                Error(path, $"{e.GetRawText()} holds too large a number");
                return null;
            }
            if (!(a > 0) || !(b > 0))
            {
                Error(path, "must be > 0");
                return null;
            }
            return (a, b);
        }

        /// <param name="different">True when the <paramref name="min"/> points must also differ from one another.</param>
        private Point2[]? Points(JsonElement obj, string name, string path, bool required, int min, string what, bool different = true)
        {
            if (!Child(obj, name, path, required, out JsonElement e))
            {
                return null;
            }
            string p = Join(path, name);
            if (e.ValueKind != JsonValueKind.Array)
            {
                Error(p, $"must be an array of points [[x, y], ...], not {Describe(e)}");
                return null;
            }
            var points = new List<Point2>();
            bool ok = true;
            int i = 0;
            foreach (JsonElement item in e.EnumerateArray())
            {
                if (PointOf(item, $"{p}[{i}]", report: true) is { } point)
                {
                    points.Add(point);
                }
                else
                {
                    ok = false;
                }
                i++;
            }
            if (!ok)
            {
                return null;
            }
            if (points.Count < min)
            {
                Error(p, $"{what} needs at least {min} point{(min == 1 ? "" : "s")}, got {points.Count}");
                return null;
            }
            int distinct = Zone.DifferentPoints(points, min);
            if (different && distinct < min)
            {
                Error(p, $"{what} needs at least {min} different points (0.01 px apart or more), got {distinct}");
                return null;
            }
            return [.. points];
        }

        private static string? Positive(double v) => v > 0 ? null : "must be > 0";

        private static string? NonNegative(double v) => v >= 0 ? null : "must be >= 0";

        private static string? AtMost(double v, double max) =>
            v <= max ? null : string.Create(CultureInfo.InvariantCulture, $"must be at most {max}");

        private static string? Between(double v, double min, double max) =>
            v >= min && v <= max ? null : string.Create(CultureInfo.InvariantCulture, $"must be between {min} and {max}");

        private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

        private static string Describe(JsonElement e) => e.ValueKind switch
        {
            JsonValueKind.String => $"the string \"{Truncate(e.GetString() ?? "")}\"",
            JsonValueKind.Number => $"the number {e.GetRawText()}",
            JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
            JsonValueKind.Null => "null",
            JsonValueKind.Array => "an array",
            JsonValueKind.Object => "an object",
            _ => "nothing",
        };

        private static string Truncate(string s) => s.Length <= 40 ? s : s[..40] + "...";
    }
}
