namespace EscalationDsl.Engine.Delivery;

/// <summary>The result of one delivery attempt, recorded by the engine loop.</summary>
/// <param name="DecisionId">The decision.</param>
/// <param name="Sink">The sink name.</param>
/// <param name="Attempt">1 for the first attempt.</param>
/// <param name="At">When the attempt ended (Unix ms).</param>
/// <param name="Status">delivered, pending (retry at <paramref name="NextAttemptAt"/>) or dead.</param>
/// <param name="NextAttemptAt">When to retry (Unix ms).</param>
/// <param name="Error">Why it failed.</param>
public sealed record DeliveryOutcome(string DecisionId, string Sink, int Attempt, long At, string Status, long NextAttemptAt, string? Error);
