using System.Buffers;
using EscalationDsl.Engine.Policies;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;

namespace EscalationDsl.Engine.Processing;

/// <summary>
/// The rows a run of work items writes, built by the engine loop and written by the
/// <see cref="StoreWriter"/> in one transaction; its items are answered after that commits.
/// Values are encoded when they are added (decision and field JSON go into <see cref="Bytes"/>),
/// so writing them is binding and stepping statements only.
/// </summary>
internal sealed class StoreBatch
{
    /// <summary>The work items answered once these rows commit.</summary>
    public List<WorkItem> Items { get; } = [];

    /// <summary>Ticket log rows (events and deadline runs) in the order they were applied.</summary>
    public List<LogRow> Log { get; } = [];

    public List<DecisionRow> Decisions { get; } = [];

    public List<DeadlineRow> Deadlines { get; } = [];

    public List<TicketRow> Tickets { get; } = [];

    /// <summary>Outcomes of delivery attempts, reported by the dispatcher.</summary>
    public List<Delivery.DeliveryOutcome> Deliveries { get; } = [];

    /// <summary>UTF-8 bodies the rows point into by offset and length.</summary>
    public ArrayBufferWriter<byte> Bytes { get; } = new(16 * 1024);

    public bool IsEmpty => Items.Count == 0 && Log.Count == 0 && Decisions.Count == 0 && Deadlines.Count == 0 && Tickets.Count == 0 && Deliveries.Count == 0;

    /// <summary>Where the next body written to <see cref="Bytes"/> starts.</summary>
    public int Mark => Bytes.WrittenCount;

    public ReadOnlySpan<byte> Slice(int start, int length) => Bytes.WrittenSpan.Slice(start, length);

    public void Clear()
    {
        Items.Clear();
        Log.Clear();
        Decisions.Clear();
        Deadlines.Clear();
        Tickets.Clear();
        Deliveries.Clear();
        Bytes.ResetWrittenCount();
    }
}

/// <summary>
/// A row of the ticket log: an accepted event (with its id and body: <see cref="Raw"/> as the client
/// sent it, or the batch bytes at <see cref="Start"/>) or, with no event id, a deadline run.
/// </summary>
internal readonly record struct LogRow(string? EventId, string TicketId, long At, long ReceivedAt, byte[]? Raw, int Start, int Length);

/// <summary>
/// A decision for the outbox, its stored JSON in the batch's bytes. <see cref="Counted"/>: it is
/// counted in the metrics if it is new, labelled with its ticket's policy, and its severity and issue type as they
/// were when it was decided.
/// </summary>
internal readonly record struct DecisionRow(Decision Decision, int Start, int Length, long CreatedAt, bool Counted, string Policy, string Severity, string IssueType);

/// <summary>A ticket's next deadline; <see cref="long.MaxValue"/> removes it.</summary>
internal readonly record struct DeadlineRow(string TicketId, long Due);

/// <summary>A ticket's row (its pinned version, closed flag and current state), the field JSON in the batch's bytes.</summary>
internal readonly record struct TicketRow(string TicketId, PolicyVersion Policy, long CreatedAt, bool Closed, TicketSummary Summary, long ChangedAt, int Start, int Length);
