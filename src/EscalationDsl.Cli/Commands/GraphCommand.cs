using System.CommandLine;
using EscalationDsl.Runtime.Graphs;

namespace EscalationDsl.Cli.Commands;

/// <summary><c>esc graph POLICY [--rule NAME] [--format dot|mermaid]</c>.</summary>
internal static class GraphCommand
{
    public static Command Create(CliConsole console)
    {
        var policy = new Argument<string>("policy") { Description = "The .esc policy file, or - to read it from standard input." };
        var rule = new Option<string?>("--rule") { Description = "Show only this escalation rule's steps." };
        var format = CommonOptions.Format("dot", "mermaid");
        var output = CommonOptions.Output();
        var command = new Command("graph", "Print the policy's ticket state machine (Stateless' own DOT or Mermaid export).") { policy, rule, format, output };
        command.SetAction(parse =>
        {
            if (PolicyLoader.LoadForOutput(parse.GetValue(policy), parse.GetValue(output), console) is not { } compiled)
            {
                return ExitCodes.Findings;
            }

            var ruleName = parse.GetValue(rule);
            if (ruleName is not null && compiled.Model.FindRule(ruleName) is null)
            {
                var rules = compiled.Model.Rules.Select(r => r.Name).ToList();
                throw new UsageException($"--rule: policy '{compiled.Name}' has no rule '{ruleName}' (rules: {UnknownName.List(rules)}){UnknownName.Hint(ruleName, rules)}");
            }

            var graph = PolicyGraph.Export(compiled, parse.GetValue(format) == "mermaid" ? GraphFormat.Mermaid : GraphFormat.Dot, ruleName);
            PolicyLoader.WriteOutput(graph.ReplaceLineEndings("\n") + "\n", parse.GetValue(output), console);
            return ExitCodes.Success;
        });
        return command;
    }
}
