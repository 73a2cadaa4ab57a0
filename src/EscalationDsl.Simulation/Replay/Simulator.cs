using System.Globalization;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation.Input;
using EscalationDsl.Simulation.Reporting;
using EscalationDsl.Simulation.Reporting.Building;
using EscalationDsl.Simulation.Sources;
using NodaTime;

namespace EscalationDsl.Simulation.Replay;

/// <summary>
/// Replays ticket history against a compiled policy with the runtime the engine uses. Events are
/// facts; the policy decides what escalation would have done around them. Each ticket's events are
/// buffered, sorted by time (file order breaks ties) and replayed when the ticket is complete: at its
/// source's end-of-ticket mark, at its <c>closed</c> event when the source is not grouped by ticket, or
/// at the end of the input. A ticket closed in an ungrouped source stays, closed, while the next
/// 4,096 tickets close, so a reopen continues it. A finished ticket leaves only its figures in the
/// report; tickets still open are advanced to the last instant of the input (every deadline up to then
/// fires) and reported as open. Memory therefore follows the open tickets, not the file. Reading and
/// mapping run on a second thread (<see cref="SimulationOptions.ReadAhead"/>).
/// </summary>
public sealed partial class Simulator
{
    private const int RecentlyReplayed = 65_536;

    /// <summary>Closed tickets of ungrouped sources kept for a reopen; the oldest is reported when more close.</summary>
    private const int ClosedKept = 4_096;
    private readonly CompiledPolicy policy;
    private readonly SimulationOptions options;

    /// <summary>Creates a simulator for one policy.</summary>
    public Simulator(CompiledPolicy policy, SimulationOptions options)
    {
        this.policy = policy;
        this.options = options;
    }

    /// <summary>Reads the source to the end (or to the first bad row with <see cref="SimulationOptions.Strict"/>) and builds the report.</summary>
    /// <exception cref="SourceException">The input cannot be read at all.</exception>
    public SimulationResult Run(IEventSource source)
    {
        var pass = new Pass(policy, options, source);
        return pass.Execute();
    }

    private sealed partial class Pass(CompiledPolicy policy, SimulationOptions options, IEventSource source)
    {
        private readonly TicketRuntime runtime = new(policy);
        private readonly Dictionary<string, PendingTicket> pending = new(StringComparer.Ordinal);
        private readonly List<(Ticket Ticket, TicketTrack Track)> parked = [];
        private readonly RecentIds recent = new(RecentlyReplayed);
        private readonly Stack<List<Buffered>> spareLists = new();
        private readonly Stack<TicketTrack> spareTracks = new();
        private readonly RecentIds filteredClosed = new(RecentlyReplayed);

        /// <summary>Tickets whose created event the policy refused: their later events say so, not that none was read.</summary>
        private readonly RecentIds refusedCreated = new(RecentlyReplayed);

        /// <summary>
        /// The ticket and row of the latest created event the policy refused: an importer's row can give
        /// more events (a ticket export's row gives all of its ticket's), which come right after it and
        /// are dropped with it, so the row is reported once.
        /// </summary>
        private (string? Id, long Row) refusedRow;

        /// <summary>
        /// Tickets a skipped row named (a short row, a bad time), each true when the row's type read as created:
        /// their created event was, or may have been, on it. A row of another type is not kept.
        /// </summary>
        private readonly RecentValues<bool> skippedRows = new(RecentlyReplayed);
        private readonly Queue<string> orphanOrder = new();
        private readonly ReportBuilder report = new(policy, options, source);
        private readonly ComparedTexts compared = policy.ComparedTexts;
        private readonly MisspeltTally misspelt = new();

        /// <summary>
        /// The end of the data: the latest event replayed, or read for a ticket outside --from/--to. A bad
        /// row is skipped, so it does not move it (a stray row years ahead would advance every open ticket).
        /// </summary>
        private Instant horizon = Instant.MinValue;

        /// <summary>
        /// The ticket of the previous event while it is pending: consecutive events mostly share a ticket
        /// (and its id string), so the dictionaries are not asked for each. A pending ticket is never held.
        /// </summary>
        private (string Id, PendingTicket Ticket) lastPending;
        private long records;
        private long badRows;
        private long events;
        private long replayedEvents;
        private long tickets;
        private long filtered;
        private long peakKept;
        private bool stopped;

        public SimulationResult Execute()
        {
            if (!options.ReadAhead)
            {
                return Execute(source.Read(), () => (source.Progress, source.RowsRead));
            }

            // The source belongs to the reader thread: its position comes with the records.
            using var reader = new ReadAhead(source);
            return Execute(reader.Records(), () => (reader.Progress, reader.RowsRead));
        }

