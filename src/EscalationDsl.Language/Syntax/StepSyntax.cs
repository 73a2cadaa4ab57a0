using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>TRIGGER: ACTION, ACTION</c>.</summary>
public sealed record StepSyntax(TriggerSyntax Trigger, ImmutableArray<ActionSyntax> Actions, TextSpan Span) : RuleItemSyntax(Span);
