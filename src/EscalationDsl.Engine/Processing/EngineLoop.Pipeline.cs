using System.Diagnostics;
using EscalationDsl.Engine.Policies;
using EscalationDsl.Engine.Storage;
using EscalationDsl.Runtime.Events;
using Microsoft.Extensions.Logging;

namespace EscalationDsl.Engine.Processing;

/// <summary>
/// Running ahead of the writer. A request whose checks need nothing but memory (new event ids, new
/// tickets, later events of open tickets), a scheduler tick and a delivery report are applied at
/// once, their rows gathered in a <see cref="StoreBatch"/> that the <see cref="StoreWriter"/>
/// commits on its own thread while the loop goes on to the next requests. Everything else (retries,
/// closed or unknown tickets, reads, migrations, reloads) runs against the store as before, after
/// the writer has caught up. Whether an id is new is known from the database (a
/// connection of its own reads what is committed) and from the ids in batches not yet committed.
/// </summary>
internal sealed partial class EngineLoop
{
    private readonly StoredKeys stored;

    /// <summary>Event ids in batches handed to the writer and not yet known to be committed (or refused).</summary>
    private readonly HashSet<string> eventsInFlight = new(StringComparer.Ordinal);

    /// <summary>Tickets whose rows are in batches handed to the writer and not yet known to be committed.</summary>
    private readonly HashSet<string> ticketsInFlight = new(StringComparer.Ordinal);

    /// <summary>Items of a group that run against the store, after the writer has caught up.</summary>
    private readonly List<WorkItem> againstStore = [];

    private readonly Stack<StoreBatch> spare = new();

    /// <summary>Rows written against the store go through this batch at once.</summary>
    private readonly StoreBatch inline = new();

    /// <summary>The batch being gathered ahead of the writer; null while running against the store.</summary>
    private StoreBatch? recording;

    /// <summary>The earliest deadline when <see cref="recording"/> started.</summary>
    private long dueBeforeBatch;

    /// <summary>Where rows go: the batch being gathered, or (against the store) straight to the store.</summary>
    private StoreBatch Target => recording ?? inline;

    /// <summary>After adding rows to <see cref="Target"/>: against the store, they are written now.</summary>
    private void Written()
    {
        if (recording is null)
        {
            try
            {
                newDeliveries |= writer.Execute(inline);
            }
            finally
            {
                inline.Clear(); // written, or to be rolled back: never written again by a later group
            }
        }
    }

    /// <summary>After a failure: forgets the rows gathered for the transaction being rolled back.</summary>
    private void DropUnwritten()
    {
        inline.Clear();
        dirtyDeadlines.Clear();
        dirtyTickets.Clear();
    }

    private void AppendAdvance(string ticketId, long now)
    {
        Target.Log.Add(new LogRow(null, ticketId, now, now, null, 0, 0));
        Written();
    }

    /// <summary>
    /// Runs a group: items run ahead of the writer while they can; from the first that cannot, the
    /// rest run against the store in one transaction, in order, once the writer has caught up.
    /// </summary>
    private void RunItems(List<WorkItem> group)
    {
        TakeFinished();
        if (writer.Failed)
        {
            Drain();
        }

        againstStore.Clear();
        foreach (var item in group)
        {
            if (againstStore.Count == 0 && RunAhead(item))
            {
                continue;
            }

            againstStore.Add(item);
        }

        if (againstStore.Count > 0)
        {
            Drain();
            RunGroup(againstStore);
            againstStore.Clear();
        }

        HandOff();
    }

    /// <summary>Runs an item ahead of the writer if it can; false (nothing changed) if it needs the store.</summary>
    private bool RunAhead(WorkItem item)
    {
        if (recording is null)
        {
            recording = spare.Count > 0 ? spare.Pop() : new StoreBatch();
            dueBeforeBatch = NextDue;
        }

        try
        {
            if (!item.TryRunAhead(this))
            {
                return false;
            }
        }
        catch (Exception e)
        {
            recording.Items.Add(item);
            RecoverAhead(e);
            return true;
        }

        recording.Items.Add(item);
        return true;
    }

    /// <summary>
    /// After a bug (an exception no input should cause) while gathering a batch: its rows are
    /// dropped and the memory rebuilt from the database; its items then run alone against the
    /// store, where the one that trips the bug again is answered 500 and the others go through.
    /// </summary>
    private void RecoverAhead(Exception e)
    {
        var pending = recording!.Items.ToList();
        recording.Clear();
        spare.Push(recording);
        recording = null;
        DropUnwritten();
        Drain();
        Reload();
        logger.LogError(e, "A group of {Count} work items failed unexpectedly; nothing of it was stored, running each alone", pending.Count);
        foreach (var alone in pending)
        {
            RunGroup([alone]);
        }
    }

    /// <summary>Hands the batch being gathered, with the rows of the tickets and deadlines it changed, to the writer.</summary>
    private void HandOff()
    {
        if (recording is not { } batch)
        {
            return;
        }

        try
        {
            FlushDeadlines();
            FlushTickets();
        }
        catch (Exception e)
        {
            RecoverAhead(e);
            return;
        }

        recording = null;
        if (batch.IsEmpty)
        {
            spare.Push(batch);
            return;
        }

        writer.Post(batch);
        PublishNextDue(dueBeforeBatch);
    }

    /// <summary>
    /// Waits until the writer has written (or refused) everything handed to it, so the store can be
    /// used here; after a failed write, rebuilds the memory from the database first.
    /// </summary>
    private void Drain()
    {
        HandOff();
        writer.WaitIdle();
        TakeFinished();
        eventsInFlight.Clear();
        ticketsInFlight.Clear();
        if (writer.Failed)
        {
            Reload();
            writer.Recovered();
        }
    }

    /// <summary>Takes back the batches the writer is done with: their ids are in the database from now on (or refused).</summary>
    private void TakeFinished()
    {
        Debug.Assert(!stored.Reading, "a stored-key check would read a snapshot older than the ids forgotten here");
        while (writer.TryTakeFinished(out var batch))
        {
            foreach (var row in batch.Log)
            {
                if (row.EventId is { } id)
                {
                    eventsInFlight.Remove(id);
                }
            }

            foreach (var row in batch.Tickets)
            {
                ticketsInFlight.Remove(row.TicketId);
            }

            batch.Clear();
            if (spare.Count < 4)
            {
                spare.Push(batch);
            }
        }
    }
}
