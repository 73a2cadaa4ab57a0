using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>Someone who can hold a ticket.</summary>
/// <param name="Name">The id used in the policy.</param>
/// <param name="Index">Position in <see cref="PolicyModel.Owners"/>; the runtime stores owners as this index.</param>
/// <param name="Kind">Team, role, group or person.</param>
/// <param name="DisplayName">The human name (the id when none was given).</param>
/// <param name="IsEngineering">Whether assigning to this owner counts as engineering assignment.</param>
/// <param name="ReportsTo">The owner `escalate to next` moves to, by name.</param>
/// <param name="Span">The declaration.</param>
/// <param name="NameSpan">The name.</param>
public sealed record OwnerModel(
    string Name,
    int Index,
    OwnerKind Kind,
    string DisplayName,
    bool IsEngineering,
    string? ReportsTo,
    TextSpan Span,
    TextSpan NameSpan);
