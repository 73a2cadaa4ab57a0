using System.CommandLine;
using EscalationDsl.Cli.Output;
using EscalationDsl.Runtime.Matrix;

namespace EscalationDsl.Cli.Commands;

/// <summary><c>esc matrix POLICY [--format markdown|json]</c>: the one-page quick reference.</summary>
internal static class MatrixCommand
{
    public static Command Create(CliConsole console)
    {
        var policy = new Argument<string>("policy") { Description = "The .esc policy file, or - to read it from standard input." };
        var format = CommonOptions.Format("markdown", "json");
        var output = CommonOptions.Output();
        var command = new Command("matrix", "Print the escalation quick reference: SLA targets, the escalation matrix by issue type and severity, and the ownership chain.") { policy, format, output };
        command.SetAction(parse =>
        {
            if (PolicyLoader.LoadForOutput(parse.GetValue(policy), parse.GetValue(output), console) is not { } compiled)
            {
                return ExitCodes.Findings;
            }

            var reference = QuickReferenceBuilder.Build(compiled.Model);
            var text = parse.GetValue(format) == "json" ? JsonOutput.Serialize(reference) : MatrixMarkdown.Render(reference);
            PolicyLoader.WriteOutput(text, parse.GetValue(output), console);
            return ExitCodes.Success;
        });
        return command;
    }
}
