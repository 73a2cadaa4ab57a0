using System.Collections.Concurrent;
using System.Diagnostics;
using EscalationDsl.Engine.Delivery;
using EscalationDsl.Engine.Observability;
using EscalationDsl.Engine.Storage;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Decisions;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace EscalationDsl.Engine.Processing;

/// <summary>
/// Writes the engine loop's batches on a thread of its own, so the loop applies the next requests
/// to the tickets in memory while this one stores and syncs the last ones (a pipelined writer).
/// The batches waiting when it comes round are written in one transaction (group commit); their
/// items are answered after it commits. When a transaction fails, its items are answered 503 and
/// so is every batch after it, built on the memory that failure left ahead of the database, until
/// the loop has rebuilt that memory (<see cref="Failed"/>, <see cref="Recovered"/>).
/// The loop uses the same store itself only while this is idle (<see cref="WaitIdle"/>).
/// </summary>
internal sealed class StoreWriter : IDisposable
{
    /// <summary>
    /// At most this many batches wait for the writer; the loop waits beyond (back-pressure). The
    /// batches waiting when the writer comes round go in one transaction, so at most one more than this.
    /// </summary>
    private const int Waiting = 4;

    /// <summary>The answer to a request whose rows could not be stored (or were built on rows that could not).</summary>
    public static readonly EngineError StorageFailure = new(503, "Storage failure", "The engine could not store the request; nothing was stored. Retry later.");

    private readonly BlockingCollection<StoreBatch> queue = new(Waiting);
    private readonly ConcurrentQueue<StoreBatch> finished = new();
    private readonly List<StoreBatch> merged = new(Waiting + 1);
    private readonly object gate = new(); // Monitor.Wait/PulseAll need a monitor, not a Lock
    private readonly EngineStore store;
    private readonly SinkRouter sinks;
    private readonly EngineMetrics metrics;
    private readonly ILogger logger;
    private Thread? thread;
    private long posted;
    private long done;
    private volatile bool failed;

    public StoreWriter(EngineStore store, SinkRouter sinks, EngineMetrics metrics, ILogger logger)
    {
        this.store = store;
        this.sinks = sinks;
        this.metrics = metrics;
        this.logger = logger;
        metrics.Delivery.Load(store.Connection);
        store.Committed += metrics.Delivery.Commit;
        store.RolledBack += metrics.Delivery.Discard;
    }

    /// <summary>Signalled after a commit that created deliveries.</summary>
    public event Action? DeliveriesPending;

    /// <summary>A transaction failed and the loop has not yet rebuilt its memory: every batch is refused.</summary>
    public bool Failed => failed;

    public void Start()
    {
        thread = new Thread(Run) { IsBackground = true, Name = "esc store writer" };
        thread.Start();
    }

    /// <summary>Queues a batch (loop thread only); waits while <see cref="Waiting"/> are queued.</summary>
    public void Post(StoreBatch batch)
    {
        queue.Add(batch);
        posted++;
    }

    /// <summary>Waits until every posted batch is written or refused (loop thread only).</summary>
    public void WaitIdle()
    {
        lock (gate)
        {
            while (done < posted)
            {
                Monitor.Wait(gate);
            }
        }
    }

    /// <summary>Called by the loop, with the writer idle, once its memory matches the database again.</summary>
    public void Recovered() => failed = false;

    /// <summary>A batch the writer is done with (written or refused), for the loop to reuse.</summary>
    public bool TryTakeFinished(out StoreBatch batch) => finished.TryDequeue(out batch!);

    /// <summary>Writes what is queued, then stops the thread.</summary>
    public void Finish()
    {
        queue.CompleteAdding();
        thread?.Join();
        thread = null;
    }

    private void Run()
    {
        foreach (var first in queue.GetConsumingEnumerable())
        {
            merged.Add(first);
            while (queue.TryTake(out var more))
            {
                merged.Add(more);
            }

            Write(merged);
            foreach (var batch in merged)
            {
                finished.Enqueue(batch);
            }

            lock (gate)
            {
                done += merged.Count;
                Monitor.PulseAll(gate);
            }

            merged.Clear();
        }
    }

    private void Write(List<StoreBatch> batches)
    {
        if (failed)
        {
            Fail(batches, StorageFailure);
            return;
        }

        var deliveries = false;
        try
        {
            store.Begin();
            foreach (var batch in batches)
            {
                deliveries |= Execute(batch);
            }

            Commit();
        }
        catch (Exception e)
        {
            store.Rollback();
            failed = true;
            var items = batches.Sum(b => b.Items.Count);
            if (e is SqliteException or IOException)
            {
                logger.LogError(e, "Storing {Count} work items failed; nothing of them was stored, reloading tickets from the database", items);
                Fail(batches, StorageFailure);
            }
            else
            {
                logger.LogCritical(e, "Storing {Count} work items failed unexpectedly (a bug); nothing of them was stored, reloading tickets from the database", items);
                Fail(batches, new EngineError(500, "Internal error", "The engine failed to store this request because of a bug; nothing of it was stored. The error is in the engine's log."));
            }

            return;
        }

        foreach (var batch in batches)
        {
            foreach (var item in batch.Items)
            {
                item.Complete();
            }
        }

        if (deliveries)
        {
            DeliveriesPending?.Invoke();
        }
    }

    /// <summary>Commits the store's transaction, timed in <c>esc_store_commit_seconds</c> (here, or on the loop's thread while this is idle).</summary>
    public void Commit()
    {
        var committing = Stopwatch.GetTimestamp();
        store.Commit();
        metrics.StoreCommit.Record(Stopwatch.GetElapsedTime(committing).TotalSeconds);
    }