        private SimulationResult Execute(IEnumerable<SourceRecord> read, Func<(double Progress, long Rows)> position)
        {
            foreach (var record in read)
            {
                if (++records % 8192 == 0)
                {
                    var (fraction, rows) = position();
                    options.Progress?.Invoke(new SimulationProgress(fraction, rows, tickets, badRows));
                }

                switch (record.Kind)
                {
                    case SourceRecordKind.Problem:
                        if (record.TicketId is { } skipped && record.SkippedKind is null or TicketEventKind.Created
                            && !(skippedRows.TryGetValue(skipped, out var heldCreated) && heldCreated))
                        {
                            skippedRows.Set(skipped, record.SkippedKind is not null);
                        }

                        Bad(record.Row, record.Message!);
                        break;
                    case SourceRecordKind.TicketEnd:
                        if (pending.Remove(record.TicketId!, out var ended))
                        {
                            Finish(record.TicketId!, ended);
                        }

                        break;
                    default:
                        Accept(record);
                        break;
                }

                if (stopped)
                {
                    break;
                }
            }

            if (!stopped)
            {
                foreach (var (id, ticket) in pending.OrderBy(p => p.Value.FirstRow))
                {
                    Finish(id, ticket);
                    if (stopped)
                    {
                        break;
                    }
                }

                pending.Clear();
                ReleaseAll();

                foreach (var (ticket, track) in parked)
                {
                    var decisions = track.Decisions;
                    runtime.AdvanceTo(ticket, horizon, decisions);
                    Complete(ticket, track, horizon);
                }

                parked.Clear();
            }

            var rowsRead = position().Rows;
            options.Progress?.Invoke(new SimulationProgress(1, rowsRead, tickets, badRows));
            var input = new InputSummary(source.DisplayName, source.Format, rowsRead, events, replayedEvents, badRows, tickets, filtered, misspelt.Build());
            return new SimulationResult(report.Build(input, horizon == Instant.MinValue ? null : horizon), stopped, peakKept);
        }

        /// <summary>
        /// A problem with an event member (<c>at: ...</c>) as the file's user knows it: <c>When (at): ...</c>
        /// when a mapping took the member from a column of another name.
        /// </summary>
        private string InColumns(string problem)
        {
            var colon = problem.IndexOf(':');
            var member = colon > 0 ? problem[..colon] : null;
            return member is not null && source.ColumnOf(member) is { } column && column != member
                ? $"{column} ({member}){problem[colon..]}"
                : problem;
        }

        private void Accept(SourceRecord record)
        {
            var e = record.Event!;
            if (record.Row == refusedRow.Row && e.TicketId == refusedRow.Id)
            {
                return;
            }

            if (policy.Validate(e) is { } problem)
            {
                if (e.Kind == TicketEventKind.Created)
                {
                    refusedCreated.Add(e.TicketId);
                    refusedRow = (e.TicketId, record.Row);
                }

                Bad(record.Row, InColumns(problem));
                return;
            }

            if (e.EventId is { } eventId && Repeats(e, eventId, record.Row))
            {
                return;
            }

            events++;
            if (compared.Of(e) is { } found)
            {
                misspelt.Add(found, record.Row);
            }

            PendingTicket? ticket;
            if (ReferenceEquals(lastPending.Id, e.TicketId))
            {
                ticket = lastPending.Ticket;
            }
            else if (held.TryGetValue(e.TicketId, out var heldTicket))
            {
                Continue(e.TicketId, heldTicket, new Buffered(e, record.Row, record.Queue, record.Category, heldTicket.More.Count));
                return;
            }
            else if (!pending.TryGetValue(e.TicketId, out ticket))
            {
                if (filteredClosed.Contains(e.TicketId))
                {
                    Reached(e.At);
                    return; // a later event (a reopen) of a ticket outside --from/--to
                }

                ticket = new PendingTicket(record.Row, spareLists.TryPop(out var list) ? list : [])
                {
                    // Judged now: the set of recently replayed ids forgets, the ticket may wait long. Only a
                    // ticket without a created event is told by it, and one that starts with it has one.
                    AfterReplay = e.Kind != TicketEventKind.Created && recent.Contains(e.TicketId),
                };
                pending[e.TicketId] = ticket;
                peakKept = Math.Max(peakKept, pending.Count + held.Count + parked.Count);
            }

            lastPending = (e.TicketId, ticket);

            if (e.Kind == TicketEventKind.Created)
            {
                if (ticket.CreatedRow is { } earlier)
                {
                    Bad(record.Row, $"ticket '{e.TicketId}' already has a created event (row {earlier.ToString(CultureInfo.InvariantCulture)}); a ticket is created once");
                    return;
                }

                ticket.CreatedRow = record.Row;
                ticket.Filtered = options.From is { } from && e.At < from || options.To is { } to && e.At >= to;
            }

            Remember(ref ticket.Ids, e, record.Row);

            // Ungrouped sources: a ticket is complete once both its created and a closed event are read,
            // in either order (the file need not be in time order).
            ticket.HasClose |= e.Kind == TicketEventKind.Closed;
            var complete = !source.GroupedByTicket && ticket.CreatedRow is not null && ticket.HasClose
                && e.Kind is TicketEventKind.Closed or TicketEventKind.Created;
            if (ticket.Filtered)
            {
                Reached(e.At);
                if (complete)
                {
                    // Forgotten at its close like any other ticket, so a filter keeps memory flat too.
                    pending.Remove(e.TicketId);
                    Finish(e.TicketId, ticket);
                    filteredClosed.Add(e.TicketId);
                }

                return;
            }

            ticket.Events.Add(new Buffered(e, record.Row, record.Queue, record.Category, ticket.Events.Count));
            if (complete)
            {
                pending.Remove(e.TicketId);
                Finish(e.TicketId, ticket);
            }
            else if (!source.GroupedByTicket && e.Kind == TicketEventKind.Closed && ticket.CreatedRow is null)
            {
                WaitForCreated(e.TicketId);
            }
        }

