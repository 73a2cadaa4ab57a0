using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>reports to commander</c>: the owner `escalate to next` moves the ticket to.</summary>
public sealed record ReportsToAttributeSyntax(IdentifierSyntax Target, TextSpan Span) : OwnerAttributeSyntax(Span);
