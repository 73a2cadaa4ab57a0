using NodaTime;

namespace EscalationDsl.Simulation.Reporting;

/// <summary>The time covered.</summary>
/// <param name="TimeZone">The zone of the policy's default calendar: weeks start on Monday there, and after-hours pages are judged by that calendar.</param>
/// <param name="From">The <c>--from</c> filter on ticket creation, if any.</param>
/// <param name="To">The <c>--to</c> filter on ticket creation, if any.</param>
/// <param name="FirstCreated">The earliest ticket creation replayed.</param>
/// <param name="LastCreated">The latest ticket creation replayed.</param>
/// <param name="End">The last instant in the input: open tickets are advanced to it.</param>
public sealed record PeriodSummary(string TimeZone, Instant? From, Instant? To, Instant? FirstCreated, Instant? LastCreated, Instant? End);
