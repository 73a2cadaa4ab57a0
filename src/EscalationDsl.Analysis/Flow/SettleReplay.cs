using System.Collections.Immutable;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Flow;

/// <summary>What the abstract ticket of <see cref="SettleReplay"/> holds that conditions read.</summary>
internal readonly record struct SettleState(int Owner, int Level, bool Monitoring);

/// <summary>
/// One replay of <see cref="SettleLoops"/>: the runtime's order after an event (TicketRuntime.Settle.cs), on
/// the rules of one severity and issue type. Rules and deescalations whose condition reads nothing the
/// actions change are left as they are (they cannot start or fire again at the same instant); one whose
/// condition depends on something unknown where it matters makes the replay uncertain, and an uncertain
/// replay finds nothing.
/// </summary>
internal sealed class SettleReplay(PolicyModel policy, ImmutableArray<RuleModel> rules, SeverityModel severity, string? issueType, int levelCap)
{
    /// <summary>Passes replayed before giving up on a replay that neither settles nor repeats (with finitely many states it does one).</summary>
    private const int MaxPasses = 256;

    // Rules first, then deescalations: the element numbers in the log.
    private readonly bool?[] active = new bool?[rules.Length];
    private readonly bool?[] held = new bool?[policy.Deescalations.Length];
    private readonly List<(int Pass, int Element, int OwnerBefore, int OwnerAfter)> changes = [];
    private int owner;
    private int level;
    private bool monitoring;
    private bool pagingStopped;
    private bool acted;
    private bool enteredMonitor;
    private bool uncertain;

    /// <summary>
    /// The ticket held by <paramref name="before"/> (-1: nobody) at <paramref name="startLevel"/>, every rule
    /// and deescalation as its condition says there; an event hands it to <paramref name="after"/>. Returns the
    /// loop the policy's own actions then go round, or null when they settle (or the replay is uncertain).
    /// </summary>
    public SettleLoop? Run(int before, int after, int startLevel, bool startMonitoring)
    {
        (owner, level, monitoring, pagingStopped, acted, enteredMonitor, uncertain) = (before, startLevel, startMonitoring, false, false, false, false);
        changes.Clear();
        for (var i = 0; i < rules.Length; i++)
        {
            active[i] = Holds(rules[i].When);
        }

        for (var d = 0; d < held.Length; d++)
        {
            held[d] = Holds(policy.Deescalations[d].When);
        }

        if (uncertain)
        {
            return null;
        }

        owner = after;
        UpdateRules(-1);
        UpdateDeescalations(-1);
        var passStarts = new Dictionary<string, int>(StringComparer.Ordinal);
        var limited = false;
        for (var pass = 0; (acted || enteredMonitor) && !uncertain && pass < MaxPasses; pass++)
        {
            // The runtime stops here; the replay goes on to tell a loop from a long way to a settled ticket.
            limited |= pass == Runtime.TicketRuntime.MaxSettlePasses;
            if (passStarts.TryGetValue(Key(), out var first))
            {
                return Loop(changes.Where(c => c.Pass >= first).ToList(), repeatsOnly: false);
            }

            passStarts[Key()] = pass;
            acted = false;
            UpdateRules(pass);
            if (enteredMonitor)
            {
                enteredMonitor = false;
                ReactToMonitoring(pass);
            }

            UpdateDeescalations(pass);
        }

        // Settled, but only after the runtime's limit: what changed the ticket more than once undid another.
        return limited && !uncertain && !acted && !enteredMonitor ? Loop(changes, repeatsOnly: true) : null;
    }

    /// <summary>
    /// The loop made of these changes (the elements that made them, or with <paramref name="repeatsOnly"/>
    /// those that made more than one), or null when there is none.
    /// </summary>
    private SettleLoop? Loop(List<(int Pass, int Element, int OwnerBefore, int OwnerAfter)> round, bool repeatsOnly)
    {
        var members = round.GroupBy(c => c.Element).Where(g => !repeatsOnly || g.Count() > 1).Select(g => g.Key).ToHashSet();
        if (members.Count < 2)
        {
            return null;
        }

        var elements = members.Select(Element).OrderBy(e => e.Where.Start).ToImmutableArray();

        // The owners from the one the element reported on fires at, until the ticket is back with it.
        var from = round.FindIndex(c => Element(c.Element).Where == elements[0].Where);
        var owners = new List<int> { round[from].OwnerBefore };
        var onward = repeatsOnly ? round.Skip(from) : round.Skip(from).Concat(round.Take(from)); // a loop's round comes round
        foreach (var change in onward.Where(c => members.Contains(c.Element)))
        {
            if (change.OwnerAfter != owners[^1])
            {
                owners.Add(change.OwnerAfter);
            }

            if (owners.Count > 1 && owners[^1] == owners[0])
            {
                break;
            }
        }

        return new SettleLoop(elements, [.. owners.Select(o => o < 0 ? "nobody" : policy.Owners[o].Name)]);
    }

    private SettleElement Element(int element) =>
        element < rules.Length ? new(rules[element], null) : new(null, policy.Deescalations[element - rules.Length]);

