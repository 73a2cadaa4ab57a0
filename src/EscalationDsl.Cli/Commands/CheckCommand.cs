using System.CommandLine;
using EscalationDsl.Cli.Output;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Cli.Commands;

/// <summary><c>esc check PATH...</c>: parse and bind policies, print diagnostics.</summary>
internal static class CheckCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Policy files or folders (every *.esc below them); '-' reads standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = CommonOptions.Format("text", "json");
        var command = new Command("check", "Parse and bind policies and report syntax and semantic errors.") { paths, format };
        command.SetAction(parse => Run(parse.GetValue(paths)!, parse.GetValue(format)!, console));
        return command;
    }

    private static int Run(string[] paths, string format, CliConsole console)
    {
        var models = PolicySet.Check(PolicyInputs.Read(paths, console).Select(SemanticModel.Create).ToList());
        var all = models.SelectMany(m => m.Diagnostics.Select(d => (m.Source, Diagnostic: d))).ToList();
        var errors = all.Count(x => x.Diagnostic.IsError);
        var warnings = all.Count(x => x.Diagnostic.Level == DiagnosticLevel.Warning);

        var text = format == "json"
            ? JsonOutput.Serialize(new
            {
                files = models.Count,
                errors,
                warnings,
                diagnostics = all.Select(x => DiagnosticDto.From(x.Source, x.Diagnostic)),
            })
            : string.Concat(all.Select(x => DiagnosticFormatter.Format(x.Source, x.Diagnostic, console.Color)));
        if (text.Length > 0)
        {
            PolicyLoader.WriteOutput(text, null, console);
        }

        console.Error.WriteLine($"checked {Words.Count(models.Count, "file")}: {Words.Count(errors, "error")}, {Words.Count(warnings, "warning")}");
        return errors > 0 ? ExitCodes.Findings : ExitCodes.Success;
    }
}
