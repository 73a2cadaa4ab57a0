using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>customer_update older than 60m</c>.</summary>
public sealed record OlderConditionSyntax(IdentifierSyntax Field, DurationSyntax Age, TextSpan Span) : ConditionSyntax(Span);
