using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary><c>deescalate when C { actions }</c>.</summary>
public sealed record DeescalationModel(ConditionModel When, ImmutableArray<ActionModel> Actions, TextSpan Span);
