using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>acknowledge within 15m</c>, <c>mitigate within 4h with next_update</c>.</summary>
public sealed record SlaTargetSyntax(IdentifierSyntax Component, DurationSyntax Duration, IdentifierSyntax? WithField, TextSpan Span) : SeverityItemSyntax(Span);
