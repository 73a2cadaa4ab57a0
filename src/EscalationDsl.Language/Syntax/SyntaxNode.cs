using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>Base of every syntax record: a construct as written, with its exact source span.</summary>
public abstract record SyntaxNode(TextSpan Span);
