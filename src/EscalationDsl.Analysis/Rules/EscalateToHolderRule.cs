using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL012: <c>escalate to X</c> or <c>assign X</c> where X already holds the ticket: the rule's starting
/// owner, or the target of the latest earlier step that always fires. The runtime skips a hand-over to
/// the current owner, so the step does nothing. <c>escalate to owner</c> is always such a step. An
/// <c>immediately</c> step that names the rule's own starting owner is not reported: it is how a rule
/// takes over a ticket that somebody already holds when it starts.
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
                // Only the first hand-over of a step: a later one starts from the new owner.
                foreach (var action in step.Actions.Where(a => a is EscalateAction or AssignAction).Take(1))
                {
                    var (verb, target) = action switch
                    {
                        EscalateAction e => ("escalates", e.Owner),
                        AssignAction a => ("assigns", a.Owner),
                        _ => (null, null),
                    };
                    if (target is null)
                    {
                        continue;
                    }

                    if (target is CurrentOwnerRef)
                    {
                        yield return Report(action.Span,
                            $"Rule '{rule.Name}': this step {verb} the ticket to `owner`, who already holds it, so it does nothing. Name the owner who should take over, or use `next`.");
                        continue;
                    }

                    // A rule's `owner` takes a ticket only when nobody holds it, so `immediately: assign`
                    // of that owner is how a rule that starts later (a `when` that becomes true, a new
                    // severity) or on a ticket created with an owner takes it over: never certainly idle.
                    if (step.Trigger is ImmediateTrigger)
                    {
                        continue;
                    }

                    if (RuleTimeline.HolderBefore(policy, rule, step) is { } holder
                        && RuleTimeline.Resolve(policy, rule, step, target) is { } owner
                        && owner.Name == holder.Name)
                    {
                        yield return Report(action.Span,
                            $"Rule '{rule.Name}': this step {verb} the ticket to '{owner.Name}', who already holds it here ({Why(model, rule, step)}), so it does nothing. Hand it to someone else, or remove the action.");
                    }
                }
            }
        }
    }

    private static string Why(SemanticModel model, RuleModel rule, StepModel step)
    {
        var earlier = rule.Steps.Where(s => s.Index != step.Index && ModelWalker.HandOver(s) is not null && RuleTimeline.CertainlyBefore(s, step)).ToList();
        var last = earlier.FirstOrDefault(s => earlier.All(p => p.Index == s.Index || RuleTimeline.CertainlyBefore(p, s)));
        return last is null
            ? "the rule starts with it"
            : $"the step on line {SyntaxIndex.Line(model, last.Span)} handed it over";
    }
}
