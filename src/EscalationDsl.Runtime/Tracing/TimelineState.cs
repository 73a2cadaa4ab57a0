using NodaTime;

namespace EscalationDsl.Runtime.Tracing;

/// <summary>
/// A ticket's state at one instant, as a state block of <see cref="ExplainText"/> shows it: after the first
/// <paramref name="Entries"/> timeline entries (those up to that instant).
/// </summary>
/// <param name="Entries">How many timeline entries come before the block.</param>
/// <param name="State">The ticket's state at <paramref name="At"/>.</param>
/// <param name="At">The time the state is given at.</param>
public sealed record TimelineState(int Entries, TicketSnapshot State, Instant At);
