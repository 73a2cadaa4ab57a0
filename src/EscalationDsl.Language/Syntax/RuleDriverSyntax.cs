using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Syntax;

/// <summary><c>driven by commander</c>: the owner who drives the incident.</summary>
public sealed record RuleDriverSyntax(IdentifierSyntax Owner, TextSpan Span) : RuleItemSyntax(Span);
