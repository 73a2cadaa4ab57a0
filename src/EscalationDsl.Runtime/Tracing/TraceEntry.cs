using NodaTime;

namespace EscalationDsl.Runtime.Tracing;

/// <summary>One line of a ticket's explanation (`esc explain`, the engine's timeline).</summary>
public sealed record TraceEntry(Instant At, TraceKind Kind, string Text);
