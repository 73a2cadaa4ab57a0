namespace EscalationDsl.Engine.Processing;

/// <summary>
/// A decision in the outbox (table <c>decisions</c>), as it was sent: <see cref="At"/> in Unix ms, <see cref="Kind"/>
/// its name (page, notify, ...), <see cref="Body"/> the document the sinks got (<c>DecisionDocument</c>).
/// </summary>
internal readonly record struct StoredDecision(string Id, long At, string Kind, string? Owner, string Body);
