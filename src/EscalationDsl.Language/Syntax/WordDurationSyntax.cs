using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>15 minutes</c>, <c>4 business hours [on CALENDAR]</c>.</summary>
public sealed record WordDurationSyntax(
    IntegerLiteralSyntax Amount,
    bool IsBusiness,
    IdentifierSyntax Unit,
    IdentifierSyntax? Calendar,
    TextSpan Span) : DurationSyntax(Span);
