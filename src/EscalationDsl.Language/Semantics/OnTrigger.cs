using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>At a ticket event, or when a flag field is raised (<see cref="Flag"/>).</summary>
public sealed record OnTrigger(TriggerEvent Event, FieldModel? Flag, ConditionModel? When, TextSpan Span) : TriggerModel(Span);
