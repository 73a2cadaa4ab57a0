using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation.Input;
using EscalationDsl.Simulation.Sources;
using NodaTime;
using nietras.SeparatedValues;

namespace EscalationDsl.Simulation.Mapping;

/// <summary>
/// A help desk export with one row per ticket and a timestamp column per milestone, read through a
/// column mapping (<c>"import": "tickets"</c>, docs/importers.md). Each row is a whole ticket: its
/// milestones become events in time order, and the ticket is replayed as soon as the row is read.
/// </summary>
public sealed class TicketExportEventSource : IEventSource
{
    private readonly TicketMapping mapping;
    private readonly MappedRows rows;

    /// <summary>Creates the source; nothing is read until <see cref="Read"/>.</summary>
    public TicketExportEventSource(string path, string displayName, TicketMapping mapping)
    {
        this.mapping = mapping;
        DisplayName = displayName;
        rows = new MappedRows(path, displayName, mapping.Layout.Separator);
        (Caveats, Unobserved) = Limits(mapping);
    }

    /// <inheritdoc/>
    public string DisplayName { get; }

    /// <inheritdoc/>
    public string Format => "tickets";

    /// <inheritdoc/>
    public bool GroupedByTicket => true;

    /// <inheritdoc/>
    public IReadOnlyList<string> Caveats { get; }

    /// <inheritdoc/>
    public IReadOnlySet<string> Unobserved { get; }

    /// <inheritdoc/>
    public string? ColumnOf(string member) => MappedColumns.ColumnOf(mapping, member);

    /// <inheritdoc/>
    public double Progress => rows.Progress;

    /// <inheritdoc/>
    public long RowsRead => rows.RowsRead;

    /// <inheritdoc/>
    public IEnumerable<SourceRecord> Read() => rows.Read(
        reader => new ReadState(
            new MappedColumns(reader, DisplayName, mapping),
            [.. mapping.Events.Select(m => CsvColumns.Required(reader, DisplayName, m.Column, $"when the ticket was {Done(m.Kind)}"))]),
        Accept);

    /// <inheritdoc/>
    public void Dispose() => rows.Dispose();

    private void Accept(SepReader.Row row, ReadState state, List<SourceRecord> pending)
    {
        long line = row.LineNumberFrom;
        var c = state.Columns;
        if (c.TicketOf(row, state.Pool, pending) is not { } ticket)
        {
            return;
        }

        // One row per ticket: a second row is not a later state of the ticket (the export holds none).
        if (state.Recent.TryGetValue(ticket, out var earlier))
        {
            pending.Add(SourceRecord.ForProblem(line, $"{mapping.Ticket}: ticket '{ticket}' has a row already (row {earlier}); a ticket export has one row per ticket, so this row is skipped", ticket));
            return;
        }

        state.Recent.Add(ticket, line);
        if (c.TimeFormatOf(row, state.Pool, out var zoneProblem) is not { } timeFormat)
        {
            pending.Add(SourceRecord.ForProblem(line, $"{zoneProblem}; ticket '{ticket}' is skipped", ticket));
            return;
        }

        var times = state.Times;
        times.Clear();
        for (var m = 0; m < mapping.Events.Count; m++)
        {
            var milestone = mapping.Events[m];
            var span = row[state.TimeColumns[m]].Span.Trim();
            if (mapping.Layout.IsMissing(span))
            {
                if (milestone.Kind == TicketEventKind.Created)
                {
                    pending.Add(SourceRecord.ForProblem(line, $"{milestone.Column}: {mapping.Layout.DescribeTime(span)}; ticket '{ticket}' cannot be created without its creation time and is skipped", ticket));
                    return;
                }

                continue; // the milestone did not happen
            }

            if (!timeFormat.TryParse(span, out var at))
            {
                pending.Add(SourceRecord.ForProblem(line, $"{milestone.Column}: {mapping.Layout.DescribeTime(span)}; ticket '{ticket}' is skipped", ticket));
                return;
            }

            if (!EventTimes.Contains(at))
            {
                pending.Add(SourceRecord.ForProblem(line, $"{milestone.Column}: '{span}' ({TicketEventJson.FormatTime(at)}) is outside the times esc handles, {EventTimes.Text}; ticket '{ticket}' is skipped", ticket));
                return;
            }

            // Created is the first milestone: any other is checked against it.
            if (times.Count > 0 && at < times[0].At)
            {
                var created = mapping.Events[0].Column;
                pending.Add(SourceRecord.ForProblem(line, $"{milestone.Column}: '{span}' is before the ticket was created ({created}: '{row[state.TimeColumns[0]].Span.Trim()}'); "
                    + $"ticket '{ticket}' is skipped: correct the export, or leave the cell empty if the ticket was never {Done(milestone.Kind)}", ticket));
                return;
            }

            times.Add((milestone.Kind, at));
        }

        // A closed ticket was resolved by then: a close stamped before the resolution would end the clocks early.
        if (times.FindIndex(t => t.Kind == TicketEventKind.Closed) is >= 0 and var closed
            && times.FindIndex(t => t.Kind == TicketEventKind.Resolved) is >= 0 and var resolved
            && times[closed].At < times[resolved].At)
        {
            pending.Add(SourceRecord.ForProblem(line, $"{Column(TicketEventKind.Closed)}: '{Cell(row, state, TicketEventKind.Closed)}' is before the ticket was resolved ({Column(TicketEventKind.Resolved)}: '{Cell(row, state, TicketEventKind.Resolved)}'); "
                + $"ticket '{ticket}' is skipped: correct the export", ticket));
            return;
        }

        var owner = c.OwnerOf(row, state.Pool);
        var engineering = false;
        if (times.Exists(t => t.Kind == TicketEventKind.Assigned))
        {
            if (owner is null)
            {
                pending.Add(SourceRecord.ForProblem(line, $"{mapping.Owner!.Column}: no value, but {Column(TicketEventKind.Assigned)} says the ticket was assigned; ticket '{ticket}' is skipped: an assignment needs its owner", ticket));
                return;
            }

            engineering = c.Engineered(row, state.Pool, out var problem);
            if (problem is not null)
            {
                pending.Add(SourceRecord.ForProblem(line, problem, ticket));
                return;
            }
        }

        // A stable sort: milestones at the same instant keep the lifecycle order of TicketMapping.Milestones.
        var ordered = times.OrderBy(t => t.At);
        var queue = c.Cell(row, c.Queue, state.Pool);
        var category = c.Cell(row, c.Category, state.Pool);
        foreach (var (kind, at) in ordered)
        {
            var e = kind switch
            {
                TicketEventKind.Created => new TicketEvent
                {
                    TicketId = ticket,
                    At = at,
                    Kind = kind,
                    Severity = c.SeverityOf(row, state.Pool),
                    IssueType = c.IssueTypeOf(row, state.Pool),
                    Owner = owner,
                    Fields = c.FieldValues(row, state.Pool),
                },
                TicketEventKind.Assigned => new TicketEvent { TicketId = ticket, At = at, Kind = kind, Owner = owner, Engineering = engineering },
                _ => new TicketEvent { TicketId = ticket, At = at, Kind = kind },
            };
            pending.Add(SourceRecord.ForEvent(e, line, kind is TicketEventKind.Created or TicketEventKind.Assigned ? queue : null, category));
        }

        pending.Add(SourceRecord.ForTicketEnd(ticket, line));
    }

