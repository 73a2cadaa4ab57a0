using System.Text;
using System.Globalization;
using System.Text.Json;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Text;
using NodaTime;
using NodaTime.Text;

namespace EscalationDsl.Runtime.Events;

/// <summary>
/// The canonical JSON form of a ticket event (docs/events.md), shared by JSON Lines files and the
/// engine's HTTP API. Parsing never throws: a bad record yields a message that names the field.
/// </summary>
public static class TicketEventJson
{
    /// <summary>
    /// The problem of a line or row that holds bytes that are not UTF-8 (an export saved as
    /// Windows-1252): UTF-8 reads them as U+FFFD, and two ids that differ only there would be one.
    /// </summary>
    public const string NotUtf8 = "not valid UTF-8: the row holds bytes that are not UTF-8 text (read as '\uFFFD'); save the file as UTF-8";

    /// <summary>
    /// UTF-8 that reads bytes that are not UTF-8 as a mark that is outside every text, so a real U+FFFD
    /// (text that went through a lossy conversion before it was exported) or U+FFFF is read as text and
    /// not taken for bytes that are not UTF-8: the one encoding of <see cref="OpenText"/>.
    /// </summary>
    private static readonly Encoding Utf8Marked = new MarkedUtf8Encoding();

    /// <summary>
    /// A reader of an event file (JSON Lines or CSV) as every command reads one: with <see cref="Utf8Marked"/>,
    /// so bytes that are not UTF-8 read as a mark that <see cref="HoldsNotUtf8"/> finds. A UTF-8 byte order mark is skipped and
    /// the reader keeps <see cref="Utf8Marked"/>: the mark is that encoding's own preamble, which the reader
    /// matches before it looks for other marks. A UTF-16 or UTF-32 mark switches to that encoding.
    /// </summary>
    public static StreamReader OpenText(Stream content) => new(content, Utf8Marked, detectEncodingFromByteOrderMarks: true);

    /// <summary>Whether text read by <see cref="OpenText"/> holds bytes that were not UTF-8.</summary>
    public static bool HoldsNotUtf8(ReadOnlySpan<char> text) => MarkedUtf8Encoding.IndexOfMark(text) >= 0;

    /// <summary>
    /// Text read by <see cref="OpenText"/> as UTF-8 reads it, bytes that were not UTF-8 as U+FFFD: for
    /// messages, and for values kept (the mark is half a surrogate pair, which UTF-8 writers refuse).
    /// </summary>
    public static string Shown(ReadOnlySpan<char> text)
    {
        var at = MarkedUtf8Encoding.IndexOfMark(text);
        if (at < 0)
        {
            return text.ToString();
        }

        var shown = text.ToArray();
        while (at >= 0)
        {
            // The mark just replaced is no high surrogate: the rest is searched as text of its own.
            shown[at] = '\uFFFD';
            var next = MarkedUtf8Encoding.IndexOfMark(shown.AsSpan(at + 1));
            at = next < 0 ? -1 : at + 1 + next;
        }

        return new string(shown);
    }

    private static readonly OffsetDateTimePattern TimePattern = OffsetDateTimePattern.ExtendedIso;

    /// <summary>Parses one event object; returns null and an error naming the field on bad input.</summary>
    public static TicketEvent? Parse(JsonElement json, out string? error) => Parse(json, out error, out _);

    /// <summary>
    /// Parses one event object; returns null and an error naming the field on bad input, with
    /// <paramref name="member"/> the path of the member at fault (<c>fields.note:x</c>; null for an
    /// event that is not an object). The error starts with that path and a colon, but a name may hold
    /// a colon itself, so the path is given apart rather than read back from the error.
    /// </summary>
    public static TicketEvent? Parse(JsonElement json, out string? error, out string? member) => Parse(json, refuseTwice: true, out error, out member);

    /// <summary>
    /// Parses one event as the engine stored it: a member given twice keeps its last value, as it did
    /// when the engine took such an event (before <see cref="Parse(JsonElement, out string?, out string?)"/>
    /// refused it), so a log stored then still replays as it ran.
    /// </summary>
    public static TicketEvent? ParseStored(JsonElement json, out string? error) => Parse(json, refuseTwice: false, out error, out _);

    /// <summary>What esc says about a member given twice in an event, or a field given twice in its <c>fields</c>.</summary>
    private static string GivenTwice(string path, string where) =>
        $"{path}: given twice in {where}; keep one (the last would silently win)";

