using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation.Input;
using EscalationDsl.Simulation.Sources;
using NodaTime;
using nietras.SeparatedValues;

namespace EscalationDsl.Simulation.Mapping;

/// <summary>
/// Any CSV export with one event per row, read through a column mapping (<c>--map FILE</c>,
/// docs/importers.md). With <c>"contiguous": true</c> each ticket is replayed as soon as its rows end.
/// </summary>
public sealed class MappedCsvEventSource : IEventSource
{
    private readonly EventMapping mapping;
    private readonly MappedRows rows;

    /// <summary>A bit per event type a row of the export gave, and whether the export was read to its end (for the caveats).</summary>
    private int seen;
    private bool readToEnd;

    /// <summary>Reopens the export did not state, inferred from status rows after a resolution (a caveat says how many).</summary>
    private long inferredReopens;

    /// <summary>Creates the source; nothing is read until <see cref="Read"/>.</summary>
    public MappedCsvEventSource(string path, string displayName, EventMapping mapping)
    {
        this.mapping = mapping;
        DisplayName = displayName;
        rows = new MappedRows(path, displayName, mapping.Layout.Separator);
    }

    /// <inheritdoc/>
    public string DisplayName { get; }

    /// <inheritdoc/>
    public string Format => "mapped";

    /// <inheritdoc/>
    public bool GroupedByTicket => mapping.Contiguous;

    /// <inheritdoc/>
    /// <remarks>Asked once the export is read, they follow what its rows gave as well as what the mapping can give.</remarks>
    public IReadOnlyList<string> Caveats => Limits().Caveats;

    /// <inheritdoc/>
    public IReadOnlySet<string> Unobserved => Limits().Unobserved;

    /// <inheritdoc/>
    public string? ColumnOf(string member) => member switch
    {
        "at" => mapping.Time,
        "id" => mapping.Id,
        "flag" => mapping.Flag?.Column,
        "status" or "mitigation" => mapping.Status?.Column,
        _ => MappedColumns.ColumnOf(mapping, member),
    };

    /// <inheritdoc/>
    public double Progress => rows.Progress;

    /// <inheritdoc/>
    public long RowsRead => rows.RowsRead;

    /// <inheritdoc/>
    public IEnumerable<SourceRecord> Read() => rows.Read(
        reader =>
        {
            seen = 0;
            readToEnd = false;
            inferredReopens = 0;
            return new ReadState(new Columns(reader, DisplayName, mapping));
        },
        Accept,
        (state, pending) =>
        {
            readToEnd = true;
            if (mapping.Contiguous && state.Current is { } last)
            {
                pending.Add(SourceRecord.ForTicketEnd(last, state.LastRow));
            }
        });

    private (IReadOnlyList<string> Caveats, IReadOnlySet<string> Unobserved) Limits() =>
        MappedCsvLimits.Of(mapping, readToEnd ? kind => (seen & (1 << (int)kind)) != 0 : null, inferredReopens);

    /// <inheritdoc/>
    public void Dispose() => rows.Dispose();