    /// <summary>The column that dates a milestone the mapping has.</summary>
    private string Column(TicketEventKind kind) => mapping.Events[Index(kind)].Column;

    /// <summary>The cell that dates a milestone the mapping has, as written.</summary>
    private string Cell(SepReader.Row row, ReadState state, TicketEventKind kind) => row[state.TimeColumns[Index(kind)]].Span.Trim().ToString();

    private int Index(TicketEventKind kind)
    {
        for (var m = 0; m < mapping.Events.Count; m++)
        {
            if (mapping.Events[m].Kind == kind)
            {
                return m;
            }
        }

        throw new ArgumentOutOfRangeException(nameof(kind), kind, "the mapping dates no such milestone");
    }

    /// <summary>A milestone as the messages say it: "when the ticket was first answered", "never assigned".</summary>
    private static string Done(TicketEventKind kind) => kind switch
    {
        TicketEventKind.Created => "created",
        TicketEventKind.Acknowledged => "acknowledged",
        TicketEventKind.FirstUpdate => "first updated",
        TicketEventKind.Assigned => "assigned",
        TicketEventKind.Resolved => "resolved",
        _ => "closed",
    };

    /// <summary>
    /// What a ticket export cannot tell (docs/importers.md, "What a ticket export cannot tell"), and the
    /// SLA components it can never show being met except by resolution: those whose event no column dates.
    /// </summary>
    private static (IReadOnlyList<string> Caveats, IReadOnlySet<string> Unobserved) Limits(TicketMapping mapping)
    {
        bool Dated(TicketEventKind kind) => mapping.Events.Any(m => m.Kind == kind);
        var caveats = new List<string>
        {
            "A ticket export holds each ticket's values as it ended: severity, issue type, owner and fields are taken as they were at the end, from creation on; changes in between (a severity raised, a reassignment) cannot be seen.",
            "It holds no status history, so pauses on the status (pause sla while status == ...) never start and time spent waiting on the customer counts against the targets.",
            "It holds one time per milestone: a reopened ticket shows one resolution and no reopen, and mitigation is not recorded, so mitigate is met only by resolution.",
        };
        var unobserved = new HashSet<string>(["update", "mitigate"], StringComparer.Ordinal);
        caveats.Add(Dated(TicketEventKind.FirstUpdate)
            ? "It holds no customer update after the first, so the update cadence never runs: its figures show what the policy would report, not what support did."
            : "It holds no customer updates (no column is mapped to first_update), so first_update and the update cadence cannot be met: their figures show what the policy would report, not what support did.");
        if (!Dated(TicketEventKind.FirstUpdate))
        {
            unobserved.Add("first_update");
        }

        if (!Dated(TicketEventKind.Acknowledged))
        {
            caveats.Add("No column is mapped to acknowledged, so acknowledge is met only by resolution.");
            unobserved.Add("acknowledge");
        }

        if (!Dated(TicketEventKind.Assigned))
        {
            caveats.Add("No column is mapped to assigned, so recorded assignments are not seen: assign is met only by the policy's own assignments to engineering, or by resolution.");
        }

        return (caveats, unobserved);
    }

    private sealed class ReadState(MappedColumns columns, int[] timeColumns)
    {
        public MappedColumns Columns { get; } = columns;

        /// <summary>The timestamp column of each of the mapping's milestones, created first.</summary>
        public int[] TimeColumns { get; } = timeColumns;

        public StringPool Pool { get; } = new();

        public RecentValues<long> Recent { get; } = new(MappedRows.RecentTickets);

        /// <summary>The row's milestones read so far (reused from row to row).</summary>
        public List<(TicketEventKind Kind, Instant At)> Times { get; } = [];
    }
}
