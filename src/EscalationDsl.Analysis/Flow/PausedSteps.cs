using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Flow;

/// <summary>
/// Timed steps (`after`, `every`) that could fire only while a `pause sla while` holds, for ESL006. A pause
/// stops every clock of the ticket, the rules' timed steps included (docs/runtime.md), so a step whose
/// `while`, whose rule's `when`, or the two together, hold only while a pause holds never reaches its
/// deadline while it could fire: only a tick due at the very instant the pause starts fires then. `on` and
/// `immediately` steps wait on no clock and fire during a pause. Pauses that read `older than` or `during`
/// are left out: time alone starts them, at instants where ticks fall due (the close of business ends a
/// business-time interval), so such a step does fire.
/// </summary>
internal static class PausedSteps
{
    /// <summary>Why the step never fires and what to write instead, or null when a pause does not stop it.</summary>
    public static string? Reason(PolicyModel policy, RuleModel rule, StepModel step)
    {
        var pauses = policy.Pauses
            .Where(p => !ModelWalker.Leaves(p.While).Any(leaf => leaf is OlderCondition or DuringCondition))
            .ToList();
        if (pauses.Count == 0 || step.Trigger is not (AfterTrigger or EveryTrigger))
        {
            return null;
        }

        var whileCondition = (step.Trigger as EveryTrigger)?.While;
        var fires = (rule.When, whileCondition) switch
        {
            ({ } when, { } holds) => new AndCondition(when, holds, step.Trigger.Span),
            _ => rule.When ?? whileCondition,
        };
        var logic = new ConditionLogic(policy, openTicket: true);
        IReadOnlyList<Literal> given = ConditionFindings.ForList(policy, rule) is { } forList ? [forList] : [];

        // A step that can never fire for another reason (its `while` contradicts the rule) is ESL029's, which names the parts.
        if (fires is null || logic.Contradictions(fires, true, given) is not null)
        {
            return null;
        }

        (ConditionModel? Condition, string Holds)[] candidates =
        [
            (whileCondition, "its `while` holds"),
            (rule.When, "the rule's `when` holds"),
            (fires, "its `while` and the rule's `when` hold together"),
        ];
        foreach (var (condition, holds) in candidates)
        {
            if (condition is not null && Covering(logic, condition, pauses, given) is { } covering)
            {
                return $"{holds} only while {covering} holds, and paused clocks stop timed steps. {Instead(step, ReferenceEquals(condition, rule.When) ? null : whileCondition)}";
            }
        }

        return null;
    }

    /// <summary>
    /// The pauses of which one holds whenever <paramref name="condition"/> does, none of them needless
    /// (each is dropped in turn if the others still cover the condition); null when all of them do not.
    /// </summary>
    private static string? Covering(ConditionLogic logic, ConditionModel condition, List<PauseModel> pauses, IReadOnlyList<Literal> given)
    {
        if (!Covers(pauses))
        {
            return null;
        }

        var needed = pauses.ToList();
        foreach (var pause in pauses)
        {
            if (needed.Count > 1 && Covers(needed.Where(p => p != pause).ToList()))
            {
                needed.Remove(pause);
            }
        }

        return string.Join(" or ", needed.Select(p => $"`pause sla while {ModelFormatter.Format(p.While)}`"));

        bool Covers(List<PauseModel> some) => logic.Implies(
            condition, some.Skip(1).Aggregate(some[0].While, (either, p) => new OrCondition(either, p.While, p.Span)), given);
    }

    /// <summary>
    /// What fires during a pause instead: an `on` step with the step's `while` (its event is the one that sets
    /// the fields the `while` reads), or, when the rule's `when` alone is the cause, an `immediately` step.
    /// Nothing repeats on a clock then.
    /// </summary>
    private static string Instead(StepModel step, ConditionModel? whileCondition)
    {
        const string NoRepeat = "no step repeats on a timer while the clocks are paused";
        if (whileCondition is null)
        {
            return $"An `immediately` step fires during a pause, once when the rule starts; {NoRepeat}.";
        }

        var condition = ModelFormatter.Format(whileCondition);
        var actions = string.Join(", ", step.Actions.Select(ModelFormatter.Format));
        return SettingEvent(whileCondition) is { } setting
            ? $"An `on` step fires during a pause: `on {setting.Event} when {condition}: {actions}` fires once, when {setting.Happens}; {NoRepeat}."
            : $"An `on` step fires during a pause, once at the event that makes `{condition}` hold; {NoRepeat}.";
    }

    /// <summary>The one `on` event that sets every field the condition reads, if there is one.</summary>
    private static (string Event, string Happens)? SettingEvent(ConditionModel condition)
    {
        var events = ModelWalker.Leaves(condition).Select(leaf => ModelWalker.FieldOf(leaf) switch
        {
            // `status` and `issue_type` are built in even where the policy declares their values.
            { Name: "status" } => ("status", "the status changes"),
            { Name: "issue_type" } or { IsBuiltIn: false, Type: not FieldType.Flag } => ("field_set", "a field is set"),
            _ => ((string, string)?)null,
        }).Distinct().ToList();
        return events is [{ } one] ? one : null;
    }
}
