namespace EscalationDsl.Simulation.Reporting;

/// <summary>The parts of the policy that did nothing on the replayed tickets: dead or not yet exercised.</summary>
/// <param name="Rules">Rules none of whose steps fired (their steps are not listed again under <paramref name="Steps"/>).</param>
/// <param name="Steps">Steps that never fired, of rules whose other steps did (<c>sev1_production #3</c>).</param>
/// <param name="Deescalations">Conditions of <c>deescalate when</c> blocks that never ran.</param>
/// <param name="RouteValues">Route values no ticket ended with, as field and value (<c>issue_type storage</c>).</param>
public sealed record NeverApplied(IReadOnlyList<string> Rules, IReadOnlyList<string> Steps, IReadOnlyList<string> Deescalations, IReadOnlyList<string> RouteValues)
{
    /// <summary>True when every part applied at least once.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool IsEmpty => Rules.Count + Steps.Count + Deescalations.Count + RouteValues.Count == 0;
}
