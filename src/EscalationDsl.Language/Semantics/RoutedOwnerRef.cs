using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>The owner a route picks for the ticket.</summary>
public sealed record RoutedOwnerRef(RouteModel Route, TextSpan Span) : OwnerRefModel(Span);
