using System.Threading.Channels;
using EscalationDsl.Engine.Delivery;
using EscalationDsl.Engine.Observability;
using EscalationDsl.Engine.Policies;
using EscalationDsl.Engine.Storage;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Machine;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace EscalationDsl.Engine.Processing;

/// <summary>
/// The engine's one line of work. Every change to tickets happens here, one work item at a time, so
/// each ticket sees one event or deadline run at a time. Items are taken in groups. Requests that
/// need nothing but memory run ahead of the database: their rows go to the <see cref="StoreWriter"/>,
/// which commits them on its own thread while the next ones run (EngineLoop.Pipeline.cs); the rest
/// run against the store once the writer has caught up. Nobody is answered before their rows commit.
/// </summary>
internal sealed partial class EngineLoop : IDisposable
{
    private const int MaxGroup = 512;

    private readonly Channel<WorkItem> channel = Channel.CreateUnbounded<WorkItem>(new UnboundedChannelOptions { SingleReader = true });
    private readonly OpenTicketSet tickets = new();
    private readonly PriorityQueue<string, long> queue = new();
    private readonly List<Decision> scratch = [];

    /// <summary>Tickets an ingest check loaded from the log; closed ones leave memory again if the request is refused.</summary>
    private readonly List<TicketEntry> loadedForCheck = [];
    private readonly Dictionary<string, long> dirtyDeadlines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (TicketEntry Entry, long ChangedAt)> dirtyTickets = new(StringComparer.Ordinal);
    private readonly System.Text.Json.Utf8JsonWriter json = new(System.IO.Stream.Null);
    private readonly HashSet<string> dueWhenScheduled = new(StringComparer.Ordinal);

    /// <summary>Tickets whose log cannot be replayed: kept out of memory, refused without replaying again.</summary>
    private readonly HashSet<string> unavailable = new(StringComparer.Ordinal);

    // This start upgraded a database that recorded no version each name ran last: what it holds is a guess.
    private readonly bool guessedCurrentVersions;
    private readonly EngineStore store;
    private readonly StoreWriter writer;
    private readonly EngineOptions options;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly SinkRouter sinks;
    private long nextDue = long.MaxValue;
    private bool newDeliveries;

    // The sinks whose dead letters this group put back in line (RetryDead), told after its commit.
    private readonly List<string> retriedSinks = [];
    private bool live;

    public EngineLoop(EngineDatabase database, PolicyRegistry registry, EngineOptions options, EngineMetrics metrics, TimeProvider time, ILogger logger)
    {
        store = new EngineStore(database, logger);
        Registry = registry;
        Metrics = metrics;
        this.options = options;
        this.time = time;
        this.logger = logger;
        sinks = new SinkRouter(options.Sinks);
        writer = new StoreWriter(store, sinks, metrics, logger);
        writer.DeliveriesPending += () => DeliveriesPending?.Invoke();
        stored = new StoredKeys(database);
        guessedCurrentVersions = database.GuessedCurrentVersions;
    }

    public PolicyRegistry Registry { get; }

    public EngineMetrics Metrics { get; }

    /// <summary>The earliest pending deadline (Unix ms), long.MaxValue for none. Read by the scheduler.</summary>
    public long NextDue => Volatile.Read(ref nextDue);

    /// <summary>Signalled when the earliest deadline moves earlier, so the scheduler re-arms.</summary>
    public event Action? DeadlinesChanged;

    /// <summary>Signalled after a commit that created deliveries.</summary>
    public event Action? DeliveriesPending;

    /// <summary>
    /// Signalled after a commit that put dead letters back in line, with their sinks (before
    /// <see cref="DeliveriesPending"/>): an operator's retry means now, not after the sink's rest.
    /// </summary>
    public event Action<IReadOnlyList<string>>? DeadLettersRetried;

    /// <summary>The number of open tickets in memory.</summary>
    public int OpenTickets => tickets.Count;

    public long Now => time.GetUtcNow().ToUnixTimeMilliseconds();

    /// <summary>Queues work; callers await the item's task.</summary>
    public void Post(WorkItem item)
    {
        if (!channel.Writer.TryWrite(item))
        {
            item.Fail(new EngineError(503, "Engine stopping", "The engine is shutting down; retry against the restarted engine."));
        }
    }

    /// <summary>Stops accepting work; the loop finishes what is queued.</summary>
    public void Complete() => channel.Writer.TryComplete();

    /// <summary>The loop: take a group of items, run them (ahead of the writer, or against the store), answer after their commit.</summary>
    public async Task RunAsync(CancellationToken cancellation)
    {
        writer.Start();
        try
        {
            var group = new List<WorkItem>(MaxGroup);
            while (await channel.Reader.WaitToReadAsync(cancellation).ConfigureAwait(false))
            {
                group.Clear();
                while (group.Count < MaxGroup && channel.Reader.TryRead(out var item))
                {
                    group.Add(item);
                }

                RunItems(group);
            }
        }
        finally
        {
            HandOff();
            writer.Finish(); // writes what was handed off, then stops
        }
    }

