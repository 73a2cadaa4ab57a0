using System.Globalization;
using System.Runtime.InteropServices;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation.Input;
using EscalationDsl.Simulation.Mapping;
using EscalationDsl.Simulation.Sources;
using NodaTime;
using nietras.SeparatedValues;

namespace EscalationDsl.Simulation.ServiceNow;

/// <summary>
/// The ServiceNow incident audit log (the UCI "incident management process enriched event log"):
/// read from the .csv or straight from the .zip, one incident at a time. Each incident's rows must be
/// contiguous (they are in the export); when the incident number changes the incident is complete,
/// its events are produced, and nothing of it is kept.
/// </summary>
public sealed class ServiceNowEventSource : IEventSource
{
    private const int RecentIncidents = 65_536;
    private readonly string path;
    private readonly ServiceNowMapping mapping;
    private InputFile? input;

    /// <summary>Creates the source; nothing is read until <see cref="Read"/>.</summary>
    public ServiceNowEventSource(string path, string displayName, ServiceNowMapping mapping)
    {
        this.path = path;
        this.mapping = mapping;
        DisplayName = displayName;
    }

    /// <inheritdoc/>
    public string DisplayName { get; }

    /// <inheritdoc/>
    public string Format => "servicenow";

    /// <inheritdoc/>
    public bool GroupedByTicket => true;

    /// <inheritdoc/>
    public IReadOnlyList<string> Caveats { get; } =
    [
        "The ServiceNow audit log records no customer communication, so first_update and the update cadence cannot be met: their figures show what the policy would report, not what support did.",
        "The log records no mitigation (workaround or containment), so mitigate is met only by resolution.",
        "Acknowledgement is taken as the first snapshot whose state is not New; the log cannot tell an earlier reply.",
    ];

    /// <inheritdoc/>
    public IReadOnlySet<string> Unobserved { get; } = new HashSet<string>(["first_update", "update", "mitigate"], StringComparer.Ordinal);

    /// <inheritdoc/>
    public double Progress => input?.Progress ?? 0;

    /// <inheritdoc/>
    public long RowsRead { get; private set; }

    /// <inheritdoc/>
    public IEnumerable<SourceRecord> Read()
    {
        foreach (var records in ReadRuns())
        {
            for (var i = 0; i < records.Count; i++)
            {
                yield return records[i];
            }
        }
    }

    /// <inheritdoc/>
    public void ReadInto(ISourceRecordSink sink)
    {
        foreach (var records in ReadRuns())
        {
            sink.Add(CollectionsMarshal.AsSpan(records));
        }
    }

    /// <summary>
    /// The records row by row: the same list, filled with each row's records (often none; all of an
    /// incident's events at the row after its last), valid until the next one is asked for.
    /// </summary>
    private IEnumerable<List<SourceRecord>> ReadRuns()
    {
        input?.Dispose();
        input = InputFile.Open(path, DisplayName);
        using var reader = CsvColumns.OpenReader(input.Content, mapping.Layout.Separator, DisplayName);
        RowsRead = 0;
        var state = new ReadState(new Columns(reader, DisplayName, mapping), new IncidentDiffer(mapping));
        var pending = new List<SourceRecord>();

        // Sep rows are ref structs: each is handled before anything is yielded.
        while (CsvColumns.MoveNext(reader, DisplayName))
        {
            RowsRead++;
            Accept(reader.Current, state, pending);
            if (pending.Count > 0)
            {
                yield return pending;
                pending.Clear();
            }
        }

        Complete(state, pending);
        yield return pending;
    }

    /// <inheritdoc/>
    public void Dispose() => input?.Dispose();

