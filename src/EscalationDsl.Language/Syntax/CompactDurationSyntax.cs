using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>15m</c>, <c>4h</c>, <c>1h30m</c>: wall-clock time.</summary>
public sealed record CompactDurationSyntax(string Text, TextSpan Span) : DurationSyntax(Span);
