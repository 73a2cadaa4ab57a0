using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>Repeats every <see cref="Interval"/> from the rule start (or the last <see cref="Since"/> event) while the condition holds.</summary>
public sealed record EveryTrigger(DurationModel Interval, FieldModel? Since, ConditionModel? While, int? Cap, TextSpan Span) : TriggerModel(Span);
