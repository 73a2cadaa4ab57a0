using System.Collections.Immutable;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis;

/// <summary>What linting one policy found.</summary>
/// <param name="Model">The policy as parsed and bound.</param>
/// <param name="Diagnostics">Compiler diagnostics and lint findings that remain after configuration and suppressions, by position.</param>
/// <param name="SuppressedFindings">The findings <c># esc-disable-next-line</c> comments removed, by position, with each comment's reason.</param>
/// <param name="RulesRan">False when the policy has syntax or semantic errors: those are reported and no rule runs.</param>
public sealed record LintResult(SemanticModel Model, ImmutableArray<Diagnostic> Diagnostics, ImmutableArray<SuppressedFinding> SuppressedFindings, bool RulesRan)
{
    /// <summary>How many findings suppression comments removed.</summary>
    public int Suppressed => SuppressedFindings.Length;
}

/// <summary>A lint finding a <c># esc-disable-next-line</c> comment removed.</summary>
/// <param name="Diagnostic">The finding.</param>
/// <param name="Reason">Why it is acceptable, as the comment says; null when it says nothing.</param>
public sealed record SuppressedFinding(Diagnostic Diagnostic, string? Reason);
