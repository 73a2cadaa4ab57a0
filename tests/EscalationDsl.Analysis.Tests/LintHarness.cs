using System.Globalization;
using EscalationDsl.Analysis.Configuration;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Tests;

/// <summary>Lints policy text with the real parser, binder and rules, and describes findings compactly.</summary>
internal static class LintHarness
{
    public static LintResult Lint(string text, LintConfiguration? configuration = null)
    {
        var model = SemanticModel.Create("test.esc", text);
        model.HasErrors.ShouldBeFalse(string.Join("\n", model.Diagnostics.Select(d => DiagnosticFormatter.FormatHeadline(model.Source, d))));
        return Linter.Lint(model, configuration);
    }

    /// <summary>The findings of one code as <c>level line:col-line:col</c>.</summary>
    public static List<string> Findings(string text, string code) =>
        Describe(Lint(text), code);

    public static List<string> Describe(LintResult result, string code) =>
        result.Diagnostics.Where(d => d.Code == code).Select(d => Describe(result, d)).ToList();

    public static string Describe(LintResult result, Diagnostic d)
    {
        var start = result.Model.Source.GetPosition(d.Span.Start);
        var end = result.Model.Source.GetPosition(d.Span.End);
        return string.Create(CultureInfo.InvariantCulture, $"{DiagnosticFormatter.LevelName(d.Level)} {start.Line}:{start.Column}-{end.Line}:{end.Column}");
    }

    /// <summary>The source text each finding of the code underlines.</summary>
    public static List<string> Underlined(string text, string code)
    {
        var result = Lint(text);
        return result.Diagnostics.Where(d => d.Code == code).Select(d => result.Model.Source.Slice(d.Span)).ToList();
    }

    /// <summary>The message of the only finding with this code.</summary>
    public static string Message(string text, string code) =>
        Lint(text).Diagnostics.Single(d => d.Code == code).Message;
}
