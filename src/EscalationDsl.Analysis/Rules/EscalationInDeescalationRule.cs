using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL027: <c>escalate to X</c> inside a <c>deescalate when ...</c> block. The runtime hands the ticket
/// to X and raises its escalation level, but the ticket's state does not move to Escalated and the
/// policy's <c>require ... before escalate</c> guards are not checked: an escalation there is half of
/// one, in the block meant to calm a ticket down.
/// </summary>
public sealed class EscalationInDeescalationRule() : LintRule(
    "ESL027",
    "escalation-in-deescalation",
    DiagnosticLevel.Warning,
    "A `deescalate` block escalates the ticket: it changes owner and level, but the ticket does not become Escalated and `require ... before escalate` is not checked.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        foreach (var deescalation in model.Policy.Deescalations)
        {
            foreach (var action in deescalation.Actions.OfType<EscalateAction>())
            {
                yield return Report(action.Span,
                    "This `deescalate` block escalates the ticket: it hands the ticket over and raises its escalation level, "
                    + "but the ticket does not move to Escalated and `require ... before escalate` is not checked. "
                    + "To hand the ticket back when things calm down, use `assign OWNER`; to escalate, do it in a rule's step.");
            }
        }
    }
}