    private void Accept(SepReader.Row row, ReadState state, List<SourceRecord> pending)
    {
        var line = row.LineNumberFrom;
        var columns = state.Columns;
        // Most rows continue the current incident, whose number is known not to be missing.
        var numberSpan = columns.Number < row.ColCount ? row[columns.Number].Span.Trim() : [];
        var sameIncident = state.Current is not null && numberSpan.SequenceEqual(state.Current);
        if (row.ColCount != columns.Count)
        {
            // A row that starts another incident but cannot be read was its first snapshot (docs/importers.md).
            var starts = !numberSpan.IsEmpty && !sameIncident && !mapping.Layout.IsMissing(numberSpan) && !TicketEventJson.HoldsNotUtf8(numberSpan);
            if (starts)
            {
                state.UnreadFirst = numberSpan.ToString();
            }

            pending.Add(SourceRecord.ForProblem(line, CsvColumns.WrongCellCount(columns.Count, row.ColCount, mapping.Layout.Separator), starts ? state.UnreadFirst : null));
            return;
        }

        if (!sameIncident && mapping.Layout.IsMissing(numberSpan))
        {
            pending.Add(SourceRecord.ForProblem(line, $"{mapping.Number}: no value; the row belongs to no incident"));
            return;
        }

        if (!sameIncident && TicketEventJson.HoldsNotUtf8(numberSpan))
        {
            // Bytes that are not UTF-8 read as U+FFFD: incidents whose numbers differ only there would merge.
            pending.Add(SourceRecord.ForProblem(line, $"{mapping.Number}: '{numberSpan}' {CsvColumns.NotUtf8Id}"));
            return;
        }

        if (!sameIncident)
        {
            Complete(state, pending);
            state.Current = numberSpan.ToString();
            state.Opened = null;
            state.NotContiguous = state.Recent.Contains(state.Current);

            // Its created event would take a later snapshot's severity, owner and fields, unseen.
            state.FirstUnread = !state.NotContiguous && state.Current == state.UnreadFirst;
            state.Skipping = state.NotContiguous || state.FirstUnread;
            state.UnreadFirst = null;
        }

        var current = state.Current;
        if (state.Skipping)
        {
            pending.Add(SourceRecord.ForProblem(line, state.NotContiguous
                ? $"rows of incident {current} are not contiguous: it appeared earlier in the file and was already replayed (row skipped)"
                : state.FirstUnread
                    ? $"incident {current} is skipped: its first row, which its created event comes from, was skipped (reported above)"
                    : $"incident {current} is skipped (see its first row)", current));
            return;
        }

        if (state.Opened is null)
        {
            var openedSpan = row[columns.Opened].Span.Trim();
            if (mapping.Layout.IsMissing(openedSpan) || !mapping.Layout.Time.TryParse(openedSpan, out var openedAt))
            {
                pending.Add(SourceRecord.ForProblem(line, $"{mapping.Opened}: {Describe(openedSpan)}; incident {current} cannot be created without its opening time and is skipped", current));
                state.Skipping = true;
                return;
            }

            state.Opened = openedAt;

            // Without a severity the incident cannot be created: say so at its first row.
            var severityCell = Cell(row, columns.Severity, state);
            if (severityCell is null || mapping.Severity.Map(severityCell) is null)
            {
                pending.Add(SourceRecord.ForProblem(line, $"{mapping.Severity.Column}: {(severityCell is null ? "no value" : $"'{severityCell}' maps to no severity")}; incident {current} cannot be created without a severity and is skipped", current));
                state.Skipping = true;
                return;
            }
        }

        var parsed = ParseRow(row, line, columns, state, out var problem);
        if (parsed is null)
        {
            pending.Add(SourceRecord.ForProblem(line, problem!, current));
            return;
        }

        state.Rows.Add(parsed);
    }

    /// <summary>The current incident's rows have ended: derive its events, then forget it.</summary>
    private static void Complete(ReadState state, List<SourceRecord> pending)
    {
        if (state.Current is not { } number)
        {
            return;
        }

        state.Recent.Add(number);
        var rows = state.Rows;
        if (rows.Count == 0 || state.Opened is not { } opened || state.Skipping)
        {
            Recycle(state);
            return;
        }

        // The export lists most incidents' rows in order already: sort only when it does not.
        for (var i = 1; i < rows.Count; i++)
        {
            if (CompareRows(rows[i - 1], rows[i]) > 0)
            {
                rows.Sort(CompareRows);
                break;
            }
        }

        state.Differ.Derive(number, opened, rows, pending);
        pending.Add(SourceRecord.ForTicketEnd(number, rows[^1].Row));
        Recycle(state);
    }

    private static void Recycle(ReadState state)
    {
        foreach (var row in state.Rows)
        {
            state.Spare.Push(row);
        }

        state.Rows.Clear();
    }

    private static int CompareRows(IncidentRow a, IncidentRow b)
    {
        var c = a.Updated.CompareTo(b.Updated);
        if (c == 0)
        {
            c = a.ModCount.CompareTo(b.ModCount);
        }

        return c != 0 ? c : a.Index.CompareTo(b.Index);
    }

