using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>Elapsed time regardless of calendars: <c>15m</c>, <c>4h</c>, <c>2d</c> (48 hours).</summary>
public sealed record WallClockDuration(Duration Value, string Text, TextSpan Span) : DurationModel(Text, Span);