    private static TicketEvent? Parse(JsonElement json, bool refuseTwice, out string? error, out string? member)
    {
        error = null;
        member = null;
        if (json.ValueKind != JsonValueKind.Object)
        {
            error = "an event must be a JSON object";
            return null;
        }

        // One pass over the members, each name compared as UTF-8 in place (no string per member);
        // the checks below then run in the order they always had, so the first error is the same.
        var members = new Members();
        foreach (var property in json.EnumerateObject())
        {
            var read = members.TrySet(property);
            if (read == MemberRead.Unknown)
            {
                member = JsonText.NameForMessage(property);
                error = $"{member}: {Unknown(property)}";
                return null;
            }

            if (read == MemberRead.Twice && refuseTwice)
            {
                member = JsonText.NameForMessage(property);
                error = GivenTwice(member, "the event");
                return null;
            }
        }

        var ticket = Text(members.Ticket, "ticket", ref error, ref member);
        var atText = Text(members.At, "at", ref error, ref member);
        var typeText = Text(members.Type, "type", ref error, ref member);
        var id = Text(members.Id, "id", ref error, ref member, required: false);
        var policy = Text(members.Policy, "policy", ref error, ref member, required: false);
        var severity = Text(members.Severity, "severity", ref error, ref member, required: false);
        var issueType = Text(members.IssueType, "issue_type", ref error, ref member, required: false);
        var owner = Text(members.Owner, "owner", ref error, ref member, required: false);
        var flag = Text(members.Flag, "flag", ref error, ref member, required: false);
        var status = Text(members.Status, "status", ref error, ref member, required: false);
        if (error is not null)
        {
            return null;
        }

        if (ParseTime(atText!) is not { } at)
        {
            member = "at";
            error = $"at: '{atText}' is not an ISO 8601 time with an offset, such as 2026-11-26T14:05:00Z";
            return null;
        }

        if (!TicketEventKinds.TryParse(typeText, out var kind))
        {
            member = "type";
            error = $"type: {TicketEventKinds.NotAType(typeText)}";
            return null;
        }

        var engineering = false;
        if (members.Engineering is { ValueKind: not JsonValueKind.Null } eng)
        {
            if (eng.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                member = "engineering";
                error = "engineering: must be true or false";
                return null;
            }

            engineering = eng.GetBoolean();
        }

        List<KeyValuePair<string, string>>? fields = null;
        if (members.Fields is { ValueKind: not JsonValueKind.Null } f)
        {
            if (f.ValueKind != JsonValueKind.Object)
            {
                member = "fields";
                error = "fields: must be an object of field names to values";
                return null;
            }

            fields = [];
            HashSet<string>? fieldNames = null;
            foreach (var field in f.EnumerateObject())
            {
                if (!JsonText.TryGetName(field, out var name))
                {
                    member = $"fields.{JsonText.NameForMessage(field)}";
                    error = $"{member}: the name is {JsonErrorPosition.HalfSurrogate}";
                    return null;
                }

                if (field.Value.ValueKind == JsonValueKind.String && !JsonText.TryGet(field.Value, out _))
                {
                    member = $"fields.{name}";
                    error = $"{member}: {JsonErrorPosition.HalfSurrogate}";
                    return null;
                }

                var value = field.Value.ValueKind switch
                {
                    JsonValueKind.String => field.Value.GetString(),
                    JsonValueKind.Number => field.Value.GetRawText(),
                    JsonValueKind.True => "true",
                    JsonValueKind.False => "false",
                    JsonValueKind.Null => string.Empty,
                    _ => null,
                };
                if (value is null)
                {
                    member = $"fields.{name}";
                    error = $"{member}: must be a string, number, true, false or null";
                    return null;
                }

                if (refuseTwice && Holds(fields, name, ref fieldNames))
                {
                    member = $"fields.{name}";
                    error = GivenTwice(member, "\"fields\"");
                    return null;
                }

                fields.Add(KeyValuePair.Create(name, value));
            }
        }

        member = null;
        return new TicketEvent
        {
            EventId = id,
            TicketId = ticket!,
            At = at,
            Kind = kind,
            Policy = policy,
            Severity = severity,
            IssueType = issueType,
            Owner = owner,
            Engineering = engineering,
            Flag = flag,
            Status = kind == TicketEventKind.Mitigation ? null : status,
            Mitigation = kind == TicketEventKind.Mitigation ? status : null,
            Fields = fields,
        };
    }

