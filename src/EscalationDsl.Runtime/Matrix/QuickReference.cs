using System.Collections.Immutable;

namespace EscalationDsl.Runtime.Matrix;

/// <summary>
/// The one-page quick-reference chart of a policy, as data: who owns a ticket next, when, for
/// every issue type and severity; the SLA targets; what holds across rules (pauses, page guards,
/// required fields, deescalations); and the ownership chain as graph edges.
/// <see cref="MatrixMarkdown"/> renders it; `esc matrix --format json` serializes it as is.
/// <paramref name="Severities"/> names the severities the chart is limited to (`esc matrix --severity`);
/// null when it covers all of them.
/// </summary>
public sealed record QuickReference(
    string Policy,
    int Version,
    ImmutableArray<SlaRow> Sla,
    ImmutableArray<MatrixRow> Rows,
    ImmutableArray<GuardRow> Guards,
    ImmutableArray<ChainEdge> Chain,
    IReadOnlyList<string>? Severities = null);

/// <summary>
/// A declaration that changes what the matrix's steps do: an SLA pause, a page guard, required fields,
/// a deescalation; <paramref name="Scope"/> is <c>policy</c> or the rule it is written in.
/// </summary>
public sealed record GuardRow(string Kind, string Scope, string Rule, string Effect);

/// <summary>SLA targets of one severity, as written (null when the severity sets none).</summary>
public sealed record SlaRow(
    string Severity,
    string Description,
    string? Acknowledge,
    string? FirstUpdate,
    string? Assign,
    string? Mitigate,
    string? Resolve,
    string? UpdateCadence);

/// <summary>
/// One step of the escalation matrix for the issue types it applies to: the owner before the
/// step, the owner after it (for ownership changes), the trigger and what else it does.
/// </summary>
public sealed record MatrixRow(
    string IssueTypes,
    string Severity,
    string Rule,
    int Step,
    string? Condition,
    string CurrentOwner,
    string? NextOwner,
    string Trigger,
    string Actions);

/// <summary>An ownership change: <paramref name="From"/> hands over to <paramref name="To"/> when the label's trigger fires.</summary>
public sealed record ChainEdge(string From, string To, string Label);
