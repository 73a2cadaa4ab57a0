using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>True when a flag is raised, an event happened, or a field has a non-empty value.</summary>
public sealed record FlagCondition(FieldModel Field, TextSpan Span) : ConditionModel(Span);
