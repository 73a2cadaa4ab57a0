using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>Either holds.</summary>
public sealed record OrCondition(ConditionModel Left, ConditionModel Right, TextSpan Span) : ConditionModel(Span);
