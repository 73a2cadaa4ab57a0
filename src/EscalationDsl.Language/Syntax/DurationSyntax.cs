using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>Base of durations.</summary>
public abstract record DurationSyntax(TextSpan Span) : SyntaxNode(Span);
