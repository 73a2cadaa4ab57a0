using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>Both hold.</summary>
public sealed record AndCondition(ConditionModel Left, ConditionModel Right, TextSpan Span) : ConditionModel(Span);
