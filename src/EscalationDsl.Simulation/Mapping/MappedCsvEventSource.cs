using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation.Input;
using EscalationDsl.Simulation.Sources;
using nietras.SeparatedValues;

namespace EscalationDsl.Simulation.Mapping;

/// <summary>
/// Any CSV export with one event per row, read through a column mapping (<c>--map FILE</c>,
/// docs/importers.md). With <c>"contiguous": true</c> each ticket is replayed as soon as its rows end.
/// </summary>
public sealed class MappedCsvEventSource : IEventSource
{
    private const int RecentTickets = 65_536;
    private readonly string path;
    private readonly EventMapping mapping;
    private InputFile? input;

    /// <summary>Creates the source; nothing is read until <see cref="Read"/>.</summary>
    public MappedCsvEventSource(string path, string displayName, EventMapping mapping)
    {
        this.path = path;
        this.mapping = mapping;
        DisplayName = displayName;
    }

    /// <inheritdoc/>
    public string DisplayName { get; }

    /// <inheritdoc/>
    public string Format => "mapped";

    /// <inheritdoc/>
    public bool GroupedByTicket => mapping.Contiguous;

    /// <inheritdoc/>
    public IReadOnlyList<string> Caveats => [];

    /// <inheritdoc/>
    public IReadOnlySet<string> Unobserved { get; } = new HashSet<string>();

    /// <inheritdoc/>
    public string? ColumnOf(string member) => member switch
    {
        "ticket" => mapping.Ticket,
        "at" => mapping.Time,
        "id" => mapping.Id,
        "severity" => mapping.Severity?.Column,
        "issue_type" => mapping.IssueType?.Column,
        "owner" => mapping.Owner?.Column,
        "engineering" => mapping.Engineering?.Column,
        "flag" => mapping.Flag?.Column,
        "status" or "mitigation" => mapping.Status?.Column,
        _ when member.StartsWith("fields.", StringComparison.Ordinal) => mapping.Fields.FirstOrDefault(f => f.Field == member["fields.".Length..])?.Map.Column,
        _ => null,
    };

    /// <inheritdoc/>
    public double Progress => input?.Progress ?? 0;

    /// <inheritdoc/>
    public long RowsRead { get; private set; }

    /// <inheritdoc/>
    public IEnumerable<SourceRecord> Read()
    {
        input?.Dispose();
        input = InputFile.Open(path, DisplayName);
        using var reader = CsvColumns.OpenReader(input.Content, mapping.Layout.Separator, DisplayName);
        RowsRead = 0;
        var state = new ReadState(new Columns(reader, DisplayName, mapping));
        var pending = new List<SourceRecord>();
        while (CsvColumns.MoveNext(reader, DisplayName))
        {
            RowsRead++;
            Accept(reader.Current, state, pending);
            foreach (var record in pending)
            {
                yield return record;
            }

            pending.Clear();
        }

        if (mapping.Contiguous && state.Current is { } last)
        {
            yield return SourceRecord.ForTicketEnd(last, state.LastRow);
        }
    }

    /// <inheritdoc/>
    public void Dispose() => input?.Dispose();

