using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>A name as written (owner, severity, field, calendar, rule, ...).</summary>
public sealed record IdentifierSyntax(string Name, TextSpan Span) : SyntaxNode(Span)
{
    /// <inheritdoc />
    public override string ToString() => Name;
}
