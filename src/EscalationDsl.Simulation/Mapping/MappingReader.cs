using System.Text.Json;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation.Input;
using nietras.SeparatedValues;

namespace EscalationDsl.Simulation.Mapping;

/// <summary>Reads one mapping file's JSON, checking every key and value against the policy (docs/importers.md).</summary>
internal sealed partial class MappingReader(string file, CompiledPolicy policy, ICollection<string> warnings)
{
    private static readonly string[] CommonKeys =
        ["$comment", "import", "separator", "missing", "timeZone", "timeFormat", "severity", "issueType", "owner", "engineering", "queue", "category", "fields"];

    private static readonly string[] CsvKeys = ["ticket", "time", "id", "type", "contiguous", "flag", "status", "timeZoneColumn"];

    private static readonly string[] TicketKeys = ["ticket", "events", "timeZoneColumn"];

    private static readonly string[] ServiceNowKeys = ["number", "state", "opened", "updated", "modCount", "reassignments", "reopens", "states"];

    private static readonly string[] ValueMapKeys = ["column", "values", "default", "byRank"];

    private string Names(IEnumerable<string> names) => string.Join(", ", names);

    public LoadedMapping Read(JsonElement root, string? import)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Fail("(top level)", "a mapping file is a JSON object; see docs/importers.md");
        }

        var kind = OptionalString(root, "import", "import") ?? import ?? "csv";
        if (kind is not ("servicenow" or "csv" or "tickets"))
        {
            throw Fail("import", $"'{kind}' is not an import this file can describe (servicenow, csv, tickets)");
        }

        if (import is not null && kind != import)
        {
            throw Fail("import", $"the file describes a '{kind}' import but --import {import} was given");
        }

        var allowed = CommonKeys.Concat(kind switch { "servicenow" => ServiceNowKeys, "tickets" => TicketKeys, _ => CsvKeys }).ToHashSet(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!allowed.Contains(property.Name))
            {
                var keys = allowed.Where(k => k != "$comment").ToList();
                // Near by spelling only: 'time' in a ticket export is no slip for timeZone.
                var meant = NameSuggester.Closest(property.Name, keys, max: 1)
                    .Where(k => NameSuggester.Distance(k.ToLowerInvariant(), property.Name.ToLowerInvariant()) <= 2).ToList();
                throw Fail(property.Name, $"unknown key for a '{kind}' mapping; {(meant.Count > 0 ? $"did you mean {meant[0]}? The" : "the")} keys are: {Names(keys)}");
            }
        }

        return kind switch
        {
            "servicenow" => new LoadedMapping(ReadServiceNow(root), null),
            "tickets" => new LoadedMapping(null, null, ReadTickets(root)),
            _ => new LoadedMapping(null, ReadCsv(root)),
        };
    }

    private ServiceNowMapping ReadServiceNow(JsonElement root)
    {
        var defaults = MappingFile.DefaultServiceNow(policy);
        var layout = ReadLayout(root, defaults.Layout, MappingFile.ServiceNowTimeFormat, zoneRequired: false);
        var states = new Dictionary<string, string>(defaults.States, StringComparer.Ordinal);
        if (root.TryGetProperty("states", out var statesJson))
        {
            if (statesJson.ValueKind != JsonValueKind.Object)
            {
                throw Fail("states", "must be an object of incident states to status names, such as { \"Awaiting User Info\": \"awaiting_customer\" }");
            }

            foreach (var state in statesJson.EnumerateObject())
            {
                var status = state.Value.ValueKind == JsonValueKind.String ? state.Value.GetString()! : throw Fail($"states.{state.Name}", "must be a status name");
                CheckStatus($"states.{state.Name}", status, allowLifecycle: true);
                WarnIfMisspelt($"states.{state.Name}", "status", status);
                states[state.Name] = status;
            }
        }

        if (MappingFile.UnfitStates(policy, states) is { } unfit)
        {
            throw Fail("states", unfit);
        }

        return defaults with
        {
            Layout = layout,
            Number = Column(root, "number") ?? defaults.Number,
            State = Column(root, "state") ?? defaults.State,
            Opened = Column(root, "opened") ?? defaults.Opened,
            Updated = Column(root, "updated") ?? defaults.Updated,
            ModCount = Column(root, "modCount") ?? defaults.ModCount,
            Reassignments = Column(root, "reassignments") ?? defaults.Reassignments,
            Reopens = Column(root, "reopens") ?? defaults.Reopens,
            States = states,
            Severity = ReadMap(root, "severity", MapKind.Severity) ?? defaults.Severity,
            IssueType = ReadMap(root, "issueType", MapKind.IssueType) ?? defaults.IssueType,
            Owner = ReadMap(root, "owner", MapKind.Owner) ?? defaults.Owner,
            Engineering = ReadMap(root, "engineering", MapKind.Engineering) ?? defaults.Engineering,
            Queue = Column(root, "queue") ?? defaults.Queue,
            Category = Column(root, "category") ?? defaults.Category,
            Fields = ReadFields(root, defaults.Fields),
        };
    }

    private EventMapping ReadCsv(JsonElement root)
    {
        var layout = ReadLayout(root, null, "iso", zoneRequired: true);
        var type = ReadMap(root, "type", MapKind.Type) ?? throw Fail("type", "required: the column that holds the event type, with \"values\" mapping its values to event types");
        var flag = ReadMap(root, "flag", MapKind.Flag);
        var fields = ReadFields(root, []);
        var statusEvents = new Dictionary<string, TicketEventKind>(StringComparer.Ordinal);
        var status = root.TryGetProperty("status", out var statusJson) ? ParseMap(statusJson, "status", MapKind.Status, null, statusEvents) : null;
        return new EventMapping
        {
            Layout = layout,
            Ticket = Column(root, "ticket") ?? throw Fail("ticket", "required: the column that holds the ticket id"),
            Time = Column(root, "time") ?? throw Fail("time", "required: the column that holds the event time (see also timeFormat and timeZone)"),
            Type = type,
            Id = Column(root, "id"),
            Contiguous = OptionalBool(root, "contiguous") ?? false,
            Severity = ReadMap(root, "severity", MapKind.Severity),
            IssueType = ReadMap(root, "issueType", MapKind.IssueType),
            Owner = ReadMap(root, "owner", MapKind.Owner),
            Engineering = ReadMap(root, "engineering", MapKind.Engineering),
            Flag = flag,
            Status = status,
            StatusEvents = statusEvents,
            Queue = Column(root, "queue"),
            Category = Column(root, "category"),
            Fields = fields,
            UnsetFlags = UnsetFlags(flag, fields),
        };
    }

    /// <summary>
    /// The policy's flags no column can raise: none of <paramref name="fields"/>, and not a value of the flagged rows'
    /// <paramref name="flag"/> column (which, without a default, passes any flag through as written).
    /// </summary>
    private List<string> UnsetFlags(ValueMap? flag, IReadOnlyList<FieldColumn> fields) =>
        [.. policy.Model.Fields
            .Where(f => f is { Type: FieldType.Flag, IsBuiltIn: false } && policy.KnowsField(f.Name))
            .Select(f => f.Name)
            .Where(name => fields.All(c => c.Field != name) && !Raises(flag, name))];

    private static bool Raises(ValueMap? flag, string name) =>
        flag is not null && (flag.Table.Values.Contains(name) || !flag.HasDefault || flag.Default == name);

    private CsvLayout ReadLayout(JsonElement root, CsvLayout? defaults, string defaultFormat, bool zoneRequired)
    {
        var separator = defaults?.Separator ?? ',';
        if (OptionalString(root, "separator", "separator") is { } sep)
        {
            separator = sep switch
            {
                "\"" => throw Fail("separator", "'\"' quotes cells and cannot also separate them; use a character such as \",\", \";\" or \"\\t\""),
                "\r" or "\n" => throw Fail("separator", "a line break ends rows and cannot also separate cells; use a character such as \",\", \";\" or \"\\t\""),
                { Length: 1 } when CsvReaderTakes(sep[0]) => sep[0],
                { Length: 1 } => throw Fail("separator", $"{Shown(sep[0])} cannot separate cells: the CSV reader takes \"\\t\" or a printable ASCII character other than '\"' and '#'; use a character such as \",\", \";\" or \"\\t\""),
                _ => throw Fail("separator", $"must be one character such as \",\", \";\" or \"\\t\", not '{sep}'"),
            };
        }

        var missing = defaults?.Missing ?? new HashSet<string>(StringComparer.Ordinal);
        if (root.TryGetProperty("missing", out var missingJson))
        {
            if (missingJson.ValueKind != JsonValueKind.Array || missingJson.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
            {
                throw Fail("missing", "must be a list of cell values that mean \"no value\", such as [\"?\", \"n/a\"]");
            }

            missing = missingJson.EnumerateArray().Select(v => v.GetString()!).ToHashSet(StringComparer.Ordinal);
        }

        var zone = defaults?.Zone;
        if (OptionalString(root, "timeZone", "timeZone") is { } zoneId)
        {
            zone = ZoneText.Find(zoneId) ?? throw Fail("timeZone", $"'{zoneId}' {ZoneText.NotAZone}"
                + (TimeZoneNames.RegionFor(zoneId) is { } region ? $"; {region}" : "")
                + (zoneRequired && !zoneId.Contains('/', StringComparison.Ordinal)
                    ? $"; if '{zoneId}' is the column that gives each row's UTC offset or zone, write \"timeZoneColumn\": \"{zoneId}\" instead"
                    : ""));
        }

        // Only the generic mappings have the key (zoneRequired): any other refuses it as an unknown key.
        var zoneColumn = zoneRequired ? Column(root, "timeZoneColumn") : null;

        // The pattern is checked first: a zone cannot help a pattern that does not read a date.
        var formatText = OptionalString(root, "timeFormat", "timeFormat") ?? defaults?.Time.Text ?? defaultFormat;
        var format = TimeFormat.Create(formatText, zone, out var error)
            ?? throw Fail("timeFormat", TimeFormat.LowerCaseSlip(formatText) is { } meant
                ? $"'{formatText}' is not a date-time pattern: the year and the day are written in lower case (yyyy, dd; Y and D are no pattern letters); did you mean \"{meant}\"?"
                : error + "; use a pattern such as \"dd/MM/yyyy HH:mm\", or iso, unix, unixms");
        if (zoneColumn is not null && !format.ReadsInZone)
        {
            throw Fail("timeZoneColumn", $"timeFormat '{formatText}' reads every time with its own offset or as UTC, so no time is read in a row's zone; remove timeZoneColumn, or use a timeFormat without an offset field");
        }

        if (zone is null && zoneColumn is null && zoneRequired && format.NeedsZone)
        {
            throw Fail("timeZone", $"required with timeFormat '{formatText}': local times need a zone, such as \"Europe/London\" or \"UTC\"");
        }

        return new CsvLayout(separator, missing, format) { TimeZoneColumn = zoneColumn };
    }

    /// <summary>Whether Sep reads cells separated by <paramref name="c"/>; it throws on the characters it reserves.</summary>
    private static bool CsvReaderTakes(char c)
    {
        try
        {
            Sep.New(c);
            return true;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    private static string Shown(char c) => char.IsControl(c) || c > '~' ? $"'\\u{(int)c:x4}'" : $"'{c}'";

    private List<FieldColumn> ReadFields(JsonElement root, IReadOnlyList<FieldColumn> defaults)
    {
        var fields = defaults.ToDictionary(f => f.Field, StringComparer.Ordinal);
        var order = defaults.Select(f => f.Field).ToList();
        if (root.TryGetProperty("fields", out var json))
        {
            if (json.ValueKind != JsonValueKind.Object)
            {
                throw Fail("fields", "must be an object of policy field names to columns, such as { \"impact\": \"impact\" }");
            }

            foreach (var field in json.EnumerateObject())
            {
                var path = $"fields.{field.Name}";
                if (field.Value.ValueKind == JsonValueKind.Null)
                {
                    fields.Remove(field.Name);
                    continue;
                }

                if (!policy.KnowsField(field.Name))
                {
                    warnings.Add($"{file}: {path}: policy '{policy.Name}' has no settable field '{field.Name}'; the column is not passed{MeantField(field.Name)}");
                    continue;
                }

                var map = ParseMap(field.Value, path, MapKind.Field, field.Name);
                if (!fields.ContainsKey(field.Name))
                {
                    order.Add(field.Name);
                }

                fields[field.Name] = new FieldColumn(field.Name, map);
            }
        }

        return [.. order.Where(fields.ContainsKey).Select(name => fields[name])];
    }

    /// <summary>The settable fields a field key not in the policy is probably a slip for (<c>Region</c> for <c>region</c>), as the runtime suggests them.</summary>
    private string MeantField(string name)
    {
        var settable = policy.Model.Fields.Where(f => !f.IsBuiltIn).Select(f => f.Name).Append("issue_type").Append("status").Where(policy.KnowsField).ToList();
        if (NameSuggester.OtherCase(name, settable) is { } cased)
        {
            return $"; names are case-sensitive: did you mean '{cased}'?";
        }

        return NameSuggester.Closest(name, settable) is { Count: > 0 } near ? $"; did you mean {string.Join(" or ", near)}?" : "";
    }

    private ValueMap? ReadMap(JsonElement root, string key, MapKind kind) =>
        root.TryGetProperty(key, out var json) ? ParseMap(json, key, kind, null) : null;

    // events: for a csv mapping's status, where a value that stands for an event goes ({ "event": "resolved" }).
    private ValueMap ParseMap(JsonElement json, string path, MapKind kind, string? field, Dictionary<string, TicketEventKind>? events = null)
    {
        if (json.ValueKind == JsonValueKind.String)
        {
            return Check(new ValueMap(NonEmpty(json.GetString()!, path)), path, kind, field);
        }

        if (json.ValueKind != JsonValueKind.Object)
        {
            throw Fail(path, "must be a column name, or an object { \"column\": ..., \"values\": { ... }, \"default\": ... }");
        }

        foreach (var property in json.EnumerateObject())
        {
            if (!ValueMapKeys.Contains(property.Name))
            {
                throw Fail($"{path}.{property.Name}", $"unknown key; a column mapping has: {Names(ValueMapKeys)}");
            }
        }

        var column = json.TryGetProperty("column", out var c) && c.ValueKind == JsonValueKind.String
            ? NonEmpty(c.GetString()!, $"{path}.column")
            : throw Fail($"{path}.column", "required: the name of the source column");
        Dictionary<string, string?>? table = null;
        if (json.TryGetProperty("values", out var values))
        {
            if (values.ValueKind != JsonValueKind.Object)
            {
                throw Fail($"{path}.values", "must be an object of source values to mapped values (null for no value)");
            }

            table = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var entry in values.EnumerateObject())
            {
                if (events is not null && entry.Value.ValueKind == JsonValueKind.Object)
                {
                    // No status: a mitigation row with this value has no stage, as with null.
                    events[entry.Name] = StatusEvent(entry.Value, $"{path}.values.{entry.Name}");
                    table[entry.Name] = null;
                    continue;
                }

                table[entry.Name] = MappedValue(entry.Value, $"{path}.values.{entry.Name}");
            }
        }

        var hasDefault = json.TryGetProperty("default", out var d);
        string? defaultValue = null;
        if (hasDefault)
        {
            defaultValue = MappedValue(d, $"{path}.default");
        }

        IReadOnlyList<string>? ranked = null;
        if (json.TryGetProperty("byRank", out var byRank))
        {
            if (byRank.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw Fail($"{path}.byRank", "must be true or false");
            }

            if (byRank.GetBoolean())
            {
                ranked = kind switch
                {
                    MapKind.Severity => [.. policy.Model.Severities.Select(s => s.Name)],
                    MapKind.IssueType => PolicyFacts.EnumValues(policy, "issue_type"),
                    MapKind.Field => PolicyFacts.EnumValues(policy, field!),
                    _ => null,
                } ?? throw Fail($"{path}.byRank", "ranks map to severities or to the values of an enum field; this column maps to neither");
            }
        }

        return Check(new ValueMap(column, table, hasDefault, defaultValue, ranked), path, kind, field);
    }

    private ValueMap Check(ValueMap map, string path, MapKind kind, string? field)
    {
        foreach (var (source, value) in map.Table)
        {
            CheckValue($"{path}.values.{source}", value, kind, field);
            if (kind == MapKind.Status && StatusEvents.Done(value) is { } done)
            {
                warnings.Add($"{file}: {path}.values.{source}: '{value}' sets a status named {value}; it does not {done}. To turn {source} rows into {value} events, write \"{source}\": {{ \"event\": \"{value}\" }} (docs/importers.md)");
            }
        }

        if (map.HasDefault)
        {
            CheckValue($"{path}.default", map.Default, kind, field);
        }

        return map;
    }

    private void CheckValue(string path, string? value, MapKind kind, string? field)
    {
        if (value is null)
        {
            return;
        }

        switch (kind)
        {
            case MapKind.Severity when policy.Model.FindSeverity(value) is null:
                throw Fail(path, $"'{value}' is not a severity of policy '{policy.Name}' ({Names(policy.Model.Severities.Select(s => s.Name))}){OtherCase(value, policy.Model.Severities.Select(s => s.Name))}");
            case MapKind.IssueType when PolicyFacts.EnumValues(policy, "issue_type") is { } issueTypes && !issueTypes.Contains(value):
                throw Fail(path, $"'{value}' is not an issue_type of policy '{policy.Name}' ({Names(issueTypes)}){OtherCase(value, issueTypes)}");
            case MapKind.Owner when policy.Model.FindOwner(value) is null:
                throw Fail(path, $"'{value}' is not an owner of policy '{policy.Name}' ({Names(policy.Model.Owners.Select(o => o.Name))}){OtherCase(value, policy.Model.Owners.Select(o => o.Name))}");
            case MapKind.Engineering when value is not ("true" or "false"):
                throw Fail(path, $"must be true or false, not '{value}'");
            case MapKind.Flag when PolicyFacts.SettableType(policy, value) != FieldType.Flag:
                throw Fail(path, $"'{value}' is not a flag field of policy '{policy.Name}'");
            case MapKind.Type when !TicketEventKinds.TryParse(value, out _):
                throw Fail(path, $"'{value}' is not an event type ({Names(TicketEventKinds.All)}); use null to skip such rows{TicketEventKinds.Meant(value, "; or did you mean ", "?")}");
            case MapKind.Status:
                CheckStatus(path, value, allowLifecycle: false);
                break;
            case MapKind.Field when PolicyFacts.EnumValues(policy, field!) is { } allowed && !allowed.Contains(value):
                throw Fail(path, $"'{value}' is not a value of field '{field}' ({Names(allowed)}){OtherCase(value, allowed)}");
        }

        // A text value the mapping itself writes one letter off a value the policy names: every event it maps is
        // taken as written and never matches, which the report lists; said here once, where the slip is.
        if (kind switch { MapKind.Status => "status", MapKind.IssueType => "issue_type", MapKind.Field => field, _ => null } is { } text)
        {
            WarnIfMisspelt(path, text, value);
        }
    }

    private void WarnIfMisspelt(string path, string text, string value)
    {
        if (policy.ComparedTexts.Misspelt(text, value) is { Count: > 0 } meant)
        {
            warnings.Add($"{file}: {path}: '{value}' is none of the values policy '{policy.Name}' names for {text}, and a text value is taken as written; did you mean {string.Join(" or ", meant)}?");
        }
    }

    private void CheckStatus(string path, string value, bool allowLifecycle)
    {
        if (allowLifecycle && value is "new" or "resolved" or "closed")
        {
            return;
        }

        if (value.Length == 0)
        {
            throw Fail(path, "must not be empty");
        }

        if (PolicyFacts.EnumValues(policy, "status") is { } statuses && !statuses.Contains(value) && value is not ("planned" or "contained"))
        {
            var asEvent = !allowLifecycle && StatusEvents.Done(value) is not null ? $"; for {English.Article(value)} {value} event, write {{ \"event\": \"{value}\" }} in place of '{value}'" : "";
            throw Fail(path, $"'{value}' is not a status of policy '{policy.Name}' ({Names(statuses)}){OtherCase(value, statuses)}{asEvent}");
        }
    }

    /// <summary>
    /// A key that names a column and maps no values (ticket, time, id, queue, category, the tickets kind's events entries, ServiceNow's
    /// counters and times): the column name only. The object form's values, default and byRank would
    /// not apply, and time has its own timeFormat and timeZone keys.
    /// </summary>
    private string? Column(JsonElement root, string key, string? path = null)
    {
        path ??= key;
        if (root.TryGetProperty(key, out var value) && value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
        {
            throw Fail(path, "must be a column name (a string); only keys that map values (severity, issueType, owner, engineering, type, flag, status and fields) take the object { \"column\": ..., \"values\": ... } (docs/importers.md)");
        }

        return OptionalString(root, key, path) is { } column ? NonEmpty(column, path) : null;
    }

    /// <summary>A value a map gives (under <c>values</c> or as its <c>default</c>): a string, a number as written, true, false, or null for no value.</summary>
    private string? MappedValue(JsonElement value, string path) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Null => null,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        _ => throw Fail(path, "must be a string, a number, true, false or null"),
    };

    private string NonEmpty(string value, string path) => value.Length > 0 ? value : throw Fail(path, "must not be empty");

    private string? OptionalString(JsonElement root, string key, string path)
    {
        if (!root.TryGetProperty(key, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Fail(path, "must be a string");
    }

    private bool? OptionalBool(JsonElement root, string key)
    {
        if (!root.TryGetProperty(key, out var value))
        {
            return null;
        }

        return value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : throw Fail(key, "must be true or false");
    }

    private MappingException Fail(string path, string message) => new($"{file}: {path}: {message}");

    /// <summary>The engine's hint for a name written in another case (<c>Sev1</c> for <c>sev1</c>), or nothing.</summary>
    private static string OtherCase(string value, IEnumerable<string> names) =>
        NameSuggester.OtherCase(value, names) is { } meant ? $"; names are case-sensitive: did you mean '{meant}'?" : "";

    private enum MapKind
    {
        Severity,
        IssueType,
        Owner,
        Engineering,
        Flag,
        Status,
        Type,
        Field,
    }
}
