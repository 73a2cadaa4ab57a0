using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>immediately</c>: fires when the rule starts to apply.</summary>
public sealed record ImmediateTriggerSyntax(TextSpan Span) : TriggerSyntax(Span);