    private void Accept(SepReader.Row row, ReadState state, List<SourceRecord> pending)
    {
        long line = row.LineNumberFrom;
        var c = state.Columns;
        if (row.ColCount == 1 && row.Span.Trim().IsEmpty)
        {
            return;
        }

        if (row.ColCount != c.Count)
        {
            pending.Add(SourceRecord.ForProblem(line, $"expected {c.Count} columns, found {row.ColCount}"));
            return;
        }

        var ticket = Cell(row, c.Ticket, state.Pool);
        if (ticket is null)
        {
            pending.Add(SourceRecord.ForProblem(line, $"{mapping.Ticket}: no value; the row belongs to no ticket"));
            return;
        }

        // The cell, as the pool keeps it, shows bytes that were not UTF-8 as U+FFFD.
        if (TicketEventJson.HoldsNotUtf8(row[c.Ticket].Span))
        {
            pending.Add(SourceRecord.ForProblem(line, $"{mapping.Ticket}: '{ticket}' {CsvColumns.NotUtf8Id}"));
            return;
        }

        if (mapping.Contiguous && ticket != state.Current)
        {
            if (state.Current is { } previous)
            {
                pending.Add(SourceRecord.ForTicketEnd(previous, state.LastRow));
                state.Recent.Add(previous);
            }

            state.Current = ticket;
        }

        if (mapping.Contiguous && state.Recent.Contains(ticket))
        {
            pending.Add(SourceRecord.ForProblem(line, $"rows of ticket {ticket} are not contiguous (the mapping says \"contiguous\": true): it appeared earlier in the file and was already replayed (row skipped)", ticket));
            return;
        }

        var timeSpan = row[c.Time].Span.Trim();
        if (mapping.Layout.IsMissing(timeSpan) || !mapping.Layout.Time.TryParse(timeSpan, out var at))
        {
            pending.Add(SourceRecord.ForProblem(line, mapping.Layout.IsMissing(timeSpan)
                ? $"{mapping.Time}: no value"
                : $"{mapping.Time}: '{timeSpan}' is not a time like {mapping.Layout.Time.Example} ({mapping.Layout.Time.Text})", ticket));
            return;
        }

        var typeCell = Cell(row, c.Type, state.Pool);
        if (typeCell is null)
        {
            pending.Add(SourceRecord.ForProblem(line, $"{mapping.Type.Column}: no value; every row needs an event type", ticket));
            return;
        }

        var typeName = mapping.Type.Map(typeCell);
        if (typeName is null)
        {
            state.LastRow = line;
            return;
        }

        if (!TicketEventKinds.TryParse(typeName, out var kind))
        {
            pending.Add(SourceRecord.ForProblem(line, $"{mapping.Type.Column}: '{typeCell}' is not mapped to an event type; add it under \"type\".\"values\" in the mapping (null skips such rows)", ticket));
            return;
        }

        List<KeyValuePair<string, string>>? fields = null;
        for (var f = 0; f < c.Fields.Length; f++)
        {
            if (Map(mapping.Fields[f].Map, Cell(row, c.Fields[f], state.Pool)) is { } value)
            {
                (fields ??= []).Add(KeyValuePair.Create(mapping.Fields[f].Field, value));
            }
        }

        // Engineering is true or false: any other word (an assignee's name, "yes") would count as false unseen.
        var engineering = kind == TicketEventKind.Assigned ? Cell(row, c.Engineering, state.Pool) : null;
        var engineeringValue = Map(mapping.Engineering, engineering);
        if (engineeringValue is not (null or "true" or "false"))
        {
            pending.Add(SourceRecord.ForProblem(line, CsvColumns.NotTrueOrFalse(mapping.Engineering!.Column, engineering), ticket));
            return;
        }

        var status = Map(mapping.Status, Cell(row, c.Status, state.Pool));
        var e = new TicketEvent
        {
            EventId = Cell(row, c.Id, state.Pool),
            TicketId = ticket,
            At = at,
            Kind = kind,
            Severity = kind is TicketEventKind.Created or TicketEventKind.SeverityChanged ? Map(mapping.Severity, Cell(row, c.Severity, state.Pool)) : null,
            IssueType = kind == TicketEventKind.Created ? Map(mapping.IssueType, Cell(row, c.IssueType, state.Pool)) : null,
            Owner = kind is TicketEventKind.Created or TicketEventKind.Assigned ? Map(mapping.Owner, Cell(row, c.Owner, state.Pool)) : null,
            Engineering = engineeringValue == "true",
            Flag = kind == TicketEventKind.Flagged ? Map(mapping.Flag, Cell(row, c.Flag, state.Pool)) : null,
            Status = kind == TicketEventKind.Status ? status : null,
            Mitigation = kind == TicketEventKind.Mitigation ? status : null,
            Fields = fields,
        };
        var queue = kind is TicketEventKind.Created or TicketEventKind.Assigned ? Cell(row, c.Queue, state.Pool) : null;
        state.LastRow = line;
        pending.Add(SourceRecord.ForEvent(e, line, queue, Cell(row, c.Category, state.Pool)));
    }

    private static string? Map(ValueMap? map, string? cell) => map is null || cell is null ? null : map.Map(cell);

    private string? Cell(SepReader.Row row, int column, StringPool pool)
    {
        if (column < 0)
        {
            return null;
        }

        var span = row[column].Span.Trim();
        return mapping.Layout.IsMissing(span) ? null : pool.Get(span);
    }

    private sealed class ReadState(Columns columns)
    {
        public Columns Columns { get; } = columns;

        public StringPool Pool { get; } = new();

        public RecentIds Recent { get; } = new(RecentTickets);

        public string? Current { get; set; }

        public long LastRow { get; set; }
    }

    private sealed class Columns
    {
        public Columns(SepReader reader, string file, EventMapping mapping)
        {
            Count = reader.Header.ColNames.Count;
            Ticket = CsvColumns.Required(reader, file, mapping.Ticket, "the ticket id");
            Time = CsvColumns.Required(reader, file, mapping.Time, "the event time");
            Type = CsvColumns.Required(reader, file, mapping.Type.Column, "the event type");
            Id = mapping.Id is { } id ? CsvColumns.Required(reader, file, id, "the event id") : -1;
            int Mapped(ValueMap? map, string purpose) => map is null ? -1 : CsvColumns.Required(reader, file, map.Column, purpose);
            Severity = Mapped(mapping.Severity, "the severity");
            IssueType = Mapped(mapping.IssueType, "the issue type");
            Owner = Mapped(mapping.Owner, "the owner");
            Engineering = Mapped(mapping.Engineering, "engineering assignment");
            Flag = Mapped(mapping.Flag, "the flag");
            Status = Mapped(mapping.Status, "the status");
            Queue = mapping.Queue is { } queue ? CsvColumns.Required(reader, file, queue, "the queue") : Owner;
            Category = mapping.Category is { } category ? CsvColumns.Required(reader, file, category, "the category") : IssueType;
            Fields = [.. mapping.Fields.Select(f => CsvColumns.Required(reader, file, f.Map.Column, $"field {f.Field}"))];
        }

        public int Count { get; }

        public int Ticket { get; }

        public int Time { get; }

        public int Type { get; }

        public int Id { get; }

        public int Severity { get; }

        public int IssueType { get; }

        public int Owner { get; }

        public int Engineering { get; }

        public int Flag { get; }

        public int Status { get; }

        public int Queue { get; }

        public int Category { get; }

        public int[] Fields { get; }
    }
}
