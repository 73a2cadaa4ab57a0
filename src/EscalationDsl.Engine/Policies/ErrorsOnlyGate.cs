using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Engine.Policies;

/// <summary>Refuses policies with syntax or semantic errors.</summary>
public sealed class ErrorsOnlyGate : IPolicyGate
{
    /// <inheritdoc />
    public IReadOnlyList<string> Check(SemanticModel model, string policyFolder) => Review(model, policyFolder).Errors;

    /// <inheritdoc />
    public PolicyCheck Review(SemanticModel model, string policyFolder) => PolicyCheck.Of(model.Source, model.Diagnostics);
}
