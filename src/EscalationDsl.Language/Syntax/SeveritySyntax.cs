using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>severity sev1 "Critical" { acknowledge within 15m ... }</c>.</summary>
public sealed record SeveritySyntax(
    IdentifierSyntax Name,
    StringLiteralSyntax? DisplayName,
    ImmutableArray<SeverityItemSyntax> Items,
    TextSpan Span) : DeclarationSyntax(Span);