    /// <summary>The longest line of a JSON Lines file read: an event takes a few hundred characters.</summary>
    public const int MaxLineChars = 16 * 1024 * 1024;

    /// <summary>
    /// Reads JSON Lines: one event per line; blank lines and lines starting with '#' are skipped.
    /// </summary>
    /// <exception cref="LineTooLongException">A line is longer than <see cref="MaxLineChars"/> (a file that is not JSON Lines text, such as /dev/zero).</exception>
    public static IEnumerable<EventParseResult> ReadLines(TextReader reader)
    {
        long line = 0;
        foreach (var read in BoundedLines(reader))
        {
            line++;
            // A byte order mark at the start of a later line, where two files were joined, is no more part of the event than the file's own.
            var text = read.StartsWith('\uFEFF') ? read[1..] : read;
            var trimmed = text.AsSpan().Trim();
            if (trimmed.IsEmpty || trimmed[0] == '#')
            {
                continue;
            }

            // Before parsing: JSON of text that holds the mark is refused with an ArgumentException, not a JsonException.
            if (HoldsNotUtf8(trimmed))
            {
                yield return Refused(NotUtf8, text, line);
                continue;
            }

            TicketEvent? e;
            string? error;
            try
            {
                using var doc = JsonDocument.Parse(text);
                e = Parse(doc.RootElement, out error);
            }
            catch (JsonException ex)
            {
                e = null;
                error = JsonLineErrors.Of(text, ex);
            }

            yield return e is null ? Refused(error!, text, line) : new EventParseResult(e, null, line);
        }
    }

    /// <summary>A line that is no event, with the ticket and type it still names (<see cref="BadLineTicket"/>).</summary>
    private static EventParseResult Refused(string error, string text, long line)
    {
        var (ticket, kind) = BadLineTicket.Of(text);
        return new EventParseResult(null, error, line, ticket, kind);
    }

    /// <summary>
    /// The lines of a text as <see cref="TextReader.ReadLine"/> splits them (at \n, \r or \r\n), each at
    /// most <see cref="MaxLineChars"/> long: ReadLine itself holds a line of any length, so a file
    /// with no line break was read until memory ran out.
    /// </summary>
    private static IEnumerable<string> BoundedLines(TextReader reader)
    {
        var buffer = new char[64 * 1024];
        var pending = new StringBuilder();
        long number = 1;
        var skipLineFeed = false;
        int read;
        while ((read = reader.Read(buffer, 0, buffer.Length)) > 0)
        {
            var start = 0;
            if (skipLineFeed && buffer[0] == '\n')
            {
                start = 1;
            }

            skipLineFeed = false;
            while (start < read)
            {
                var end = buffer.AsSpan(start, read - start).IndexOfAny('\n', '\r');
                if (end < 0)
                {
                    Append(pending, buffer.AsSpan(start, read - start), number);
                    break;
                }

                Append(pending, buffer.AsSpan(start, end), number);
                yield return pending.ToString();
                pending.Clear();
                number++;
                var lineBreak = buffer[start + end];
                start += end + 1;
                if (lineBreak == '\r')
                {
                    if (start == read)
                    {
                        skipLineFeed = true;
                    }
                    else if (buffer[start] == '\n')
                    {
                        start++;
                    }
                }
            }
        }

        if (pending.Length > 0)
        {
            yield return pending.ToString();
        }

        static void Append(StringBuilder line, ReadOnlySpan<char> text, long number)
        {
            if (line.Length + text.Length > MaxLineChars)
            {
                throw new LineTooLongException(number);
            }

            line.Append(text);
        }
    }

