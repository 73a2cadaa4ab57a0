using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>A <c>page only when</c> guard written inside a rule.</summary>
public sealed record RulePageGuardSyntax(PageGuardSyntax Guard, TextSpan Span) : RuleItemSyntax(Span);
