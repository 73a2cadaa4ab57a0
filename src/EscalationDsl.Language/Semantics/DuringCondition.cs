using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>True inside the calendar's business hours.</summary>
public sealed record DuringCondition(CalendarModel Calendar, TextSpan Span) : ConditionModel(Span);
