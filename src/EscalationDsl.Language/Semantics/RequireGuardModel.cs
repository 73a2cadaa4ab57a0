using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>Required fields before escalation; <see cref="RuleName"/> is null for policy-wide guards.</summary>
public sealed record RequireGuardModel(ImmutableArray<FieldModel> Fields, ConditionModel? When, string? RuleName, TextSpan Span);
