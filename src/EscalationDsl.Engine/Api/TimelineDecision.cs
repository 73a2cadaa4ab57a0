namespace EscalationDsl.Engine.Api;

/// <summary>A decision in a ticket's timeline.</summary>
/// <param name="Id">The decision's id (the same on every replay).</param>
/// <param name="Kind">page, notify, assign, ...</param>
/// <param name="Owner">Who it is for, if anyone.</param>
/// <param name="At">When it was taken.</param>
/// <param name="Detail">What it says.</param>
/// <param name="Sent">
/// False for a decision taken before the ticket's latest migration that no version sent: the new version's replay
/// of the log made it, and decisions the new version would have taken in the past are not sent. False too for a decision
/// after the migration whose id the outbox held already, from an older version's decision at another time, of another
/// kind or owner: the outbox keeps one decision an id. True otherwise: the
/// decision is in the outbox and was routed to the sinks (GET /v1/deliveries has how each delivery went).
/// </param>
/// <param name="SentUnderVersion">
/// Only on a decision the timeline's version does not take: the older version that took and sent it before the ticket
/// migrated (its <c>policy_version</c> in the outbox). Absent on every decision of the replay.
/// </param>
public sealed record TimelineDecision(string Id, string Kind, string? Owner, string At, string Detail, bool Sent, int? SentUnderVersion = null);
