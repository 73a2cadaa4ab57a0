using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>
/// Compares a field with a value. Text and enum fields compare by exact text; numbers numerically;
/// severities by rank (more severe is greater); owners by name.
/// </summary>
public sealed record CompareCondition(FieldModel Field, CompareOperator Operator, string Value, TextSpan Span) : ConditionModel(Span);
