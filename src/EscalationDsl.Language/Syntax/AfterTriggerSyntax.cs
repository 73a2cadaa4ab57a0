using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>after D [unless CONDITION]</c>: fires once.</summary>
public sealed record AfterTriggerSyntax(DurationSyntax Delay, ConditionSyntax? Unless, TextSpan Span) : TriggerSyntax(Span);
