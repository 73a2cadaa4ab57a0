using System.Collections.Immutable;
using System.Globalization;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime.Matrix;

namespace EscalationDsl.Analysis.Flow;

/// <summary>A rule or deescalation that takes part in a <see cref="SettleLoop"/>.</summary>
internal sealed record SettleElement(RuleModel? Rule, DeescalationModel? Deescalation)
{
    /// <summary>Where a finding about it starts: its condition.</summary>
    public TextSpan Where => Rule is null ? Deescalation!.When.Span : Rule.When?.Span ?? Rule.NameSpan;
}

/// <summary>
/// Rules and deescalations that keep firing at one instant: the elements whose actions changed the ticket in
/// each round of the loop (in source order), and the owners the ticket goes round (the first again at the end).
/// </summary>
internal sealed record SettleLoop(ImmutableArray<SettleElement> Elements, ImmutableArray<string> Owners);

/// <summary>
/// Replays, on an abstract ticket, what the runtime does after the policy's own actions (docs/runtime.md,
/// event steps 5 to 9): rules evaluated in order (a rule that starts fires its `immediately` step), the
/// `on monitoring` steps, then the deescalations (one fires when its condition becomes true), again while an
/// action changed the owner, the level, monitor mode or stopped paging. The abstract ticket knows exactly
/// those, its severity and issue type; a condition or guard that depends on anything else where it matters
/// ends that replay without a finding. Only monitor mode, stopped paging and the level (which only rises)
/// change otherwise, so a loop goes round owners. Reported: a replay that comes back to a state it had at the
/// start of an earlier pass (the runtime would go on until its limit), or one that settles only after the
/// runtime's limit with some of them having fired more than once. The replays start from every owner the
/// ticket may be handed to by an event, after it was held by any other (or nobody) with every rule and
/// deescalation as its condition said there, at every escalation level and monitor mode a condition tells apart.
/// </summary>
internal sealed class SettleLoops
{
    private readonly PolicyModel policy;
    private readonly int levelCap;
    private readonly bool readsLevel;
    private readonly bool readsMonitoring;
    private readonly bool readsIssueType;
    private readonly bool readsSeverity;

