using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>deescalate when CONDITION { actions }</c>.</summary>
public sealed record DeescalateSyntax(ConditionSyntax When, ImmutableArray<ActionSyntax> Actions, TextSpan Span) : DeclarationSyntax(Span);
