using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation.Input;
using nietras.SeparatedValues;

namespace EscalationDsl.Simulation.Sources;

/// <summary>
/// The canonical CSV event format (docs/events.md): a header naming the event columns
/// <c>id,ticket,at,type,severity,issue_type,owner,engineering,flag,status</c> in any order (only
/// ticket, at and type are required), and one more column per ticket field. Comma-separated, RFC 4180
/// quoting, UTF-8. An empty cell means "not given". Row problems name the column, in the same words as
/// the JSON Lines reader.
/// </summary>
public static partial class CanonicalCsv
{
    /// <summary>The event columns, in the order the writer uses.</summary>
    public static readonly IReadOnlyList<string> EventColumns = ["id", "ticket", "at", "type", "severity", "issue_type", "owner", "engineering", "flag", "status"];

    /// <summary>
    /// Reads every row; the line of each result is the row's first line in the file (the header is line 1).
    /// <paramref name="rowRead"/> is called for each row read, blank ones included: a quoted cell can span
    /// lines, so line numbers do not count rows.
    /// </summary>
    /// <exception cref="SourceException">The header lacks ticket, at or type, or a row is longer than 16 MB.</exception>
    public static IEnumerable<EventParseResult> Read(Stream content, string file, Action? rowRead = null) => Read(CsvColumns.OpenReader(content, ',', file), file, rowRead);

    /// <summary>As <see cref="Read(Stream, string, Action?)"/>, from text already being read.</summary>
    public static IEnumerable<EventParseResult> Read(TextReader content, string file, Action? rowRead = null) => Read(CsvColumns.OpenReader(content, ',', file), file, rowRead);

    private static IEnumerable<EventParseResult> Read(SepReader opened, string file, Action? rowRead)
    {
        using var reader = opened;
        var layout = new Layout(reader, file);
        var results = new List<EventParseResult>(1);
        while (CsvColumns.MoveNext(reader, file))
        {
            rowRead?.Invoke();
            results.Clear();
            Parse(reader.Current, layout, results);
            foreach (var result in results)
            {
                yield return result;
            }
        }
    }

    private static void Parse(SepReader.Row row, Layout layout, List<EventParseResult> results)
    {
        long line = row.LineNumberFrom;
        if (row.ColCount == 1 && row.Span.Trim().IsEmpty)
        {
            return;
        }

        if (row.ColCount != layout.Count)
        {
            results.Add(Refused(row, layout, CsvColumns.WrongCellCount(layout.Count, row.ColCount, ',')));
            return;
        }

        if (TicketEventJson.HoldsNotUtf8(row.Span))
        {
            results.Add(Refused(row, layout, TicketEventJson.NotUtf8));
            return;
        }

        var ticket = Cell(row, layout.Ticket);
        var atText = Cell(row, layout.At);
        var typeText = Cell(row, layout.Type);
        string? error = null;
        if (ticket is null)
        {
            error = TicketEventJson.Missing("ticket");
        }
        else if (atText is null)
        {
            error = TicketEventJson.Missing("at");
        }
        else if (typeText is null)
        {
            error = TicketEventJson.Missing("type");
        }

        if (error is not null)
        {
            results.Add(Refused(row, layout, error));
            return;
        }

        if (TicketEventJson.ParseTime(atText!) is not { } at)
        {
            results.Add(Refused(row, layout, $"at: '{atText}' is not an ISO 8601 time with an offset, such as 2026-11-26T14:05:00Z"));
            return;
        }

        if (!TicketEventKinds.TryParse(typeText, out var kind))
        {
            results.Add(Refused(row, layout, $"type: {TicketEventKinds.NotAType(typeText)}"));
            return;
        }

        var engineeringText = Cell(row, layout.Engineering);
        if (engineeringText is not (null or "true" or "false"))
        {
            results.Add(Refused(row, layout, $"engineering: must be true or false, not '{engineeringText}'"));
            return;
        }

        // In a field_set row the issue_type and status columns are fields it sets, as the writer puts them.
        var issueType = Cell(row, layout.IssueType);
        var status = Cell(row, layout.Status);
        List<KeyValuePair<string, string>>? fields = null;
        if (kind == TicketEventKind.FieldSet)
        {
            if (issueType is not null)
            {
                (fields ??= []).Add(KeyValuePair.Create("issue_type", issueType));
            }

            if (status is not null)
            {
                (fields ??= []).Add(KeyValuePair.Create("status", status));
            }

            issueType = null;
            status = null;
        }

        for (var i = 0; i < layout.FieldColumns.Length; i++)
        {
            if (Cell(row, layout.FieldColumns[i]) is { } value)
            {
                (fields ??= []).Add(KeyValuePair.Create(layout.FieldNames[i], value));
            }
        }

        results.Add(new EventParseResult(
            new TicketEvent
            {
                EventId = Cell(row, layout.Id),
                TicketId = ticket!,
                At = at,
                Kind = kind,
                Severity = Cell(row, layout.Severity),
                IssueType = issueType,
                Owner = Cell(row, layout.Owner),
                Engineering = engineeringText == "true",
                Flag = Cell(row, layout.Flag),
                Status = kind == TicketEventKind.Mitigation ? null : status,
                Mitigation = kind == TicketEventKind.Mitigation ? status : null,
                Fields = fields,
            },
            null,
            line));
    }

