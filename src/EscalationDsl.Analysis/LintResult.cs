using System.Collections.Immutable;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis;

/// <summary>What linting one policy found.</summary>
/// <param name="Model">The policy as parsed and bound.</param>
/// <param name="Diagnostics">Compiler diagnostics and lint findings that remain after configuration and suppressions, by position.</param>
/// <param name="Suppressed">How many findings <c># esc-disable-next-line</c> comments removed.</param>
/// <param name="RulesRan">False when the policy has syntax or semantic errors: those are reported and no rule runs.</param>
public sealed record LintResult(SemanticModel Model, ImmutableArray<Diagnostic> Diagnostics, int Suppressed, bool RulesRan);
