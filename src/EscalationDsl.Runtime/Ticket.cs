using System.Runtime.CompilerServices;
using EscalationDsl.Runtime.Machine;
using EscalationDsl.Runtime.Time;

namespace EscalationDsl.Runtime;

/// <summary>
/// The state of one ticket under a compiled policy: our record, which the Stateless machine reads
/// and writes through its state accessor. Compact on purpose (docs/performance.md): times are
/// whole seconds relative to creation, clocks live in one int array laid out per severity.
/// Only <see cref="TicketRuntime"/> changes it; read it through <see cref="TicketRuntime.Describe(Ticket)"/>.
/// </summary>
public sealed class Ticket
{
    /// <summary>An event time or deadline that does not exist.</summary>
    internal const int Never = int.MinValue;

    /// <summary>A deadline that is not scheduled.</summary>
    internal const int NoDue = int.MaxValue;

    internal Ticket(string id, long createdMs, int fieldSlots)
    {
        Id = id;
        CreatedMs = createdMs;
        Values = fieldSlots == 0 ? [] : new string?[fieldSlots];
        Times.Fill();
        Clock = [];
        NextDue = NoDue;
    }

    /// <summary>The ticket id.</summary>
    public string Id { get; }

    /// <summary>
    /// A reference the host keeps with the ticket (the engine: the policy version it is pinned to),
    /// so hosts need no record of their own per ticket. The runtime never reads it.
    /// </summary>
    public object? Host { get; set; }

    internal long CreatedMs;
    internal TicketPhase Phase;
    internal byte SeverityIndex;
    internal byte Level;
    internal byte Mitigation;
    internal byte Cycle;
    internal short OwnerIndex = -1;
    internal TicketFlags Flags;
    internal int LastEvent;
    internal EventTimes Times;
    internal int[] Clock;
    internal string?[] Values;
    internal TicketExtras? Extras;

    /// <summary>The ticket's pauses, or null when it never paused.</summary>
    internal PauseSet? Pauses => Extras?.Pauses;

    /// <summary>Step counters of rules that left the ticket's layout (see Relayout), or null.</summary>
    internal int[]? Retired => Extras?.Retired;

    /// <summary>The earliest pending deadline as an offset, or <see cref="NoDue"/>.</summary>
    internal int NextDue;


    /// <summary>The lifecycle phase.</summary>
    public TicketPhase State => Phase;

    /// <summary>True once resolved or closed (until reopened).</summary>
    public bool IsDone => Phase is TicketPhase.Resolved or TicketPhase.Closed;

    /// <summary>When the ticket was created.</summary>
    public NodaTime.Instant CreatedAt => NodaTime.Instant.FromUnixTimeMilliseconds(CreatedMs);

    /// <summary>The latest time the ticket has seen (its latest event or deadline run), to the second.</summary>
    public NodaTime.Instant LatestAt => NodaTime.Instant.FromUnixTimeMilliseconds(FromOffset(LastEvent));

    /// <summary>The first acknowledgement, if any.</summary>
    public NodaTime.Instant? AcknowledgedAt => Has(EventTime.Acknowledged) ? NodaTime.Instant.FromUnixTimeMilliseconds(TimeMs(EventTime.Acknowledged)) : null;

    /// <summary>The first assignment to engineering, if any.</summary>
    public NodaTime.Instant? EngineeringAssignedAt => Has(EventTime.EngineeringAssigned) ? NodaTime.Instant.FromUnixTimeMilliseconds(TimeMs(EventTime.EngineeringAssigned)) : null;

    /// <summary>The severity's position among the policy's severities (0 is the most severe).</summary>
    public int SeverityRank => SeverityIndex;

    /// <summary>The next deadline as Unix milliseconds, or null.</summary>
    public long? NextDeadlineMs => NextDue == NoDue ? null : DueMs(NextDue);

    /// <summary>
    /// When a deadline at <paramref name="due"/> fires: its instant, or when it has passed, the latest instant the ticket
    /// saw. That is kept to the ticket's whole second; one stamped between two of them counts as the end of its second, so
    /// that a deadline an event moved into the past never fires before that event (every event within that second
    /// counts as at one instant, and as in time: the deadline waits until time moves on, as at any event's instant).
    /// </summary>
    internal long DueMs(int due) =>
        Math.Max(FromOffset(due), FromOffset(LastEvent) + ((Flags & TicketFlags.SeenBetweenSeconds) != 0 ? 1000 : 0));

    /// <summary>
    /// Records <paramref name="ms"/> as seen: the latest event or deadline run moves on to it, if it is later. Only an event
    /// (<paramref name="atEvent"/>) can move a deadline into the past, so only an event stamped between seconds marks it.
    /// </summary>
    internal void See(long ms, bool atEvent)
    {
        var offset = ToOffset(ms);
        if (offset > LastEvent)
        {
            LastEvent = offset;
            Flags &= ~TicketFlags.SeenBetweenSeconds;
        }

        if (atEvent && offset == LastEvent && FromOffset(offset) != ms)
        {
            Flags |= TicketFlags.SeenBetweenSeconds;
        }
    }

    internal long TimeMs(EventTime slot) => Times[(int)slot] == Never ? long.MinValue : CreatedMs + Times[(int)slot] * 1000L;

    internal bool Has(EventTime slot) => Times[(int)slot] != Never;

    internal void Set(EventTime slot, long ms) => Times[(int)slot] = ToOffset(ms);

    /// <summary>Whole seconds since creation, rounded down (event times).</summary>
    internal int ToOffset(long ms) => (int)Math.Clamp(Math.Max(0, ms - CreatedMs) / 1000, 0, int.MaxValue - 1);

    /// <summary>
    /// Whole seconds since creation, rounded up (deadlines never fire early). A deadline further than
    /// the offsets reach (about 68 years after creation) is no deadline: it could never move on.
    /// </summary>
    internal int ToDueOffset(long ms)
    {
        var delta = ms - CreatedMs;
        if (delta <= 0)
        {
            return 0;
        }

        var seconds = (delta + 999) / 1000;
        return seconds >= int.MaxValue - 1 ? NoDue : (int)seconds;
    }

    internal long FromOffset(int offset) => CreatedMs + offset * 1000L;

    /// <summary>A deep copy, for what-if replays.</summary>
    internal Ticket Clone()
    {
        var copy = (Ticket)MemberwiseClone();
        copy.Clock = (int[])Clock.Clone();
        copy.Values = (string?[])Values.Clone();
        copy.Extras = Extras is null ? null : new TicketExtras { Pauses = Extras.Pauses?.Clone(), Retired = (int[]?)Extras.Retired?.Clone(), BreachedUnder = (byte[]?)Extras.BreachedUnder?.Clone(), SinceMovedWhilePaused = (int[]?)Extras.SinceMovedWhilePaused?.Clone() };
        return copy;
    }

    /// <summary>The event time slots inline in the object (no separate array).</summary>
    [InlineArray(10)]
    internal struct EventTimes
    {
        private int first;

        public void Fill() => ((Span<int>)this).Fill(Never);
    }
}
