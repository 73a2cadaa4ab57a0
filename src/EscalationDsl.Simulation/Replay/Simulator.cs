using System.Globalization;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Events;
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
/// at the end of the input. A finished ticket leaves only its figures in the report; tickets still
/// open are advanced to the last instant of the input (every deadline up to then fires) and reported
/// as open. Memory therefore follows the open tickets, not the file.
/// </summary>
public sealed class Simulator
{
    private const int RecentlyReplayed = 65_536;
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

    private sealed class Pass(CompiledPolicy policy, SimulationOptions options, IEventSource source)
    {
        private readonly TicketRuntime runtime = new(policy);
        private readonly Dictionary<string, PendingTicket> pending = new(StringComparer.Ordinal);
        private readonly List<(Ticket Ticket, TicketTrack Track)> parked = [];
        private readonly HashSet<string> recent = new(StringComparer.Ordinal);
        private readonly Stack<List<Buffered>> spareLists = new();
        private readonly Queue<string> recentOrder = new();
        private readonly ReportBuilder report = new(policy, options, source);
        private Instant horizon = Instant.MinValue;
        private long records;
        private long badRows;
        private long events;
        private long replayedEvents;
        private long tickets;
        private long filtered;
        private bool stopped;

        public SimulationResult Execute()
        {
            if (!options.ReadAhead)
            {
                return Execute(source.Read());
            }

            using var reader = new ReadAhead(source);
            return Execute(reader.Records());
        }

        private SimulationResult Execute(IEnumerable<SourceRecord> read)
        {
            foreach (var record in read)
            {
                if (++records % 8192 == 0)
                {
                    options.Progress?.Invoke(new SimulationProgress(source.Progress, source.RowsRead, tickets, badRows));
                }

                switch (record.Kind)
                {
                    case SourceRecordKind.Problem:
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
                foreach (var (ticket, track) in parked)
                {
                    var decisions = track.Decisions;
                    runtime.AdvanceTo(ticket, horizon, decisions);
                    Complete(ticket, track, horizon);
                }

                parked.Clear();
            }

            options.Progress?.Invoke(new SimulationProgress(1, source.RowsRead, tickets, badRows));
            var input = new InputSummary(source.DisplayName, source.Format, source.RowsRead, events, replayedEvents, badRows, tickets, filtered);
            return new SimulationResult(report.Build(input, horizon == Instant.MinValue ? null : horizon), stopped);
        }

        private void Accept(SourceRecord record)
        {
            var e = record.Event!;
            if (policy.Validate(e) is { } problem)
            {
                Bad(record.Row, problem);
                return;
            }

            events++;
            if (e.At > horizon)
            {
                horizon = e.At;
            }

            if (!pending.TryGetValue(e.TicketId, out var ticket))
            {
                ticket = new PendingTicket(record.Row, spareLists.TryPop(out var list) ? list : []);
                pending[e.TicketId] = ticket;
            }

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

            if (ticket.Filtered)
            {
                return;
            }

            ticket.Events.Add(new Buffered(e, record.Row, record.Queue, record.Category, ticket.Events.Count));
            if (e.Kind == TicketEventKind.Closed && !source.GroupedByTicket)
            {
                pending.Remove(e.TicketId);
                Finish(e.TicketId, ticket);
            }
        }

        private void Finish(string id, PendingTicket ticket)
        {
            Replay(id, ticket);

            // Lists of finished tickets are reused: most tickets' events fit the last one's.
            ticket.Events.Clear();
            if (spareLists.Count < 64)
            {
                spareLists.Push(ticket.Events);
            }
        }

        private void Replay(string id, PendingTicket ticket)
        {
            if (ticket.Filtered)
            {
                filtered++;
                return;
            }

            var list = ticket.Events;
            list.Sort(static (a, b) =>
            {
                var c = a.Event.At.CompareTo(b.Event.At);
                return c != 0 ? c : a.Order.CompareTo(b.Order);
            });
            var createdAt = list.FindIndex(b => b.Event.Kind == TicketEventKind.Created);
            if (createdAt < 0)
            {
                var why = recent.Contains(id)
                    ? $"ticket '{id}' was already replayed when its closed event was read; events after a ticket's closed event are not replayed (docs/simulator.md)"
                    : $"ticket '{id}' has no created event; a ticket starts with created";
                foreach (var b in list)
                {
                    Bad(b.Row, why);
                    if (stopped)
                    {
                        return;
                    }
                }

                return;
            }

            var created = list[createdAt].Event;
            for (var i = 0; i < createdAt; i++)
            {
                Bad(list[i].Row, $"ticket '{id}': this {TicketEventKinds.Name(list[i].Event.Kind)} event at {TicketEventJson.FormatTime(list[i].Event.At)} comes before the ticket was created ({TicketEventJson.FormatTime(created.At)})");
                if (stopped)
                {
                    return;
                }
            }

            tickets++;
            var first = list[createdAt];
            var track = new TicketTrack(policy, created, first.Queue, first.Category);
            var t = runtime.Open(created, track.Decisions);
            track.OnEvent(created, first.Queue, first.Category);
            track.OnDecisions();
            options.Replayed?.Invoke(created);
            replayedEvents++;
            var last = created.At;
            for (var i = createdAt + 1; i < list.Count; i++)
            {
                var b = list[i];
                runtime.Apply(t, b.Event, track.Decisions);
                track.OnEvent(b.Event, b.Queue, b.Category);
                track.OnDecisions();
                options.Replayed?.Invoke(b.Event);
                replayedEvents++;
                last = b.Event.At;
            }

            if (recent.Add(id))
            {
                recentOrder.Enqueue(id);
                if (recentOrder.Count > RecentlyReplayed)
                {
                    recent.Remove(recentOrder.Dequeue());
                }
            }

            if (t.IsDone)
            {
                Complete(t, track, last);
            }
            else
            {
                // Deadlines may still fire: it waits for the end of the input.
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

        public List<Buffered> Events { get; } = events;
    }

    private readonly record struct Buffered(TicketEvent Event, long Row, string? Queue, string? Category, int Order);
}
