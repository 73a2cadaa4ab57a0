using NodaTime;

namespace EscalationDsl.Runtime.Tracing;

/// <summary>One line of a ticket's explanation (`esc explain`, the engine's timeline).</summary>
/// <param name="At">When it happened; for an event, its own time as sent.</param>
/// <param name="Kind">What it records.</param>
/// <param name="Text">What it says.</param>
/// <param name="AppliedAt">
/// Only on an event that came late: the ticket's latest time when it came, as of which it was applied (the engine
/// applies events in the order they come). The entry stands where it was applied, after entries later than
/// <paramref name="At"/>, and its text says so (<see cref="ExplainText.EntryText"/>). Null for every other entry.
/// </param>
public sealed record TraceEntry(Instant At, TraceKind Kind, string Text, Instant? AppliedAt = null);
