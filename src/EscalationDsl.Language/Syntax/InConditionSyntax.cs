using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>field in [a, b]</c> or <c>field not in [a, b]</c>.</summary>
public sealed record InConditionSyntax(IdentifierSyntax Field, bool Negated, ImmutableArray<ValueSyntax> Values, TextSpan Span) : ConditionSyntax(Span);
