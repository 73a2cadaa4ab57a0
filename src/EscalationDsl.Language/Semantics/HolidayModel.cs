using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>A holiday: one date or an inclusive range of dates.</summary>
public sealed record HolidayModel(LocalDate From, LocalDate To, string? Label, TextSpan Span);
