using System.CommandLine;
using EscalationDsl.Analysis;
using EscalationDsl.Cli.Lint;
using EscalationDsl.Cli.Output;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Cli.Commands;

/// <summary>
/// <c>esc lint PATH... [--format F] [--output FILE] [--max-warnings N] [--warnings-as-errors]</c>:
/// check each policy, run the lint rules on those without errors, and report the findings.
/// </summary>
internal static class LintCommand
{
    public static Command Create(CliConsole console)
    {
        var paths = new Argument<string[]>("path")
        {
            Description = "Policy files or folders (every *.esc below them); '-' reads standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = CommonOptions.Format("text", "json", "sarif", "github", "gitlab", "checkstyle");
        var output = CommonOptions.Output();
        // Read as text: the parser's own message for a number it cannot take named the .NET type
        // ("... as expected type 'System.Nullable`1[System.Int32]'").
        var maxWarnings = new Option<string?>("--max-warnings")
        {
            Description = "Exit with 1 when there are more than this many warnings (after --warnings-as-errors, none are left).",
        };
        var warningsAsErrors = new Option<bool>("--warnings-as-errors") { Description = "Report every warning as an error (exit 1)." };
        var helpUriBase = new Option<string?>("--help-uri-base")
        {
            Description = "SARIF only: the absolute URI where this repository's files are published; rule help links (docs/rules/ESLnnn.md) are resolved against it.",
        };
        var command = new Command("lint", "Check policies, then run the lint rules (docs/rules) on each one without errors.")
        {
            paths, format, output, maxWarnings, warningsAsErrors, helpUriBase,
        };
        command.SetAction(parse => Run(
            parse.GetValue(paths)!,
            parse.GetValue(format)!,
            parse.GetValue(output),
            parse.GetValue(maxWarnings),
            parse.GetValue(warningsAsErrors),
            HelpBase(parse.GetValue(helpUriBase)),
            console));
        return command;
    }

    private static int Run(string[] paths, string format, string? output, string? maxWarningsText, bool warningsAsErrors, Uri? helpUriBase, CliConsole console)
    {
        int? maxWarnings = maxWarningsText is null ? null : ParseMaxWarnings(maxWarningsText);

        // Read every input and every configuration before linting, so usage trouble stops the run early.
        PolicyLoader.CheckOutput(output, console);
        var sources = PolicyInputs.Read(paths, console);
        PolicyLoader.CheckNotAnInput("--output", output, console, sources.Select(s => ("a policy file being linted", (string?)s.Path)));
        var locator = new LintConfigLocator(console);
        var configurations = sources.Select(s => locator.For(s.Path)).ToList();

        var models = PolicySet.Check(sources.Select(SemanticModel.Create).ToList());
        var results = models.Select((model, i) => Linter.Lint(model, configurations[i]));
        var report = LintReport.Build(results, warningsAsErrors);

        var text = format switch
        {
            "json" => LintJsonFormat.Render(report),
            "sarif" => LintSarifFormat.Render(report, helpUriBase, console.WorkingDirectory),
            "github" => LintGithubFormat.Render(report),
            "gitlab" => LintGitlabFormat.Render(report),
            "checkstyle" => LintCheckstyleFormat.Render(report),
            _ => LintTextFormat.Render(report, console.Color && output is null),
        };
        PolicyLoader.WriteOutput(text, output, console);

        var notLinted = report.Files.Count(f => !f.RulesRan);
        console.Error.WriteLine(
            $"linted {Words.Count(report.Files.Length, "file")}: {Words.Count(report.Errors, "error")}, {Words.Count(report.Warnings, "warning")}, {Words.Count(report.Infos, "info")}"
            + (report.Suppressed > 0 ? $" ({report.Suppressed} suppressed)" : string.Empty)
            + (notLinted > 0 ? $"; {Words.Count(notLinted, "file")} with errors not linted" : string.Empty));

        if (report.Errors > 0)
        {
            return ExitCodes.Findings;
        }

        if (maxWarnings is { } max && report.Warnings > max)
        {
            console.Error.WriteLine($"esc: {Words.Count(report.Warnings, "warning")}, more than --max-warnings {max}");
            return ExitCodes.Findings;
        }

        return ExitCodes.Success;
    }

    private static Uri? HelpBase(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var uri))
        {
            throw new UsageException($"--help-uri-base: '{text}' is not an absolute URI");
        }

        return uri;
    }

    private static int ParseMaxWarnings(string text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new UsageException($"--max-warnings: '{text}' is not a whole number from 0 to 2147483647; give the most warnings allowed, such as 0");
}
