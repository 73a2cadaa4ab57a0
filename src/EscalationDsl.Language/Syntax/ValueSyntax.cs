using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary>A value in a comparison, route or enum; <see cref="Text"/> has string escapes resolved.</summary>
public sealed record ValueSyntax(string Text, ValueKind Kind, TextSpan Span) : SyntaxNode(Span);
