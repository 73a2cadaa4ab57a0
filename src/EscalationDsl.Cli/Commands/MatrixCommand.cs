using System.CommandLine;
using EscalationDsl.Cli.Output;
using EscalationDsl.Runtime.Matrix;

namespace EscalationDsl.Cli.Commands;

/// <summary><c>esc matrix POLICY [--severity SEV]... [--format markdown|json]</c>: the one-page quick reference.</summary>
internal static class MatrixCommand
{
    public static Command Create(CliConsole console)
    {
        var policy = new Argument<string>("policy") { Description = "The .esc policy file, or - to read it from standard input." };
        var format = CommonOptions.Format("markdown", "json");
        var output = CommonOptions.Output();
        var severity = new Option<string[]>("--severity") { Description = "Show only this severity's rows; repeat the option for several (--severity sev1 --severity sev2)." };
        var command = new Command("matrix", "Print the escalation quick reference: SLA targets, the escalation matrix by issue type and severity, and the ownership chain.") { policy, severity, format, output };
        command.SetAction(parse =>
        {
            if (PolicyLoader.LoadForOutput(parse.GetValue(policy), parse.GetValue(output), console) is not { } compiled)
            {
                return ExitCodes.Findings;
            }

            var only = parse.GetValue(severity) is { Length: > 0 } named ? named : null;
            if (only?.FirstOrDefault(s => compiled.Model.FindSeverity(s) is null) is { } unknown)
            {
                var severities = compiled.Model.Severities.Select(s => s.Name).ToList();
                throw new UsageException($"--severity: policy '{compiled.Name}' has no severity '{unknown}' (severities: {UnknownName.List(severities)}){Hint(unknown, severities)}");
            }

            var reference = QuickReferenceBuilder.Build(compiled.Model, only);
            var text = parse.GetValue(format) == "json" ? JsonOutput.Serialize(reference) : MatrixMarkdown.Render(reference);
            PolicyLoader.WriteOutput(text, parse.GetValue(output), console);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>What to do about an unknown <c>--severity</c>: one name per option, or the near name.</summary>
    private static string Hint(string unknown, List<string> severities) =>
        unknown.Contains(',', StringComparison.Ordinal) ? "; name one severity per --severity, and repeat the option for several"
        : UnknownName.Hint(unknown, severities);
}
