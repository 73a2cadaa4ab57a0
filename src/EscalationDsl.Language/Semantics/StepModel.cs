using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary><c>TRIGGER: ACTIONS</c>; <see cref="Index"/> is its position in the rule (0-based).</summary>
public sealed record StepModel(int Index, TriggerModel Trigger, ImmutableArray<ActionModel> Actions, TextSpan Span);
