using EscalationDsl.Analysis;
using EscalationDsl.Cli.Lint;
using EscalationDsl.Engine.Policies;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Cli;

/// <summary>
/// The gate `esc serve` runs on every policy file it loads: the linter, with the .esclint.json of the
/// policy folder (or above). A file with errors (compiler or lint rules at error level) is refused;
/// its warnings (suppressed findings are not) are logged and shown in GET /v1/policies.
/// </summary>
internal sealed class LintGate : IPolicyGate
{
    public static IPolicyGate Create() => new LintGate();

    public IReadOnlyList<string> Check(SemanticModel model, string policyFolder) => Review(model, policyFolder).Errors;

    public PolicyCheck Review(SemanticModel model, string policyFolder)
    {
        var console = new CliConsole(TextWriter.Null, TextWriter.Null, Stream.Null, Color: false, policyFolder);
        Analysis.Configuration.LintConfiguration configuration;
        try
        {
            configuration = new LintConfigLocator(console).For(model.Source.Path);
        }
        catch (UsageException e)
        {
            return new(e.Messages, []);
        }

        var result = Linter.Lint(model, configuration);
        return PolicyCheck.Of(model.Source, result.Diagnostics);
    }
}
