namespace EscalationDsl.Engine.Processing;

/// <summary>
/// A stored event that the policy version a migration tries refuses (it dropped a severity, a field
/// or a value the event names): the message says which event and why, for the answer and the log.
/// </summary>
internal sealed class EventRefusedException(string message) : Exception(message);
