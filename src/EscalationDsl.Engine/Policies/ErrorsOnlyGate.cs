using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Engine.Policies;

/// <summary>Refuses policies with syntax or semantic errors.</summary>
public sealed class ErrorsOnlyGate : IPolicyGate
{
    /// <inheritdoc />
    public IReadOnlyList<string> Check(SemanticModel model, string policyFolder) =>
        model.Diagnostics.Where(d => d.IsError).Select(d => DiagnosticFormatter.FormatHeadline(model.Source, d)).ToList();
}
