using EscalationDsl.Analysis.Flow;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL032: rules and deescalations whose hand-overs bring the ticket back to where the first of them starts
/// or fires again, so after an event the runtime re-evaluates them at the same instant until its limit of
/// passes (docs/runtime.md, event step 9). Found by replaying that order (<see cref="SettleLoops"/>); reported
/// once per loop, at the condition of the element written first, naming the others.
/// </summary>
public sealed class ActionsUndoEachOtherRule() : LintRule(
    "ESL032",
    "actions-undo-each-other",
    DiagnosticLevel.Error,
    "Rules and deescalations hand the ticket round in a loop: each one's action makes another's condition hold again, so they keep firing at one instant until the runtime stops re-evaluating them.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        foreach (var loop in new SettleLoops(model.Policy).Find())
        {
            var first = loop.Elements[0];
            List<string> names = [Describe(model, first, capital: true, withLine: false), .. loop.Elements.Skip(1).Select(e => Describe(model, e, capital: false, withLine: true))];
            var all = names.Count == 1 ? names[0] : $"{string.Join(", ", names[..^1])} and {names[^1]}";
            var round = string.Join(" → ", loop.Owners);
            yield return Report(first.Where,
                $"{all} undo each other: their hand-overs take the ticket round ({round}) to where they fire again, "
                + $"so at one instant they keep firing until the runtime stops after {TicketRuntime.MaxSettlePasses} evaluations. "
                + "Narrow a condition so that it no longer holds after another one's hand-over, or hand the ticket to an owner none of them takes back.");
        }
    }

    private static string Describe(SemanticModel model, SettleElement element, bool capital, bool withLine)
    {
        var line = withLine ? $" (line {SyntaxIndex.Line(model, element.Where)})" : string.Empty;
        return element.Rule is { } rule
            ? $"{(capital ? "Rule" : "rule")} '{rule.Name}'{line}"
            : $"{(capital ? "The" : "the")} deescalation `{ModelFormatter.Heading(element.Deescalation!)}`{line}";
    }
}
