using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Runtime.Machine;

/// <summary>What a lifecycle trigger stands for.</summary>
public enum LifecycleTriggerKind
{
    /// <summary>An <c>acknowledged</c> event.</summary>
    Acknowledge,

    /// <summary>An assignment to engineering.</summary>
    AssignEngineering,

    /// <summary>A mitigation planned or contained.</summary>
    Mitigate,

    /// <summary>`enter monitor`, from a deescalation or a rule step.</summary>
    EnterMonitor,

    /// <summary>A <c>resolved</c> event.</summary>
    Resolve,

    /// <summary>A <c>closed</c> event.</summary>
    Close,

    /// <summary>A <c>reopened</c> event.</summary>
    Reopen,

    /// <summary>A policy step firing (see <see cref="LifecycleTrigger.Step"/>).</summary>
    Step,

    /// <summary>
    /// A <c>deescalate when</c> block whose condition began to hold. Only graphs configure it: the runtime
    /// runs the block's actions itself, and those fire the lifecycle triggers above.
    /// </summary>
    Deescalation,
}

/// <summary>
/// A trigger of the Stateless lifecycle machine. Instances are created once per compiled policy
/// and compared by reference; <see cref="ToString"/> is the label graphs show, named after the policy.
/// </summary>
public sealed class LifecycleTrigger
{
    internal LifecycleTrigger(LifecycleTriggerKind kind, string name, RuleModel? rule = null, StepModel? step = null)
    {
        Kind = kind;
        Name = name;
        Rule = rule;
        Step = step;
    }

    /// <summary>What the trigger stands for.</summary>
    public LifecycleTriggerKind Kind { get; }

    /// <summary>The label: an event name, <c>rule #n trigger / actions</c> for steps, <c>deescalate when C / actions</c> for deescalations.</summary>
    public string Name { get; }

    /// <summary>For step triggers, the rule.</summary>
    public RuleModel? Rule { get; }

    /// <summary>For step triggers, the step.</summary>
    public StepModel? Step { get; }

    /// <inheritdoc />
    public override string ToString() => Name;
}
