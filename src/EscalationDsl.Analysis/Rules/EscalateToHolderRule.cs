using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL012: <c>escalate to X</c> or <c>assign X</c> where X already holds the ticket: the target of the
/// latest earlier step that always fires. The runtime skips a hand-over to the current owner, so the step
/// does nothing. <c>escalate to owner</c> is always such a step. The rule's own <c>owner</c> is never taken
/// as the holder: it takes the ticket only if nobody holds it yet, so a hand-over to it may well move a
/// ticket created with an owner, or held when the rule starts later.
/// </summary>
public sealed class EscalateToHolderRule() : LintRule(
    "ESL012",
    "escalate-to-holder",
    DiagnosticLevel.Warning,
    "A step escalates or assigns the ticket to the owner who already holds it, which does nothing.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        var policy = model.Policy;
        foreach (var rule in policy.Rules)
        {
            foreach (var step in rule.Steps)
            {
                // Each hand-over of a step, read from the holder the actions before it leave.
                var first = true;
                for (var i = 0; i < step.Actions.Length; i++)
                {
                    var action = step.Actions[i];
                    if (ModelWalker.HandOverOf(action) is not { } target)
                    {
                        continue;
                    }

                    var verb = action is EscalateAction ? "escalates" : "assigns";
                    var byThisStep = !first;
                    first = false;
                    if (target is CurrentOwnerRef)
                    {
                        yield return Report(action.Span,
                            $"Rule '{rule.Name}': this step {verb} the ticket to `owner`, who already holds it, so it does nothing. Name the owner who should take over, or use `next`.");
                        continue;
                    }

                    if (RuleTimeline.HolderAt(policy, rule, step, i) is { } holder
                        && RuleTimeline.Named(policy, holder, target) is { } owner
                        && owner.Name == holder.Name)
                    {
                        var why = byThisStep ? "an action before it in this step handed it over" : Why(model, rule, step);
                        yield return Report(action.Span,
                            $"Rule '{rule.Name}': this step {verb} the ticket to '{owner.Name}', who already holds it here ({why}), so it does nothing. Hand it to someone else, or remove the action.");
                    }
                }
            }
        }
    }

    /// <summary>Why the holder is certain: only a hand-over within the rule makes it so.</summary>
    private static string Why(SemanticModel model, RuleModel rule, StepModel step) =>
        $"the step on line {SyntaxIndex.Line(model, RuleTimeline.LastHandOverBefore(rule, step)!.Span)} handed it over";
}
