using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>every D [since EVENT] [while CONDITION] [up to N times]</c>: repeats.</summary>
public sealed record EveryTriggerSyntax(
    DurationSyntax Interval,
    IdentifierSyntax? Since,
    ConditionSyntax? While,
    IntegerLiteralSyntax? Cap,
    TextSpan Span) : TriggerSyntax(Span);
