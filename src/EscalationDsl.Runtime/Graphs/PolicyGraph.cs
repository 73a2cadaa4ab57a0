using EscalationDsl.Runtime.Machine;
using Stateless;
using Stateless.Graph;

namespace EscalationDsl.Runtime.Graphs;

/// <summary>Graph formats Stateless exports.</summary>
public enum GraphFormat
{
    /// <summary>Graphviz DOT (UML style).</summary>
    Dot,

    /// <summary>Mermaid stateDiagram.</summary>
    Mermaid,
}

/// <summary>
/// Exports the lifecycle machine of a compiled policy with Stateless' own graph export. The
/// machine is configured by the same code the runtime uses, so the graph is what runs.
/// </summary>
public static class PolicyGraph
{
    /// <summary>
    /// The graph of the whole policy with its deescalations, or of one rule's steps (<paramref name="rule"/>;
    /// deescalations belong to no rule and are left out).
    /// </summary>
    /// <exception cref="ArgumentException">The rule does not exist.</exception>
    public static string Export(CompiledPolicy policy, GraphFormat format, string? rule = null)
    {
        if (rule is not null && policy.Model.FindRule(rule) is null)
        {
            throw new ArgumentException($"policy '{policy.Name}' has no rule '{rule}'", nameof(rule));
        }

        var phase = TicketPhase.Open;
        var machine = LifecycleMachine.Create(() => phase, p => phase = p, policy, _ => static () => true, rule);
        if (rule is null)
        {
            LifecycleMachine.AddDeescalations(machine, policy);
        }

        var info = machine.GetInfo();
        var graph = new StateGraph(info);
        return format == GraphFormat.Dot ? graph.ToGraph(new DotShapes()) : graph.ToGraph(new MermaidLabels(graph));
    }

    /// <summary>
    /// Stateless' UML DOT style with states drawn as rounded boxes instead of <c>Mrecord</c>s, which look the same for
    /// a one-field label: Graphviz 2.43 cannot lay out some graphs with labelled edges between adjacent record nodes
    /// (<c>Error: lost Closed Open edge</c>, no picture), which a policy with several steps entering monitor mode hit.
    /// </summary>
    private sealed class DotShapes : UmlDotGraphStyle
    {
        public override string GetPrefix() => base.GetPrefix().Replace("node [shape=Mrecord]", "node [shape=box, style=rounded]", StringComparison.Ordinal);
    }

    /// <summary>
    /// Stateless' Mermaid style with the labels' text kept as written (<see cref="MermaidText"/>): a bare
    /// <c>;</c> ended a label, and the guards of several <c>require</c> lines, joined with "; ", became
    /// stray states.
    /// </summary>
    private sealed class MermaidLabels(StateGraph graph) : MermaidGraphStyle(graph, MermaidGraphDirection.LeftToRight)
    {
        public override string FormatOneTransition(string sourceNodeName, string trigger, IEnumerable<string> actions, string destinationNodeName, IEnumerable<string> guards) =>
            base.FormatOneTransition(sourceNodeName, MermaidText.Escape(trigger), actions?.Select(t => MermaidText.Escape(t))!, destinationNodeName, guards?.Select(t => MermaidText.Escape(t))!);
    }
}
