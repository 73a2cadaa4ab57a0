using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>The field's value is (or, negated, is not) one of the values.</summary>
public sealed record InCondition(FieldModel Field, bool Negated, ImmutableArray<string> Values, TextSpan Span) : ConditionModel(Span);
