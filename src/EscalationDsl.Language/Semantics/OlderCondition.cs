using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>The field's time (or, for events, the time of the last such event) is older than the age; true if it never happened.</summary>
public sealed record OlderCondition(FieldModel Field, DurationModel Age, TextSpan Span) : ConditionModel(Span);
