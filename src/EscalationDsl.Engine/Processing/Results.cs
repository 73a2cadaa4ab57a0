namespace EscalationDsl.Engine.Processing;

/// <summary>What the engine did with one event (the API response; a retry of the event gets the same answer, recomputed from the stored log).</summary>
/// <param name="Event">The client's event id.</param>
/// <param name="Ticket">The ticket.</param>
/// <param name="Policy">The policy name the ticket runs under.</param>
/// <param name="PolicyVersion">Its version.</param>
/// <param name="State">The ticket's state after the event.</param>
/// <param name="Late">True when the event was older than the ticket's latest time and applied as of that time.</param>
/// <param name="Replayed">True when this is the stored result of an event id seen before.</param>
/// <param name="Decisions">What the policy decided as a consequence.</param>
/// <param name="Warnings">
/// Text values of the event that are probably misspelt (one letter off a value the policy compares the
/// field with), taken as written; null, and left out of the answer, when there are none.
/// </param>
public sealed record EventResult(string Event, string Ticket, string Policy, int PolicyVersion, string State, bool Late, bool Replayed, IReadOnlyList<DecisionSummary> Decisions,
    IReadOnlyList<ValueWarning>? Warnings = null);

/// <summary>A decision in an API response.</summary>
public sealed record DecisionSummary(string Id, string Kind, string? Owner, string At, string Detail);

/// <summary>
/// A text value an event sets that the policy will never match: none of the values it names for the
/// field, but one letter (or letter case) off a value its conditions compare the field with.
/// </summary>
/// <param name="Field">The member of the event that holds it: <c>status</c>, <c>issue_type</c> or <c>fields.NAME</c>.</param>
/// <param name="Value">The value as sent (it is stored and applied as sent).</param>
/// <param name="DidYouMean">The compared values it is one letter off.</param>
/// <param name="Message">The warning as a sentence.</param>
public sealed record ValueWarning(string Field, string Value, IReadOnlyList<string> DidYouMean, string Message);

/// <summary>Why a request was refused: an HTTP status, a problem title and detail, and where in the request.</summary>
/// <param name="Status">400, 404, 409, 503 ...</param>
/// <param name="Title">A short title.</param>
/// <param name="Detail">What is wrong and how to fix it.</param>
/// <param name="Field">The JSON field at fault, such as <c>events[3].severity</c>.</param>
public sealed record EngineError(int Status, string Title, string Detail, string? Field = null);