    /// <summary>Runs items against the store (the writer idle) in one transaction, commits, then answers.</summary>
    private void RunGroup(List<WorkItem> group)
    {
        var before = NextDue;
        newDeliveries = false;
        retriedSinks.Clear();
        try
        {
            store.Begin();
            foreach (var item in group)
            {
                item.Run(this);
            }

            FlushDeadlines();
            FlushTickets();
            writer.Commit();
        }
        catch (Exception e) when (e is SqliteException or IOException)
        {
            DropUnwritten();
            store.Rollback();
            logger.LogError(e, "Storing a group of {Count} work items failed; nothing of it was stored, reloading tickets from the database", group.Count);
            foreach (var item in group)
            {
                item.Fail(StoreWriter.StorageFailure);
            }

            Reload();
            return;
        }
        catch (Exception e)
        {
            // No input should get here: this is a bug. Undo the group as a storage failure is undone,
            // keep the loop running, and run each item again alone so one request that trips the bug
            // does not fail the requests grouped with it.
            DropUnwritten();
            store.Rollback();
            Reload();
            if (group.Count > 1)
            {
                logger.LogError(e, "A group of {Count} work items failed unexpectedly; nothing of it was stored, running each alone", group.Count);
                foreach (var item in group)
                {
                    RunGroup([item]);
                }

                return;
            }

            logger.LogCritical(e, "A work item failed unexpectedly (a bug); nothing of it was stored and the engine goes on");
            group[0].Fail(new EngineError(500, "Internal error", "The engine failed on this request because of a bug; nothing of it was stored. The error is in the engine's log."));
            return;
        }

        foreach (var item in group)
        {
            item.Complete();
        }

        PublishNextDue(before);
        if (retriedSinks.Count > 0)
        {
            DeadLettersRetried?.Invoke([.. retriedSinks]);
        }

        if (newDeliveries)
        {
            DeliveriesPending?.Invoke();
        }
    }

    private void PublishNextDue(long before)
    {
        while (queue.TryPeek(out var id, out var due) && !IsCurrent(id, due))
        {
            queue.Dequeue();
        }

        var next = queue.TryPeek(out _, out var first) ? first : long.MaxValue;
        Volatile.Write(ref nextDue, next);
        if (next < before)
        {
            DeadlinesChanged?.Invoke();
        }
    }

    /// <summary>A queued deadline still holds when the ticket is open and still due then.</summary>
    private bool IsCurrent(string id, long due) =>
        tickets.TryGetValue(id, out var ticket) && ticket.NextDeadlineMs == due;

    /// <summary>
    /// Queues a ticket's next deadline if it changed (<paramref name="previousDue"/> is the one before
    /// the change, <paramref name="now"/> the time of the change) and mirrors it in the deadlines table. Superseded entries stay in the queue and are
    /// skipped when they come up; the queue is rebuilt when they outnumber the open tickets.
    /// </summary>
    private void Schedule(Ticket ticket, long? previousDue, long now)
    {
        var due = ticket.NextDeadlineMs;
        if (due == previousDue)
        {
            return;
        }

        dirtyDeadlines[ticket.Id] = due ?? long.MaxValue;

        // A deadline already due when it is scheduled (after a backdated or late event, or one that
        // passed while the engine was stopped) is caught up at the next tick: how late it runs is
        // not the scheduler's lag, so AdvanceDue records none for it.
        if (due is { } late && late <= now)
        {
            dueWhenScheduled.Add(ticket.Id);
        }
        else
        {
            dueWhenScheduled.Remove(ticket.Id);
        }

        if (due is { } at)
        {
            queue.Enqueue(ticket.Id, at);
            if (queue.Count > 2 * tickets.Count + 4096)
            {
                RebuildQueue();
            }
        }
    }

    private void RebuildQueue()
    {
        queue.Clear();
        foreach (var ticket in tickets.All)
        {
            if (ticket.NextDeadlineMs is { } at)
            {
                queue.Enqueue(ticket.Id, at);
            }
        }
    }

    /// <summary>
    /// Mirrors changed deadlines into the deadlines table once per group: a ticket that took ten
    /// events in one batch is written once, not ten times.
    /// </summary>
    private void FlushDeadlines()
    {
        var batch = Target;
        foreach (var (id, due) in dirtyDeadlines)
        {
            batch.Deadlines.Add(new DeadlineRow(id, due));
        }

        dirtyDeadlines.Clear();
        Written();
    }

    /// <summary>
    /// Writes the tickets that were created or changed into the tickets table once per group, as the
    /// deadlines are: a ticket that took ten events in one batch is written once, whole (pinned
    /// version, closed flag and current state), inserted when it is new.
    /// </summary>
    private void FlushTickets()
    {
        var batch = Target;
        foreach (var (id, (entry, changedAt)) in dirtyTickets)
        {
            var ticket = entry.Ticket;
            var policy = entry.Policy.Compiled;
            var start = batch.Mark;
            json.Reset(batch.Bytes);
            policy.WriteFields(ticket, json);
            json.Flush();
            batch.Tickets.Add(new TicketRow(id, entry.Policy, ticket.CreatedAt.ToUnixTimeMilliseconds(), ticket.State == TicketPhase.Closed, policy.Summarize(ticket), changedAt, start, batch.Mark - start));
            if (recording is not null)
            {
                ticketsInFlight.Add(id);
            }
        }

        dirtyTickets.Clear();
        Written();
    }

    public void Dispose()
    {
        writer.Dispose();
        json.Dispose();
        stored.Dispose();
        store.Dispose();
    }
}
