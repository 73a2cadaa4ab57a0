using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>Ask the owner for fields (a required-field alert until they are set).</summary>
public sealed record RequireAction(ImmutableArray<FieldModel> Fields, TextSpan Span) : ActionModel(Span);
