using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>A bare field name: true when the flag is raised or the field has a value.</summary>
public sealed record FlagConditionSyntax(IdentifierSyntax Field, TextSpan Span) : ConditionSyntax(Span);