    private IncidentRow? ParseRow(SepReader.Row row, long line, Columns columns, ReadState state, out string? problem)
    {
        problem = null;
        var updatedSpan = row[columns.Updated].Span.Trim();
        if (mapping.Layout.IsMissing(updatedSpan) || !mapping.Layout.Time.TryParse(updatedSpan, out var updated))
        {
            problem = $"{mapping.Updated}: {Describe(updatedSpan)}";
            return null;
        }

        var stateSpan = row[columns.State].Span.Trim();
        string? status;
        if (state.LastState is { } last && stateSpan.SequenceEqual(last.Raw))
        {
            status = last.Status;
        }
        else if (state.KnownState(stateSpan, mapping.States) is { } known)
        {
            status = known.Status;
            state.LastState = known;
        }
        else
        {
            problem = mapping.Layout.IsMissing(stateSpan)
                ? $"{mapping.State}: no value; the row is skipped"
                : $"{mapping.State}: '{stateSpan}' is not a known state ({string.Join(", ", mapping.States.Keys)}); map it under \"states\" in a mapping file (docs/importers.md)";
            return null;
        }

        // Engineering is true or false: any other word (an assignee's name) would count as false unseen.
        // Checked when the cell changes: an incident's rows mostly repeat it (the same pooled string).
        var engineeringCell = Cell(row, columns.Engineering, state);
        if (engineeringCell is not null && !ReferenceEquals(engineeringCell, state.LastEngineering) && mapping.Engineering!.Map(engineeringCell) is not (null or "true" or "false"))
        {
            problem = CsvColumns.NotTrueOrFalse(mapping.Engineering.Column, engineeringCell);
            return null;
        }

        state.LastEngineering = engineeringCell;

        // Counters: a cell that is neither a count nor a missing-value marker would read as "no change".
        var modCount = Number(row, columns.ModCount);
        var reassignments = Number(row, columns.Reassignments);
        var reopens = Number(row, columns.Reopens);
        if (modCount == NotANumber || reassignments == NotANumber || reopens == NotANumber)
        {
            var (name, column) = modCount == NotANumber ? (mapping.ModCount, columns.ModCount)
                : reassignments == NotANumber ? (mapping.Reassignments, columns.Reassignments)
                : (mapping.Reopens, columns.Reopens);
            problem = $"{name}: '{row[column].Span.Trim()}' is not a whole number (a count); the row is skipped";
            return null;
        }

        // Row objects are reused once their incident's events are derived.
        var parsed = state.Spare.Count > 0 ? state.Spare.Pop() : new IncidentRow { FieldCells = new string?[columns.Fields.Length] };
        for (var f = 0; f < parsed.FieldCells.Length; f++)
        {
            parsed.FieldCells[f] = Cell(row, columns.Fields[f], state);
        }

        parsed.Row = line;
        parsed.Index = state.Rows.Count;
        parsed.Updated = updated;
        parsed.ModCount = modCount;
        parsed.Status = status;
        parsed.SeverityCell = Cell(row, columns.Severity, state);
        parsed.IssueCell = Cell(row, columns.Issue, state);
        parsed.OwnerCell = Cell(row, columns.Owner, state);
        parsed.EngineeringCell = engineeringCell;
        // The default mapping reads the queue from the owner's column and the category from the issue type's.
        parsed.QueueCell = columns.Queue == columns.Owner ? parsed.OwnerCell : Cell(row, columns.Queue, state);
        parsed.CategoryCell = columns.Category == columns.Issue ? parsed.IssueCell : Cell(row, columns.Category, state);
        parsed.Reassignments = reassignments;
        parsed.Reopens = reopens;
        return parsed;
    }

    private string Describe(ReadOnlySpan<char> cell) => mapping.Layout.DescribeTime(cell);

    private string? Cell(SepReader.Row row, int column, ReadState state)
    {
        if (column < 0)
        {
            return null;
        }

        // An incident's rows mostly repeat the previous row's cell: compare before hashing.
        var span = row[column].Span.Trim();
        ref var last = ref state.LastCell(column);
        if (last.Raw is { } raw && span.SequenceEqual(raw))
        {
            return last.Value;
        }

        var value = mapping.Layout.IsMissing(span) ? null : state.Pool.Get(span);
        last = (value ?? span.ToString(), value);
        return value;
    }

    /// <summary>A counter cell that holds neither a count nor a missing-value marker (<see cref="Number"/>).</summary>
    private const int NotANumber = -2;

