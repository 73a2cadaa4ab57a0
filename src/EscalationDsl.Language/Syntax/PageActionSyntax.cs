using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>page A, B</c>.</summary>
public sealed record PageActionSyntax(ImmutableArray<OwnerRefSyntax> Owners, TextSpan Span) : ActionSyntax(Span);
