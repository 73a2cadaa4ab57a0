using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>The operand does not hold.</summary>
public sealed record NotCondition(ConditionModel Operand, TextSpan Span) : ConditionModel(Span);