    private string Key() =>
        $"{owner} {level} {monitoring} {pagingStopped} {acted} {enteredMonitor} {string.Concat(active.Select(Bit))} {string.Concat(held.Select(Bit))}";

    private static char Bit(bool? value) => value switch { true => '1', false => '0', null => '?' };

    /// <summary>A condition on the abstract ticket; null (left as it is) when unknown but fixed for the instant.</summary>
    private bool? Holds(ConditionModel? condition)
    {
        if (condition is null)
        {
            return true;
        }

        var holds = Evaluate(condition);
        uncertain |= holds is null && SettleLoops.ReadsActions(condition);
        return holds;
    }

    private bool? Evaluate(ConditionModel condition) =>
        SettleLoops.Evaluate(condition, new SettleState(owner, level, monitoring), policy, severity, issueType);

    private void UpdateRules(int pass)
    {
        for (var i = 0; i < rules.Length && !uncertain; i++)
        {
            var applies = Holds(rules[i].When);
            if (applies is null || active[i] is null)
            {
                continue;
            }

            if (applies.Value && active[i] == false)
            {
                active[i] = true;
                var before = (owner, level, monitoring, pagingStopped);
                if (owner < 0 && rules[i].StartOwner is { } start)
                {
                    owner = start.Index;
                    acted = true;
                }

                if (rules[i].Steps.FirstOrDefault(s => s.Trigger is ImmediateTrigger) is { } immediately)
                {
                    FireStep(rules[i], immediately);
                }

                Note(before, pass, i);
            }
            else if (!applies.Value && active[i] == true)
            {
                active[i] = false;
            }
        }
    }

    private void UpdateDeescalations(int pass)
    {
        for (var d = 0; d < held.Length && !uncertain; d++)
        {
            var holds = Holds(policy.Deescalations[d].When);
            if (holds is null || held[d] is null)
            {
                continue;
            }

            if (holds.Value && held[d] == false)
            {
                held[d] = true;
                var before = (owner, level, monitoring, pagingStopped);
                RunActions(policy.Deescalations[d].Actions);
                Note(before, pass, rules.Length + d);
            }
            else if (!holds.Value && held[d] == true)
            {
                held[d] = false;
            }
        }
    }

    /// <summary>`on monitoring` steps of the rules that apply, once monitor mode began.</summary>
    private void ReactToMonitoring(int pass)
    {
        for (var i = 0; i < rules.Length && !uncertain; i++)
        {
            foreach (var step in rules[i].Steps.Where(s => s.Trigger is OnTrigger { Flag.Name: "monitoring" } && s.Actions.Any(ChangesTicket)))
            {
                var when = ((OnTrigger)step.Trigger).When;
                var fires = active[i] == false ? false : active[i] is null ? null : when is null ? true : Evaluate(when);
                uncertain |= fires is null;
                if (fires == true)
                {
                    var before = (owner, level, monitoring, pagingStopped);
                    FireStep(rules[i], step);
                    Note(before, pass, i);
                }
            }
        }
    }

    /// <summary>A step's actions; an escalation that `require ... before escalate` may hold back is uncertain.</summary>
    private void FireStep(RuleModel rule, StepModel step)
    {
        var escalates = step.Actions.OfType<EscalateAction>().Any(e => Resolve(e.Owner) is { } target && target != owner);
        if (escalates && policy.RequireGuards.Concat(rule.RequireGuards).Any(g => g.When is null
                || Evaluate(g.When) != false))
        {
            uncertain = true;
            return;
        }

        RunActions(step.Actions);
    }

    private void RunActions(ImmutableArray<ActionModel> actions)
    {
        foreach (var action in actions)
        {
            switch (action)
            {
                case AssignAction assign when Resolve(assign.Owner) is { } assignee:
                    owner = assignee;
                    break;
                case EscalateAction escalate when Resolve(escalate.Owner) is { } target && target != owner:
                    owner = target;
                    level = Math.Min(level + 1, levelCap);
                    break;
                case StopPagingAction:
                    pagingStopped = true;
                    break;
                case EnterMonitorAction:
                    monitoring = true;
                    break;
            }
        }
    }

    /// <summary>Who an owner reference names now, or null (nobody, or a route: unknown, so uncertain).</summary>
    private int? Resolve(OwnerRefModel reference)
    {
        switch (reference)
        {
            case NamedOwnerRef named:
                return named.Owner.Index;
            case CurrentOwnerRef:
                return owner < 0 ? null : owner;
            case NextOwnerRef:
                return owner >= 0 && policy.Owners[owner].ReportsTo is { } next ? policy.FindOwner(next)?.Index : null;
            default:
                uncertain = true;
                return null;
        }
    }

    private void Note((int Owner, int Level, bool Monitoring, bool PagingStopped) before, int pass, int element)
    {
        if (before != (owner, level, monitoring, pagingStopped))
        {
            acted = true;
            enteredMonitor |= !before.Monitoring && monitoring;
            changes.Add((pass, element, before.Owner, owner));
        }
    }

    private static bool ChangesTicket(ActionModel action) => action is AssignAction or EscalateAction or StopPagingAction or EnterMonitorAction;
}