    private void Accept(SepReader.Row row, ReadState state, List<SourceRecord> pending)
    {
        long line = row.LineNumberFrom;
        var c = state.Columns;
        if (c.Common.TicketOf(row, state.Pool, pending) is not { } ticket)
        {
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

        if (c.Common.TimeFormatOf(row, state.Pool, out var zoneProblem) is not { } timeFormat)
        {
            pending.Add(SourceRecord.ForProblem(line, zoneProblem!, ticket));
            return;
        }

        var timeSpan = row[c.Time].Span.Trim();
        if (mapping.Layout.IsMissing(timeSpan) || !timeFormat.TryParse(timeSpan, out var at))
        {
            pending.Add(SourceRecord.ForProblem(line, $"{mapping.Time}: {mapping.Layout.DescribeTime(timeSpan)}", ticket));
            return;
        }

        var typeCell = c.Common.Cell(row, c.Type, state.Pool);
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

        var fields = c.Common.FieldValues(row, state.Pool);
        var engineering = false;
        if (kind == TicketEventKind.Assigned)
        {
            engineering = c.Common.Engineered(row, state.Pool, out var engineeringProblem);
            if (engineeringProblem is not null)
            {
                pending.Add(SourceRecord.ForProblem(line, engineeringProblem, ticket));
                return;
            }
        }

        var statusCell = c.Common.Cell(row, c.Status, state.Pool);
        if (kind == TicketEventKind.Status && statusCell is not null && mapping.StatusEvents.Count > 0 && mapping.StatusEvents.TryGetValue(statusCell, out var standsFor))
        {
            kind = standsFor;
        }

        var status = MappedColumns.Map(mapping.Status, statusCell);
        var category = c.Common.Cell(row, c.Common.Category, state.Pool);
        switch (Reopening(state.Resolutions, ticket, kind, status, at))
        {
            case Reopen.Inferred:
                seen |= 1 << (int)TicketEventKind.Reopened;
                inferredReopens++;
                pending.Add(SourceRecord.ForEvent(new TicketEvent { TicketId = ticket, At = at, Kind = TicketEventKind.Reopened }, line, null, category));
                break;
            case Reopen.Repeated:
                state.LastRow = line;
                return;
        }

        var e = new TicketEvent
        {
            EventId = c.Common.Cell(row, c.Id, state.Pool),
            TicketId = ticket,
            At = at,
            Kind = kind,
            Severity = kind is TicketEventKind.Created or TicketEventKind.SeverityChanged ? c.Common.SeverityOf(row, state.Pool) : null,
            IssueType = kind == TicketEventKind.Created ? c.Common.IssueTypeOf(row, state.Pool) : null,
            Owner = kind is TicketEventKind.Created or TicketEventKind.Assigned ? c.Common.OwnerOf(row, state.Pool) : null,
            Engineering = engineering,
            Flag = kind == TicketEventKind.Flagged ? MappedColumns.Map(mapping.Flag, c.Common.Cell(row, c.Flag, state.Pool)) : null,
            Status = kind == TicketEventKind.Status ? status : null,
            Mitigation = kind == TicketEventKind.Mitigation ? status : null,
            Fields = fields,
        };
        var queue = kind is TicketEventKind.Created or TicketEventKind.Assigned ? c.Common.Cell(row, c.Common.Queue, state.Pool) : null;
        state.LastRow = line;
        seen |= 1 << (int)kind;
        pending.Add(SourceRecord.ForEvent(e, line, queue, category));
    }

    /// <summary>
    /// Whether a row reopens its ticket where the export does not say so (docs/importers.md, "Reopens"):
    /// a status row that sets a plain status (not resolved or closed) on a ticket whose last resolution
    /// was not followed by a reopen, at or after that resolution, as the ServiceNow importer infers a reopen
    /// when the state leaves Resolved. A reopened row after such an inferred reopen, before the ticket is
    /// resolved again, is the same reopen.
    /// </summary>
    private static Reopen Reopening(RecentValues<Resolution> resolutions, string ticket, TicketEventKind kind, string? status, Instant at)
    {
        switch (kind)
        {
            case TicketEventKind.Resolved or TicketEventKind.Closed:
                // A close after a resolution keeps the resolution's time: the ticket was done from then on. Rows out of time
                // order keep the earlier one, so a status row between the two still reads as a reopen.
                if (!resolutions.TryGetValue(ticket, out var done) || done.Reopened)
                {
                    resolutions.Set(ticket, new Resolution(at, Reopened: false, Inferred: false));
                }
                else if (at < done.At)
                {
                    resolutions.Set(ticket, done with { At = at });
                }

                return Reopen.None;
            case TicketEventKind.Reopened when resolutions.TryGetValue(ticket, out var last):
                resolutions.Set(ticket, new Resolution(at, Reopened: true, Inferred: false));
                return last is { Reopened: true, Inferred: true } ? Reopen.Repeated : Reopen.None;
            case TicketEventKind.Status when status is not (null or "resolved" or "closed")
                && resolutions.TryGetValue(ticket, out var last) && !last.Reopened && at >= last.At:
                resolutions.Set(ticket, new Resolution(at, Reopened: true, Inferred: true));
                return Reopen.Inferred;
            default:
                return Reopen.None;
        }
    }

    private enum Reopen
    {
        None,

        /// <summary>A reopened event goes before the row's status event.</summary>
        Inferred,

        /// <summary>The row's reopened event repeats an inferred one and is left out.</summary>
        Repeated,
    }

    /// <summary>A ticket's last resolution (or close) and whether a reopen followed it, and whether that reopen was inferred.</summary>
    private readonly record struct Resolution(Instant At, bool Reopened, bool Inferred);

    private sealed class ReadState(Columns columns)
    {
        public Columns Columns { get; } = columns;

        public StringPool Pool { get; } = new();

        public RecentIds Recent { get; } = new(MappedRows.RecentTickets);

        /// <summary>The last resolution of the tickets most recently resolved, for reopens the export does not state.</summary>
        public RecentValues<Resolution> Resolutions { get; } = new(MappedRows.RecentTickets);

        public string? Current { get; set; }

        public long LastRow { get; set; }
    }

    private sealed class Columns
    {
        public Columns(SepReader reader, string file, EventMapping mapping)
        {
            // The columns every row needs are looked for first: a header without them is told so first.
            CsvColumns.Required(reader, file, mapping.Ticket, "the ticket id");
            Time = CsvColumns.Required(reader, file, mapping.Time, "the event time");
            Type = CsvColumns.Required(reader, file, mapping.Type.Column, "the event type");
            Id = mapping.Id is { } id ? CsvColumns.Required(reader, file, id, "the event id") : -1;
            Common = new MappedColumns(reader, file, mapping);
            Flag = MappedColumns.Mapped(reader, file, mapping.Flag, "the flag");
            Status = MappedColumns.Mapped(reader, file, mapping.Status, "the status");
        }

        public MappedColumns Common { get; }

        public int Time { get; }

        public int Type { get; }

        public int Id { get; }

        public int Flag { get; }

        public int Status { get; }
    }
}
