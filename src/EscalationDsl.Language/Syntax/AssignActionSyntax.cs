using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>assign A</c>.</summary>
public sealed record AssignActionSyntax(OwnerRefSyntax Owner, TextSpan Span) : ActionSyntax(Span);
