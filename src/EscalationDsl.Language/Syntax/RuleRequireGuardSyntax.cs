using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>A required-fields guard written inside a rule.</summary>
public sealed record RuleRequireGuardSyntax(RequireGuardSyntax Guard, TextSpan Span) : RuleItemSyntax(Span);
