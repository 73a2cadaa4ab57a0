namespace EscalationDsl.Runtime.Tracing;

/// <summary>What a trace entry records.</summary>
public enum TraceKind
{
    /// <summary>An event was applied.</summary>
    Event,

    /// <summary>The lifecycle state changed.</summary>
    State,

    /// <summary>A rule started or stopped applying.</summary>
    Rule,

    /// <summary>A deadline was computed.</summary>
    Deadline,

    /// <summary>A step fired.</summary>
    Fired,

    /// <summary>A step or action was skipped, with the reason.</summary>
    Skipped,

    /// <summary>An SLA clock was met, breached, paused or resumed.</summary>
    Sla,

    /// <summary>A decision was taken.</summary>
    Decision,
}