    private static void Fail(List<StoreBatch> batches, EngineError error)
    {
        foreach (var batch in batches)
        {
            foreach (var item in batch.Items)
            {
                item.Fail(error);
            }
        }
    }

    /// <summary>
    /// Writes a batch's rows inside the open transaction (on this thread, or on the loop's while this
    /// is idle); returns whether it created deliveries.
    /// </summary>
    public bool Execute(StoreBatch batch)
    {
        foreach (var row in batch.Log)
        {
            if (row.EventId is null)
            {
                store.InsertAdvance.Typed.Text(1, row.TicketId).Integer(2, row.At).Integer(3, row.ReceivedAt).Run();
                continue;
            }

            var insert = store.InsertEvent.Typed.Text(1, row.EventId).Text(2, row.TicketId).Integer(3, row.At).Integer(4, row.ReceivedAt);
            if ((row.Raw is { } raw ? insert.Utf8(5, raw) : insert.Utf8(5, batch.Slice(row.Start, row.Length))).Run() == 0)
            {
                // The loop let this event through as new: its id must not be stored yet.
                throw new InvalidOperationException($"event id '{row.EventId}' was already stored");
            }
        }

        var deliveries = false;
        foreach (var row in batch.Decisions)
        {
            var d = row.Decision;
            var at = d.At.ToUnixTimeMilliseconds();
            var inserted = store.InsertDecision.Typed.Text(1, d.Id).Text(2, d.TicketId).Integer(3, at).Text(4, DecisionKinds.Name(d.Kind))
                .Text(5, d.Owner).Text(6, d.Rule).Utf8(7, batch.Slice(row.Start, row.Length)).Integer(8, row.CreatedAt).Run();
            if (inserted == 0)
            {
                continue; // produced before (a replay after a restart, a migration): stored and routed already
            }

            foreach (var sink in sinks.For(d))
            {
                if (store.InsertDelivery.Typed.Text(1, d.Id).Text(2, sink).Integer(3, row.CreatedAt).Integer(4, at).Run() == 1)
                {
                    metrics.Delivery.Stage(sink, waiting: 1, dead: 0);
                }

                deliveries = true;
            }

            if (row.Counted)
            {
                Count(row);
            }
        }

        foreach (var (id, due) in batch.Deadlines)
        {
            if (due == long.MaxValue)
            {
                store.DeleteDeadline.Execute(id);
            }
            else
            {
                store.UpsertDeadline.Execute(id, due);
            }
        }

        foreach (var row in batch.Tickets)
        {
            var version = row.Policy;
            store.StorePolicy(version.Fingerprint, version.Name, version.Version, version.Source, version.Path, row.ChangedAt);
            var summary = row.Summary;
            store.UpsertTicket.Typed
                .Text(1, row.TicketId).Text(2, version.Fingerprint).Integer(3, row.CreatedAt).Integer(4, row.Closed ? 1 : 0)
                .Text(5, summary.State).Text(6, summary.Severity).Text(7, summary.Owner).Integer(8, summary.Level).Integer(9, row.ChangedAt)
                .Integer(10, summary.Acknowledged?.ToUnixTimeMilliseconds()).Integer(11, summary.Resolved?.ToUnixTimeMilliseconds()).Utf8(12, batch.Slice(row.Start, row.Length))
                .Run();
        }

        foreach (var o in batch.Deliveries)
        {
            store.UpdateDelivery.Execute(o.DecisionId, o.Sink, o.Status, o.Attempt, o.NextAttemptAt, o.Error, o.Status == "delivered" ? o.At : null);
            store.InsertAttempt.Execute(o.DecisionId, o.Sink, o.Attempt, o.At, o.Status == "delivered" ? "delivered" : "failed", o.Error);
            if (o.Status == "delivered")
            {
                metrics.Delivery.Delivered(o.Sink);
                metrics.Delivery.Stage(o.Sink, waiting: -1, dead: 0);
            }
            else
            {
                metrics.Delivery.Failed(o.Sink, dead: o.Status == "dead");
                if (o.Status == "dead")
                {
                    metrics.Delivery.Stage(o.Sink, waiting: -1, dead: 1);
                }
            }
        }

        return deliveries;
    }

    private void Count(DecisionRow row)
    {
        var d = row.Decision;
        var policy = EngineMetrics.Policy(row.Policy);
        switch (d.Kind)
        {
            case DecisionKind.Escalate:
                metrics.Escalations.Add(1, policy,
                    new KeyValuePair<string, object?>("rule", d.Rule),
                    new KeyValuePair<string, object?>("issue_type", row.IssueType));
                break;
            case DecisionKind.Page:
                metrics.Pages.Add(1, policy, new KeyValuePair<string, object?>("rule", d.Rule));
                break;
            case DecisionKind.SlaBreach:
                metrics.SlaBreaches.Add(1, policy,
                    new KeyValuePair<string, object?>("component", d.Component is { } c ? ModelFormatter.Format(c) : "unknown"),
                    new KeyValuePair<string, object?>("severity", row.Severity));
                break;
            case DecisionKind.MissedUpdate:
                metrics.MissedUpdates.Add(1, policy, new KeyValuePair<string, object?>("severity", row.Severity));
                break;
        }
    }

    public void Dispose()
    {
        Finish();
        queue.Dispose();
    }
}
