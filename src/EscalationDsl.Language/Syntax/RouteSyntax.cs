using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>route issue_type { network_outage -> network; default -> backend }</c>.</summary>
public sealed record RouteSyntax(IdentifierSyntax Field, ImmutableArray<RouteEntrySyntax> Entries, TextSpan Span) : DeclarationSyntax(Span);