        /// <summary>
        /// A closed event whose ticket has no created event yet: the created row may still come (the
        /// file need not be in time order), but only while 4,096 more such tickets close; then the
        /// oldest is given up and its rows reported, so memory stays bounded.
        /// </summary>
        private void WaitForCreated(string id)
        {
            orphanOrder.Enqueue(id);
            while (orphanOrder.Count > ClosedKept && orphanOrder.TryDequeue(out var oldest))
            {
                if (pending.TryGetValue(oldest, out var orphan) && orphan.CreatedRow is null)
                {
                    pending.Remove(oldest);
                    Finish(oldest, orphan);
                }
            }
        }

        private void Finish(string id, PendingTicket ticket)
        {
            // Every ticket leaves the pending ones through here.
            lastPending = default;
            Replay(id, ticket);

            // Lists of finished tickets are reused: most tickets' events fit the last one's.
            ticket.Events.Clear();
            if (spareLists.Count < 64)
            {
                spareLists.Push(ticket.Events);
            }
        }

        /// <summary>
        /// Reports the first <paramref name="count"/> events as bad rows, each row once (an importer's
        /// snapshot row can hold several events); false when --strict stopped the run.
        /// </summary>
        private bool BadRows(List<Buffered> list, int count, Func<int, string> why)
        {
            for (var i = 0; i < count; i++)
            {
                if (i > 0 && list[i].Row == list[i - 1].Row)
                {
                    continue;
                }

                Bad(list[i].Row, why(i));
                if (stopped)
                {
                    return false;
                }
            }

            return true;
        }

        private void Replay(string id, PendingTicket ticket)
        {
            if (ticket.Filtered)
            {
                filtered++;

                // Its events read before its created event, which was the first to count.
                foreach (var b in ticket.Events)
                {
                    Reached(b.Event.At);
                }

                return;
            }

            var list = ticket.Events;
            Buffered.SortByTime(list);
            var createdAt = -1;
            for (var i = 0; i < list.Count && createdAt < 0; i++)
            {
                if (list[i].Event.Kind == TicketEventKind.Created)
                {
                    createdAt = i;
                }
            }

            if (createdAt < 0)
            {
                var why = ticket.AfterReplay
                    ? $"ticket '{id}' was closed, replayed and reported before this event: {ClosedKept.ToString("N0", CultureInfo.InvariantCulture)} other tickets closed after it (docs/simulator.md)"
                    : refusedCreated.Contains(id)
                        ? $"ticket '{id}' has no created event: its created event was refused (reported above); a ticket starts with created"
                        : skippedRows.TryGetValue(id, out var heldCreated)
                            ? heldCreated
                                ? $"ticket '{id}' has no created event: the row of its created event was skipped (reported above); a ticket starts with created"
                                : $"ticket '{id}' has no created event: a row of it was skipped (reported above) and may have held it; a ticket starts with created"
                            : $"ticket '{id}' has no created event; a ticket starts with created";
                BadRows(list, list.Count, _ => why);
                return;
            }

            var created = list[createdAt].Event;
            if (!BadRows(list, createdAt, i => $"ticket '{id}': this {TicketEventKinds.Name(list[i].Event.Kind)} event at {TicketEventJson.FormatTime(list[i].Event.At)} comes before the ticket was created ({TicketEventJson.FormatTime(created.At)})"))
            {
                return;
            }

            tickets++;
            var first = list[createdAt];
            var track = NewTrack(created, first.Queue, first.Category);
            var t = runtime.Open(created, track.Decisions);
            Reached(created.At);
            track.OnEvent(created, first.Queue, first.Category);
            track.OnDecisions();
            Emit(created, track, ticket.Ids);
            replayedEvents++;
            var last = created.At;

            // Ungrouped: up to its latest close. Events dated after it wait, as a reopen dated before
            // them may still be read (the file need not be in time order).
            var lastClose = source.GroupedByTicket ? -1 : list.FindLastIndex(b => b.Event.Kind == TicketEventKind.Closed);
            var through = lastClose > createdAt ? lastClose + 1 : list.Count;
            for (var i = createdAt + 1; i < through; i++)
            {
                last = Apply(t, track, list[i], ticket.Ids);
            }

            recent.Add(id);

            if (!source.GroupedByTicket)
            {
                // Replayed at its close, but later events (a reopen, or a reopen read before this
                // close) may continue it: it is reported when it is released.
                var kept = new HeldTicket(t, track, last, ticket.CreatedRow ?? first.Row, heldSequence++) { Ids = ticket.Ids };
                if (through < list.Count)
                {
                    kept.More.AddRange(list.Skip(through));
                    Buffered.Renumber(kept.More);
                }

                Hold(id, kept);
            }
            else
            {
                Done(t, track, last);
            }
        }

