using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary><c>pause sla while C</c>: SLA clocks stop while C holds.</summary>
public sealed record PauseModel(ConditionModel While, TextSpan Span);
