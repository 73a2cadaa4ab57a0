namespace EscalationDsl.Runtime.Machine;

/// <summary>The lifecycle triggers of one compiled policy (step triggers live on the steps).</summary>
public sealed class LifecycleTriggers
{
    private LifecycleTriggers()
    {
    }

    /// <summary><c>acknowledged</c>.</summary>
    public LifecycleTrigger Acknowledge { get; } = new(LifecycleTriggerKind.Acknowledge, "acknowledged");

    /// <summary>Assignment to engineering.</summary>
    public LifecycleTrigger AssignEngineering { get; } = new(LifecycleTriggerKind.AssignEngineering, "engineering assigned");

    /// <summary>Mitigation planned or contained.</summary>
    public LifecycleTrigger Mitigate { get; } = new(LifecycleTriggerKind.Mitigate, "mitigation");

    /// <summary>`enter monitor`.</summary>
    public LifecycleTrigger EnterMonitor { get; } = new(LifecycleTriggerKind.EnterMonitor, "enter monitor");

    /// <summary><c>resolved</c>.</summary>
    public LifecycleTrigger Resolve { get; } = new(LifecycleTriggerKind.Resolve, "resolved");

    /// <summary><c>closed</c>.</summary>
    public LifecycleTrigger Close { get; } = new(LifecycleTriggerKind.Close, "closed");

    /// <summary><c>reopened</c>.</summary>
    public LifecycleTrigger Reopen { get; } = new(LifecycleTriggerKind.Reopen, "reopened");

    /// <summary>All of them.</summary>
    public IEnumerable<LifecycleTrigger> All => [Acknowledge, AssignEngineering, Mitigate, EnterMonitor, Resolve, Close, Reopen];

    internal static LifecycleTriggers Create() => new();
}
