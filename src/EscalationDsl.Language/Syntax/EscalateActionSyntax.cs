using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>escalate to A</c>.</summary>
public sealed record EscalateActionSyntax(OwnerRefSyntax Owner, TextSpan Span) : ActionSyntax(Span);
