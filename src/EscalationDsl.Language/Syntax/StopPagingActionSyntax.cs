using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>stop paging</c>.</summary>
public sealed record StopPagingActionSyntax(TextSpan Span) : ActionSyntax(Span);
