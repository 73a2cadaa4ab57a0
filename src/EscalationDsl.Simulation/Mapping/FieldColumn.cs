namespace EscalationDsl.Simulation.Mapping;

/// <summary>A policy field filled from a source column.</summary>
/// <param name="Field">The policy field (one the policy declares: <c>CompiledPolicy.KnowsField</c>).</param>
/// <param name="Map">The column and how its values map.</param>
public sealed record FieldColumn(string Field, ValueMap Map);