    public SettleLoops(PolicyModel policy)
    {
        this.policy = policy;
        ReadsOwner = policy.Rules.Where(r => r.When is not null).Select(r => r.When!)
            .Concat(policy.Deescalations.Select(d => d.When))
            .SelectMany(ModelWalker.Leaves).Any(l => ModelWalker.FieldOf(l)?.Name == "owner");

        // Every condition, guards and `on monitoring ... when` included: the replay may evaluate any of them.
        var leaves = ModelWalker.Conditions(policy).SelectMany(ModelWalker.Leaves).ToList();
        readsMonitoring = leaves.Any(l => ModelWalker.FieldOf(l)?.Name == "monitoring");
        readsIssueType = leaves.Any(l => ModelWalker.FieldOf(l)?.Name == "issue_type");
        readsSeverity = leaves.Any(l => ModelWalker.FieldOf(l)?.Name == "severity");
        var levels = leaves.Where(l => ModelWalker.FieldOf(l)?.Name == "escalation_level").ToList();
        readsLevel = levels.Count > 0;

        // Levels above every number a condition compares with all behave alike: cap there, so states repeat.
        levelCap = levels.SelectMany(l => l switch
        {
            CompareCondition c => [c.Value],
            InCondition i => i.Values.AsEnumerable(),
            _ => [],
        }).Select(v => long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Select(n => (int)Math.Clamp(n, 0, 16)).DefaultIfEmpty(0).Max() + 1;
    }

    /// <summary>
    /// True when some condition of a rule or deescalation reads the owner: the only thing the policy's own
    /// actions change back and forth, so without it nothing can loop.
    /// </summary>
    private bool ReadsOwner { get; }

    /// <summary>
    /// The most replays <see cref="Find"/> runs: their number grows with the owners squared times the
    /// severities, issue types and levels the conditions tell apart, and the engine lints every policy it
    /// loads, so a large policy is checked as far as this budget (about a fifth of a second here) and no further.
    /// </summary>
    public const int MaxReplays = 20_000;

    /// <summary>Every loop, once (by the elements that keep changing the ticket), within <see cref="MaxReplays"/>.</summary>
    public IEnumerable<SettleLoop> Find()
    {
        if (!ReadsOwner || policy.Owners.IsEmpty)
        {
            yield break;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var issueTypes = readsIssueType ? Matrix.IssueTypes(policy) : [null];
        // A level or monitor mode the policy never brings about is no start.
        var monitoring = readsMonitoring && ModelWalker.Actions(policy).Any(a => a.Action is EnterMonitorAction) ? new[] { false, true } : [false];
        var topLevel = readsLevel && ModelWalker.Actions(policy).Any(a => a.Action is EscalateAction) ? levelCap : 0;
        var replayed = new HashSet<string>(StringComparer.Ordinal);
        var runs = 0;
        foreach (var severity in policy.Severities)
        {
            // Severities with the same rules replay alike unless a condition tells them apart.
            var rules = policy.Rules.Where(r => r.AppliesTo(severity)).ToImmutableArray();
            if (!replayed.Add(string.Join(",", rules.Select(r => r.Index)) + (readsSeverity ? " " + severity.Name : string.Empty)))
            {
                continue;
            }

            foreach (var issueType in issueTypes)
            {
                var replay = new SettleReplay(policy, rules, severity, issueType, levelCap);
                for (var before = -1; before < policy.Owners.Length; before++)
                {
                    for (var level = 0; level <= topLevel; level++)
                    {
                        foreach (var monitor in monitoring)
                        {
                            for (var after = 0; after < policy.Owners.Length; after++)
                            {
                                if (after != before && ++runs > MaxReplays)
                                {
                                    yield break;
                                }

                                if (after != before
                                    && replay.Run(before, after, level, monitor) is { } loop
                                    && seen.Add(string.Join(",", loop.Elements.Select(e => e.Where.Start))))
                                {
                                    yield return loop;
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Conditions on the abstract ticket: the owner, level and monitor mode it holds, its severity and issue
    /// type; null for anything else.
    /// </summary>
    internal static bool? Evaluate(ConditionModel condition, SettleState state, PolicyModel policy, SeverityModel severity, string? issueType) =>
        Tristate.Evaluate(condition, leaf => (ModelWalker.FieldOf(leaf)?.Name, leaf) switch
        {
            ("owner", CompareCondition c) => (c.Operator == Language.Syntax.CompareOperator.Equal) == (OwnerName(policy, state.Owner) == c.Value),
            ("owner", InCondition i) => i.Values.Contains(OwnerName(policy, state.Owner) ?? string.Empty) != i.Negated,
            ("owner", FlagCondition) => state.Owner >= 0,
            ("escalation_level", CompareCondition c) => CompareLevel(c.Operator, state.Level, long.Parse(c.Value, CultureInfo.InvariantCulture)),
            ("escalation_level", InCondition i) => i.Values.Any(v => long.Parse(v, CultureInfo.InvariantCulture) == state.Level) != i.Negated,
            ("escalation_level", FlagCondition) => state.Level > 0,
            ("monitoring", FlagCondition) => state.Monitoring,
            ("severity" or "issue_type", _) => QuickReferenceBuilder.Evaluate(leaf, issueType, severity, policy.Severities),
            _ => null,
        });

    /// <summary>
    /// True when the condition reads something the policy's own actions change (owner, level, monitor mode,
    /// and the times of `escalated` and `engineering_assigned`): it may change within one instant.
    /// </summary>
    internal static bool ReadsActions(ConditionModel condition) =>
        ModelWalker.Leaves(condition).Any(l => ModelWalker.FieldOf(l)?.Name is "owner" or "escalation_level" or "monitoring" or "escalated" or "engineering_assigned");

    private static string? OwnerName(PolicyModel policy, int owner) => owner < 0 ? null : policy.Owners[owner].Name;

    private static bool CompareLevel(Language.Syntax.CompareOperator op, int level, long value) => op switch
    {
        Language.Syntax.CompareOperator.Equal => level == value,
        Language.Syntax.CompareOperator.NotEqual => level != value,
        Language.Syntax.CompareOperator.Less => level < value,
        Language.Syntax.CompareOperator.LessOrEqual => level <= value,
        Language.Syntax.CompareOperator.Greater => level > value,
        _ => level >= value,
    };
}
