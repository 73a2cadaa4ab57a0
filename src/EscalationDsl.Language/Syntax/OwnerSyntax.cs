using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>team network "Network specialists" engineering reports to commander</c>.</summary>
public sealed record OwnerSyntax(
    OwnerKind Kind,
    IdentifierSyntax Name,
    StringLiteralSyntax? DisplayName,
    bool IsEngineering,
    IdentifierSyntax? ReportsTo,
    TextSpan Span) : SyntaxNode(Span);
