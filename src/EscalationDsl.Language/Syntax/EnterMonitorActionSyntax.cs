using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>enter monitor</c>.</summary>
public sealed record EnterMonitorActionSyntax(TextSpan Span) : ActionSyntax(Span);
