using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>require update_comment</c>: asks the owner for fields.</summary>
public sealed record RequireActionSyntax(ImmutableArray<IdentifierSyntax> Fields, TextSpan Span) : ActionSyntax(Span);
