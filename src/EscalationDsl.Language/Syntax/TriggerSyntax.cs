using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>Base of step triggers.</summary>
public abstract record TriggerSyntax(TextSpan Span) : SyntaxNode(Span);
