using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>Pages only while the condition holds; <see cref="RuleName"/> is null for policy-wide guards.</summary>
public sealed record PageGuardModel(ConditionModel When, string? RuleName, TextSpan Span);
