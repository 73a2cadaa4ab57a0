using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>notify A, B</c>.</summary>
public sealed record NotifyActionSyntax(ImmutableArray<OwnerRefSyntax> Owners, TextSpan Span) : ActionSyntax(Span);