    /// <summary>A counter cell: its count, -1 when the column is absent or the cell missing, <see cref="NotANumber"/> otherwise.</summary>
    private int Number(SepReader.Row row, int column)
    {
        if (column < 0)
        {
            return -1;
        }

        // Counters are a few digits: read them here rather than through int.TryParse, which looks up the
        // culture's number format on every call. Longer cells (which may overflow) still go through it.
        var span = row[column].Span.Trim();
        if (span.IsEmpty || span.Length > 9)
        {
            return int.TryParse(span, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : Missing(span);
        }

        var value = 0;
        foreach (var c in span)
        {
            if (!char.IsAsciiDigit(c))
            {
                return Missing(span);
            }

            value = value * 10 + (c - '0');
        }

        return value;
    }

    private int Missing(ReadOnlySpan<char> cell) => cell.IsEmpty || mapping.Layout.IsMissing(cell) ? -1 : NotANumber;

    /// <summary>What reading remembers between rows: the current incident only, plus a bounded set of recent incident numbers.</summary>
    private sealed class ReadState
    {
        /// <summary>State cells already mapped to a status, looked up by span; bounded by the states table.</summary>
        private readonly Dictionary<string, string> statuses = new(StringComparer.Ordinal);
        private readonly Dictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> statusLookup;
        private (string? Raw, string? Value)[] lastCells = [];

        public ReadState(Columns columns, IncidentDiffer differ)
        {
            Columns = columns;
            Differ = differ;
            statusLookup = statuses.GetAlternateLookup<ReadOnlySpan<char>>();
        }

        public Columns Columns { get; }

        public IncidentDiffer Differ { get; }

        public StringPool Pool { get; } = new();

        public List<IncidentRow> Rows { get; } = [];

        /// <summary>Rows of finished incidents, to be filled again.</summary>
        public Stack<IncidentRow> Spare { get; } = new();

        public RecentIds Recent { get; } = new(RecentIncidents);

        public string? Current { get; set; }

        public Instant? Opened { get; set; }

        public bool Skipping { get; set; }

        public bool NotContiguous { get; set; }

        /// <summary>The number of the last row with the wrong number of cells, when it named an incident other than the current one.</summary>
        public string? UnreadFirst { get; set; }

        /// <summary>The current incident's first row was such a row: the incident is skipped.</summary>
        public bool FirstUnread { get; set; }

        /// <summary>The last state cell that was known, trimmed, and its status: consecutive rows mostly repeat it.</summary>
        public (string Raw, string Status)? LastState { get; set; }

        /// <summary>The last engineering cell that mapped to true, false or nothing (a pooled string).</summary>
        public string? LastEngineering { get; set; }

        /// <summary>
        /// A state cell (trimmed) and its status from <paramref name="states"/>, or null when the table does
        /// not know it: a state seen before is one lookup by span, not the pool's and then the table's.
        /// </summary>
        public (string Raw, string Status)? KnownState(ReadOnlySpan<char> cell, IReadOnlyDictionary<string, string> states)
        {
            if (statusLookup.TryGetValue(cell, out var raw, out var status))
            {
                return (raw, status);
            }

            var pooled = Pool.Get(cell);
            if (!states.TryGetValue(pooled, out status))
            {
                return null;
            }

            statuses[pooled] = status;
            return (pooled, status);
        }

        /// <summary>The last cell read from a column, trimmed, and the value kept for it (null when missing).</summary>
        public ref (string? Raw, string? Value) LastCell(int column)
        {
            if (column >= lastCells.Length)
            {
                Array.Resize(ref lastCells, Math.Max(column + 1, lastCells.Length * 2));
            }

            return ref lastCells[column];
        }
    }

    /// <summary>Column indexes, resolved once from the header.</summary>
    private sealed class Columns
    {
        public Columns(SepReader reader, string file, ServiceNowMapping mapping)
        {
            Count = reader.Header.ColNames.Count;
            Number = CsvColumns.Required(reader, file, mapping.Number, "the incident number");
            State = CsvColumns.Required(reader, file, mapping.State, "the incident state");
            Opened = CsvColumns.Required(reader, file, mapping.Opened, "the opening time");
            Updated = CsvColumns.Required(reader, file, mapping.Updated, "the update time");
            Severity = CsvColumns.Required(reader, file, mapping.Severity.Column, "the severity");
            Issue = mapping.IssueType is { } issue ? CsvColumns.Required(reader, file, issue.Column, "the issue type") : -1;
            Owner = mapping.Owner is { } owner ? CsvColumns.Required(reader, file, owner.Column, "the owner") : -1;
            Engineering = mapping.Engineering is { } eng ? CsvColumns.Required(reader, file, eng.Column, "engineering assignment") : -1;
            Queue = CsvColumns.Optional(reader, mapping.Queue);
            Category = CsvColumns.Optional(reader, mapping.Category);
            ModCount = CsvColumns.Optional(reader, mapping.ModCount);
            Reassignments = CsvColumns.Optional(reader, mapping.Reassignments);
            Reopens = CsvColumns.Optional(reader, mapping.Reopens);
            Fields = [.. mapping.Fields.Select(f => CsvColumns.Required(reader, file, f.Map.Column, $"field {f.Field}"))];
        }

        public int Count { get; }

        public int Number { get; }

        public int State { get; }

        public int Opened { get; }

        public int Updated { get; }

        public int Severity { get; }

        public int Issue { get; }

        public int Owner { get; }

        public int Engineering { get; }

        public int Queue { get; }

        public int Category { get; }

        public int ModCount { get; }

        public int Reassignments { get; }

        public int Reopens { get; }

        public int[] Fields { get; }
    }
}
