using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Engine.Policies;

/// <summary>
/// Decides whether a policy file may run. The default refuses files with errors; `esc serve`
/// plugs in the linter so a policy that fails lint is refused too.
/// </summary>
public interface IPolicyGate
{
    /// <summary>The reasons to refuse the policy (as <c>path:line:col: error[CODE]: message</c> lines); empty to accept it.</summary>
    /// <param name="model">The bound policy; its path is relative to <paramref name="policyFolder"/>.</param>
    /// <param name="policyFolder">The engine's policy folder (absolute).</param>
    IReadOnlyList<string> Check(SemanticModel model, string policyFolder);

    /// <summary>The reasons to refuse the policy and its warnings, which do not refuse it; by default, no warnings.</summary>
    /// <param name="model">The bound policy; its path is relative to <paramref name="policyFolder"/>.</param>
    /// <param name="policyFolder">The engine's policy folder (absolute).</param>
    PolicyCheck Review(SemanticModel model, string policyFolder) => new(Check(model, policyFolder), []);
}
