namespace EscalationDsl.Engine.Delivery;

/// <summary>Where decisions go. Sending returns normally only when the target acknowledged the decision.</summary>
public interface IDecisionSink
{
    /// <summary>The configured name.</summary>
    string Name { get; }

    /// <summary>Sends one decision document (UTF-8 JSON). Throws <see cref="DeliveryException"/> on failure.</summary>
    Task SendAsync(string decisionId, byte[] body, CancellationToken cancellation);
}
