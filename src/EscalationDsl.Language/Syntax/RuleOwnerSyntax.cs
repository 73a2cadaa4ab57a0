using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>owner frontline</c>: who holds the ticket when the rule starts.</summary>
public sealed record RuleOwnerSyntax(IdentifierSyntax Owner, TextSpan Span) : RuleItemSyntax(Span);
