using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>15 minutes</c>, <c>4 business hours [on CALENDAR]</c>.</summary>
/// <param name="Amount">The number.</param>
/// <param name="IsBusiness">Whether <c>business</c> is written.</param>
/// <param name="Unit">The unit, as written.</param>
/// <param name="Calendar">The calendar after <c>on</c>.</param>
/// <param name="Span">The whole duration.</param>
/// <param name="FollowingUnit">
/// A unit word written after a unit that is none (<c>days</c> in <c>2 working days</c>). The parser reads it
/// with the duration, so the slip is one error (ESC2007, which offers <c>2 business days</c>), not also a
/// second one where <c>days</c> would start what follows.
/// </param>
public sealed record WordDurationSyntax(
    IntegerLiteralSyntax Amount,
    bool IsBusiness,
    IdentifierSyntax Unit,
    IdentifierSyntax? Calendar,
    TextSpan Span,
    IdentifierSyntax? FollowingUnit = null) : DurationSyntax(Span);
