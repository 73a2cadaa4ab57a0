using NodaTime;

namespace EscalationDsl.Simulation.Reporting;

/// <summary>One ticket on the review list and why.</summary>
/// <param name="Ticket">The ticket.</param>
/// <param name="Severity">Its severity at the end.</param>
/// <param name="IssueType">Its issue type (the source category when there is one).</param>
/// <param name="Queue">The queue that held it at <paramref name="At"/>.</param>
/// <param name="At">When the reason happened (the escalation).</param>
/// <param name="Detail">Why it is listed, in a sentence.</param>
/// <param name="Seconds">The measure the list is sorted by: the gap in seconds, or the number of misses.</param>
public sealed record ReviewItem(string Ticket, string Severity, string IssueType, string Queue, Instant At, string Detail, long Seconds);
