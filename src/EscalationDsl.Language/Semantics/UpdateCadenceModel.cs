using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary><c>update every 60m until contained</c>.</summary>
public sealed record UpdateCadenceModel(DurationModel Interval, ConditionModel? Until, TextSpan Span);
