using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>remind owner</c>.</summary>
public sealed record RemindActionSyntax(OwnerRefSyntax Owner, TextSpan Span) : ActionSyntax(Span);