    /// <summary>Writes an event in canonical form (one line, no indentation).</summary>
    public static void Write(Utf8JsonWriter writer, TicketEvent e)
    {
        writer.WriteStartObject();
        if (e.EventId is not null)
        {
            writer.WriteString("id", e.EventId);
        }

        writer.WriteString("ticket", e.TicketId);
        writer.WriteString("at", FormatTime(e.At));
        writer.WriteString("type", TicketEventKinds.Name(e.Kind));
        WriteOptional(writer, "policy", e.Policy);
        WriteOptional(writer, "severity", e.Severity);
        WriteOptional(writer, "issue_type", e.IssueType);
        WriteOptional(writer, "owner", e.Owner);
        if (e.Engineering)
        {
            writer.WriteBoolean("engineering", true);
        }

        WriteOptional(writer, "flag", e.Flag);
        WriteOptional(writer, "status", e.Kind == TicketEventKind.Mitigation ? e.Mitigation : e.Status);
        if (e.Fields is { Count: > 0 } fields)
        {
            writer.WriteStartObject("fields");
            foreach (var (name, value) in fields)
            {
                writer.WriteString(name, value);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>Times in UTC in their shortest form, the way <see cref="FormatTime"/> and most clients write them.</summary>
    private static readonly string[] ShortestUtc = ["yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", "yyyy'-'MM'-'dd'T'HH':'mm':'ss.FFFFFFF'Z'"];

    /// <summary>
    /// Parses an ISO 8601 time with an offset (or Z); null for one that is not, and for one no instant
    /// can hold (9999-12-31T23:00:00-05:00, past the end of year 9999 in UTC, like 10000-01-01T00:00:00Z).
    /// </summary>
    public static Instant? ParseTime(string text)
    {
        // Every event carries a time, and NodaTime's pattern engine allocates several objects per
        // parse. A UTC time in its shortest form (2026-11-26T14:05:00Z, or .5Z rather than .500Z)
        // is parsed by DateTime and taken only if writing the value back gives the text exactly;
        // anything else is left to NodaTime's ISO pattern, which decides what is accepted.
        if (text.Length is >= 20 and <= 28 && text[^1] == 'Z'
            && DateTime.TryParseExact(text, ShortestUtc, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
        {
            Span<char> written = stackalloc char[32];
            var format = utc.Ticks % TimeSpan.TicksPerSecond == 0 ? ShortestUtc[0] : ShortestUtc[1];
            if (utc.TryFormat(written, out var length, format, CultureInfo.InvariantCulture) && written[..length].SequenceEqual(text))
            {
                return Instant.FromDateTimeUtc(utc);
            }
        }

        return ParseTimeWithPattern(text);
    }

    /// <summary>The same parse through NodaTime's ISO pattern alone (tests compare the two).</summary>
    internal static Instant? ParseTimeWithPattern(string text)
    {
        var result = TimePattern.Parse(text);
        return result.Success ? EventTimes.ToInstant(result.Value) : null;
    }

    /// <summary>The first instant a <see cref="DateTime"/> holds: 0001-01-01T00:00:00Z.</summary>
    private static readonly Instant FirstDateTime = Instant.FromDateTimeUtc(DateTime.SpecifyKind(DateTime.MinValue, DateTimeKind.Utc));

    /// <summary>Formats an instant as ISO 8601 UTC with seconds (and milliseconds when present).</summary>
    public static string FormatTime(Instant at)
    {
        if (at < FirstDateTime)
        {
            // Before year 1 in UTC (0000-11-02T14:00:00Z, -2026-...), which parses, DateTime holds nothing: a message
            // that names such a time, to refuse it, threw.
            return InstantPattern.ExtendedIso.Format(at);
        }

        // DateTime's "s" format has a fast path; decision and result times are formatted per event.
        var utc = at.ToDateTimeUtc();
        return at.ToUnixTimeMilliseconds() % 1000 == 0
            ? string.Concat(utc.ToString("s", CultureInfo.InvariantCulture), "Z")
            : utc.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    /// <summary>
    /// The problem of an event without one of the members every event has (JSON or CSV alike), a
    /// sentence that names the member and says what it holds:
    /// <c>type: every event needs its type, one of created, acknowledged, ...</c>.
    /// </summary>
    public static string Missing(string member) => $"{member}: {Needs(member)}";

    /// <summary>The problem of a member every event has, given as an empty string.</summary>
    private static string Empty(string member) => $"{member}: must not be empty; {Needs(member)}";

    private static string Needs(string member) => member switch
    {
        "ticket" => "every event needs the id of the ticket it belongs to",
        "at" => "every event needs the time it happened, an ISO 8601 time with an offset such as 2026-11-26T14:05:00Z",
        "type" => $"every event needs its type, one of {string.Join(", ", TicketEventKinds.All)}",
        _ => $"every event needs its {member}",
    };

    /// <summary>The text of the member <paramref name="name"/>, or null; on a problem, <paramref name="error"/> and <paramref name="at"/> (the member) are set.</summary>
    private static string? Text(JsonElement? member, string name, ref string? error, ref string? at, bool required = true)
    {
        if (error is not null)
        {
            return null;
        }

        at = name; // kept only with an error
        if (member is not { ValueKind: not JsonValueKind.Null } value)
        {
            if (required)
            {
                error = Missing(name);
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String)
        {
            error = $"{name}: must be a string";
            return null;
        }

        if (!JsonText.TryGet(value, out var text))
        {
            error = $"{name}: {JsonErrorPosition.HalfSurrogate}";
            return null;
        }

        if (required && text.Length == 0)
        {
            error = Empty(name);
        }

        return text;
    }

    /// <summary>The number of fields compared one by one before <see cref="Holds"/> keeps their names in a set.</summary>
    private const int FieldsComparedInTurn = 16;

    /// <summary>
    /// Whether <paramref name="fields"/> already holds a field named <paramref name="name"/>. An event has a
    /// few fields, compared in turn without allocating; past <see cref="FieldsComparedInTurn"/> their
    /// names go in <paramref name="names"/>, so an event with thousands of fields is not checked in quadratic time.
    /// </summary>
    private static bool Holds(List<KeyValuePair<string, string>> fields, string name, ref HashSet<string>? names)
    {
        if (names is null && fields.Count < FieldsComparedInTurn)
        {
            foreach (var field in fields)
            {
                if (string.Equals(field.Key, name, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        if (names is null)
        {
            names = new HashSet<string>(StringComparer.Ordinal);
            foreach (var field in fields)
            {
                names.Add(field.Key);
            }
        }

        return !names.Add(name);
    }

    /// <summary>The members an event object may have, for suggestions.</summary>
    private static readonly string[] MemberNames = ["id", "ticket", "at", "type", "policy", "severity", "issue_type", "owner", "engineering", "flag", "status", "fields"];

    /// <summary>
    /// The problem of a member that is not an event member: a slip of one (<c>severty</c>) is named,
    /// and a ticket field given beside the members is sent where fields go.
    /// </summary>
    private static string Unknown(JsonProperty property)
    {
        const string Fields = "(fields of the ticket go inside \"fields\"; see docs/events.md)";
        return JsonText.TryGetName(property, out var name) && NameSuggester.Closest(name, MemberNames) is { Count: > 0 } near
            ? $"unknown field; did you mean {string.Join(" or ", near)}? {Fields}"
            : $"unknown field {Fields}";
    }

    /// <summary>What <see cref="Members.TrySet"/> made of a member.</summary>
    private enum MemberRead
    {
        /// <summary>An event member, the first of its name.</summary>
        Kept,

        /// <summary>A name that is not an event member.</summary>
        Unknown,

        /// <summary>An event member whose name an earlier member has: kept, the last value winning.</summary>
        Twice,
    }

    /// <summary>The known members of an event object; a name given twice keeps its last value, as <see cref="JsonElement.TryGetProperty(string, out JsonElement)"/> does.</summary>
    private struct Members
    {
        public JsonElement? Id, Ticket, At, Type, Policy, Severity, IssueType, Owner, Engineering, Flag, Status, Fields;

        /// <summary>Keeps the member's value; says whether it is an event member, and whether one of its name came before.</summary>
        public MemberRead TrySet(JsonProperty property)
        {
            var value = property.Value;
            return property.NameEquals("id"u8) ? Keep(ref Id, value)
                : property.NameEquals("ticket"u8) ? Keep(ref Ticket, value)
                : property.NameEquals("at"u8) ? Keep(ref At, value)
                : property.NameEquals("type"u8) ? Keep(ref Type, value)
                : property.NameEquals("policy"u8) ? Keep(ref Policy, value)
                : property.NameEquals("severity"u8) ? Keep(ref Severity, value)
                : property.NameEquals("issue_type"u8) ? Keep(ref IssueType, value)
                : property.NameEquals("owner"u8) ? Keep(ref Owner, value)
                : property.NameEquals("engineering"u8) ? Keep(ref Engineering, value)
                : property.NameEquals("flag"u8) ? Keep(ref Flag, value)
                : property.NameEquals("status"u8) ? Keep(ref Status, value)
                : property.NameEquals("fields"u8) ? Keep(ref Fields, value)
                : MemberRead.Unknown;
        }

        private static MemberRead Keep(ref JsonElement? slot, JsonElement value)
        {
            var read = slot.HasValue ? MemberRead.Twice : MemberRead.Kept;
            slot = value;
            return read;
        }
    }
}