    private static string? Cell(SepReader.Row row, int index) => index < 0 || row[index].Span.IsEmpty ? null : row[index].ToString();

    /// <summary>
    /// A row that is no event, with its ticket and type when their cells read (a short row that reaches
    /// them, bytes that are not UTF-8 elsewhere): the replay tells the ticket's later events that the row
    /// held, or may have held, their created event (docs/events.md).
    /// </summary>
    private static EventParseResult Refused(SepReader.Row row, Layout layout, string error)
    {
        var ticket = Readable(row, layout.Ticket);
        var kind = ticket is not null && TicketEventKinds.TryParse(Readable(row, layout.Type), out var read) ? read : (TicketEventKind?)null;
        return new EventParseResult(null, error, row.LineNumberFrom, ticket, kind);
    }

    /// <summary>A cell of a row that may be short or hold bytes that are not UTF-8: null when it is not there or holds them.</summary>
    private static string? Readable(SepReader.Row row, int index) =>
        index < row.ColCount && !TicketEventJson.HoldsNotUtf8(row[index].Span) ? Cell(row, index) : null;

    /// <summary>Where each column is; every column that is not an event column is a field.</summary>
    private sealed class Layout
    {
        public Layout(SepReader reader, string file)
        {
            CsvColumns.CheckHeader(reader, file, "'ticket', 'at' and 'type' (docs/events.md)");
            var names = reader.Header.ColNames;
            Count = names.Count;
            int Find(string name, bool required)
            {
                var index = CsvColumns.Optional(reader, name);
                if (index < 0 && required)
                {
                    // A spreadsheet saved with another separator: its header reads as one column, and "column
                    // 'ticket' is missing" pointed at a header that names it.
                    var separator = names.Count != 1 ? null : names[0].Contains(';', StringComparison.Ordinal) ? "';'" : names[0].Contains('\t', StringComparison.Ordinal) ? "tabs" : null;
                    throw new SourceException(separator is null
                        ? $"{file}:1: column '{name}' is missing; a canonical CSV header names {string.Join(",", EventColumns)} (ticket, at and type are required) and then one column per field (docs/events.md)"
                        : $"{file}:1: column '{name}' is missing: the header is one column, its names separated by {separator}; a CSV file separates its cells by commas, so save it as comma-separated CSV (docs/events.md)");
                }

                return index;
            }

            Id = Find("id", false);
            Ticket = Find("ticket", true);
            At = Find("at", true);
            Type = Find("type", true);
            Severity = Find("severity", false);
            IssueType = Find("issue_type", false);
            Owner = Find("owner", false);
            Engineering = Find("engineering", false);
            Flag = Find("flag", false);
            Status = Find("status", false);
            var fields = names.Select((name, index) => (name, index)).Where(c => !EventColumns.Contains(c.name)).ToList();
            // A name with bytes that are not UTF-8 is kept as UTF-8 reads it: the mark would reach the events.
            FieldNames = [.. fields.Select(f => TicketEventJson.Shown(f.name))];
            FieldColumns = [.. fields.Select(f => f.index)];
        }

        public int Count { get; }

        public int Id { get; }

        public int Ticket { get; }

        public int At { get; }

        public int Type { get; }

        public int Severity { get; }

        public int IssueType { get; }

        public int Owner { get; }

        public int Engineering { get; }

        public int Flag { get; }

        public int Status { get; }

        public string[] FieldNames { get; }

        public int[] FieldColumns { get; }
    }
}
