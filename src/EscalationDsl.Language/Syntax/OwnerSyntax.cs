using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>team network "Network specialists" engineering reports to commander</c>.</summary>
/// <remarks>
/// The settings are kept in source order, repeats included, so the binder can report a setting
/// given twice; <see cref="IsEngineering"/> and <see cref="ReportsTo"/> read the first one.
/// </remarks>
public sealed record OwnerSyntax(
    OwnerKind Kind,
    IdentifierSyntax Name,
    StringLiteralSyntax? DisplayName,
    ImmutableArray<OwnerAttributeSyntax> Attributes,
    TextSpan Span) : SyntaxNode(Span)
{
    /// <summary>True when the owner is marked <c>engineering</c>.</summary>
    public bool IsEngineering => Attributes.OfType<EngineeringAttributeSyntax>().Any();

    /// <summary>The first <c>reports to</c> target, or null.</summary>
    public IdentifierSyntax? ReportsTo => Attributes.OfType<ReportsToAttributeSyntax>().FirstOrDefault()?.Target;
}
