namespace EscalationDsl.Engine.Delivery;

/// <summary>A delivery failed; the message says why (status code, timeout, I/O error).</summary>
public sealed class DeliveryException(string message, Exception? inner = null) : Exception(message, inner);
