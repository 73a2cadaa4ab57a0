using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>update every 60m until contained</c>.</summary>
public sealed record UpdateCadenceSyntax(IdentifierSyntax Component, DurationSyntax Interval, ConditionSyntax? Until, TextSpan Span) : SeverityItemSyntax(Span);
