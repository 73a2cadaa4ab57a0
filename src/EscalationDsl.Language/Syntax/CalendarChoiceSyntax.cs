using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>calendar by customer { acme -> amer  default -> emea }</c>.</summary>
public sealed record CalendarChoiceSyntax(IdentifierSyntax Field, ImmutableArray<RouteEntrySyntax> Entries, TextSpan Span) : DeclarationSyntax(Span);