        private Instant Apply(Ticket t, TicketTrack track, Buffered b, Dictionary<string, (TicketEvent Event, long Row)>? ids)
        {
            Reached(b.Event.At);
            runtime.Apply(t, b.Event, track.Decisions);
            track.OnEvent(b.Event, b.Queue, b.Category);
            track.OnDecisions();
            Emit(b.Event, track, ids);
            replayedEvents++;
            return b.Event.At;
        }

        /// <summary>A replayed ticket is reported now if it is finished; an open one waits for the end of the input (deadlines may still fire).</summary>
        private void Done(Ticket t, TicketTrack track, Instant last)
        {
            if (t.IsDone)
            {
                Complete(t, track, last);
            }
            else
            {
                parked.Add((t, track));
            }
        }

        private void Complete(Ticket ticket, TicketTrack track, Instant end)
        {
            var outcome = track.Complete(ticket, end);
            if (options.Decided is { } decided)
            {
                foreach (var decision in outcome.Decisions)
                {
                    decided(decision);
                }
            }

            report.Add(outcome);

            // The outcome is folded in and dropped: its track (and lists) can watch the next ticket.
            if (spareTracks.Count < 64)
            {
                spareTracks.Push(track);
            }
        }

        private TicketTrack NewTrack(TicketEvent created, string? queue, string? category)
        {
            if (spareTracks.TryPop(out var track))
            {
                track.Start(created, queue, category);
                return track;
            }

            return new TicketTrack(policy, created, queue, category);
        }

        private void Reached(Instant at)
        {
            if (at > horizon)
            {
                horizon = at;
            }
        }

        private void Bad(long row, string message)
        {
            badRows++;
            options.Problem?.Invoke($"{source.DisplayName}:{row.ToString(CultureInfo.InvariantCulture)}: {message}");
            if (options.Strict)
            {
                stopped = true;
            }
        }
    }

    private sealed class PendingTicket(long firstRow, List<Buffered> events)
    {
        public long FirstRow { get; } = firstRow;

        public long? CreatedRow { get; set; }

        public bool Filtered { get; set; }

        /// <summary>A closed event has been read (ungrouped sources finish the ticket once it also has its created event).</summary>
        public bool HasClose { get; set; }

        /// <summary>The ticket's first event here came after the ticket was replayed and reported.</summary>
        public bool AfterReplay { get; init; }

        public List<Buffered> Events { get; } = events;

        /// <summary>The ids of the events read for the ticket, with the first event and row of each; null while none has an id.</summary>
        public Dictionary<string, (TicketEvent Event, long Row)>? Ids;
    }

    private readonly record struct Buffered(TicketEvent Event, long Row, string? Queue, string? Category, int Order)
    {
        /// <summary>Time order; the order read breaks ties.</summary>
        public static int ByTime(Buffered a, Buffered b)
        {
            var c = a.Event.At.CompareTo(b.Event.At);
            return c != 0 ? c : a.Order.CompareTo(b.Order);
        }

        /// <summary>Numbers a sorted list's events in order, so events added after them sort after them at the same time.</summary>
        public static void Renumber(List<Buffered> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                list[i] = list[i] with { Order = i };
            }
        }

        /// <summary>Sorts by <see cref="ByTime"/>; most tickets' events are read in time order already, and are only checked.</summary>
        public static void SortByTime(List<Buffered> list)
        {
            for (var i = 1; i < list.Count; i++)
            {
                if (list[i].Event.At < list[i - 1].Event.At)
                {
                    list.Sort(ByTime);
                    return;
                }
            }
        }
    }
}
