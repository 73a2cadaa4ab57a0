using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>calendar NAME "Zone/Id" [default] { hours ...; holiday ... }</c>.</summary>
public sealed record CalendarSyntax(
    IdentifierSyntax Name,
    StringLiteralSyntax? Zone,
    bool IsDefault,
    ImmutableArray<HoursSyntax> Hours,
    ImmutableArray<HolidaySyntax> Holidays,
    TextSpan Span) : DeclarationSyntax(Span);
