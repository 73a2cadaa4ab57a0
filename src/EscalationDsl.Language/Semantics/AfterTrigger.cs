using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>Once, <see cref="Delay"/> after the rule started, unless the condition holds then.</summary>
public sealed record AfterTrigger(DurationModel Delay, ConditionModel? Unless, TextSpan Span) : TriggerModel(Span);
