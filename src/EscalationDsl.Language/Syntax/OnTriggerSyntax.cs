using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>on EVENT [when CONDITION]</c>: fires at a ticket event or when a flag is raised.</summary>
public sealed record OnTriggerSyntax(IdentifierSyntax Event, ConditionSyntax? When, TextSpan Span) : TriggerSyntax(Span);
