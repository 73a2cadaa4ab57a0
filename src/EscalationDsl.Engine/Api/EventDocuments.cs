namespace EscalationDsl.Engine.Api;

/// <summary>The canonical event, as the OpenAPI document describes it (docs/events.md).</summary>
public sealed record EventDocument(
    string Id,
    string Ticket,
    string At,
    string Type,
    string? Policy,
    string? Severity,
    string? IssueType,
    string? Owner,
    bool? Engineering,
    string? Flag,
    string? Status,
    IReadOnlyDictionary<string, string>? Fields);

/// <summary>A batch of events, applied in one transaction.</summary>
public sealed record BatchDocument(IReadOnlyList<EventDocument> Events);

/// <summary>The answer to a batch.</summary>
public sealed record BatchResult(IReadOnlyList<Processing.EventResult> Results);
