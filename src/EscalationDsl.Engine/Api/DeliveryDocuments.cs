namespace EscalationDsl.Engine.Api;

/// <summary>The answer of GET /v1/deliveries: a page of dead letters.</summary>
/// <param name="Deliveries">The page's dead letters, the oldest first.</param>
/// <param name="Next">The path and query of the next page, when more dead letters follow this page's last.</param>
public sealed record DeliveryList(IReadOnlyList<DeadDelivery> Deliveries, string? Next);

/// <summary>A dead-lettered delivery.</summary>
/// <param name="Decision">The decision's id (the webhook's <c>id</c> and <c>X-Esc-Decision</c>).</param>
/// <param name="Ticket">Its ticket.</param>
/// <param name="Sink">The sink it was not delivered to.</param>
/// <param name="Kind">The decision's kind (page, notify, ...).</param>
/// <param name="Owner">The decision's owner, when it has one.</param>
/// <param name="Attempts">The attempts made.</param>
/// <param name="LastError">Why the last attempt failed.</param>
/// <param name="DecidedAt">When the decision was taken.</param>
/// <param name="DeadAt">When the last attempt failed and the delivery was dead-lettered.</param>
public sealed record DeadDelivery(string Decision, string Ticket, string Sink, string Kind, string? Owner, int Attempts, string? LastError, string DecidedAt, string DeadAt);

/// <summary>The answer of POST /v1/deliveries/{id}:retry: the sinks the decision is sent to again.</summary>
public sealed record RetriedDelivery(string Decision, IReadOnlyList<string> Sinks);
