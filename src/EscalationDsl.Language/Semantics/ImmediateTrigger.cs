using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>When the rule starts to apply.</summary>
public sealed record ImmediateTrigger(TextSpan Span) : TriggerModel(Span);
