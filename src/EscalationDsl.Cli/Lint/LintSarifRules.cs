using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using EscalationDsl.Analysis;
using EscalationDsl.Language.Diagnostics;

namespace EscalationDsl.Cli.Lint;

/// <summary>
/// The rules of a SARIF log (<c>tool.driver.rules</c>): each with a PascalCase name, descriptions, its
/// documentation page as help (links made absolute against <c>--help-uri-base</c>, or written as the
/// files they name without it) and its default level.
/// </summary>
internal static partial class LintSarifRules
{
    /// <summary>A stand-in for the repository root, to resolve relative links between its files.</summary>
    private static readonly Uri RepositoryRoot = new("file:///");

    /// <summary>Every lint rule, then the compiler codes that occur in the report.</summary>
    public static List<(string Id, JsonObject Json)> Descriptors(LintReport report, Uri? helpUriBase)
    {
        var list = new List<(string Id, JsonObject Json)>();
        foreach (var rule in LintRuleCatalog.All)
        {
            var triggers = LintRuleDocs.Section(rule, "What triggers it");
            var page = LintRuleDocs.Page(rule);
            list.Add((rule.Code, Rule(rule.Code, SarifName(rule.Name), rule.Description, Limit(PlainText(triggers ?? rule.Description)), page, rule.DefaultLevel, rule.HelpLink, helpUriBase)));
        }

        var compiler = report.Findings.Select(f => f.Diagnostic.Code).Where(c => !c.StartsWith("ESL", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal);
        foreach (var code in compiler)
        {
            var d = DiagnosticCatalog.Descriptors.FirstOrDefault(x => x.Code == code);
            var title = d?.Title ?? code;
            list.Add((code, Rule(code, SarifName(title), title + ".", title + ".", null, d?.Level ?? DiagnosticLevel.Error, d?.HelpLink ?? $"docs/diagnostics/{code}.md", helpUriBase)));
        }

        return list;
    }

    private static JsonObject Rule(string id, string name, string description, string full, string? page, DiagnosticLevel level, string helpLink, Uri? helpUriBase)
    {
        var helpUri = helpUriBase is null ? null : new Uri(helpUriBase, helpLink);
        var rule = new JsonObject
        {
            ["id"] = id,
            ["name"] = name,
            ["shortDescription"] = new JsonObject { ["text"] = description },
            ["fullDescription"] = new JsonObject { ["text"] = full },
            ["help"] = new JsonObject
            {
                ["text"] = $"{description} See {helpUri?.AbsoluteUri ?? helpLink}.",
                ["markdown"] = page is not null ? ResolveLinks(page, helpLink, helpUriBase)
                    : helpUri is not null ? $"{description} See [{id}]({helpUri.AbsoluteUri})."
                    : $"{description} See `{helpLink}`.",
            },
        };
        if (helpUri is not null)
        {
            rule["helpUri"] = helpUri.AbsoluteUri;
        }

        rule["defaultConfiguration"] = new JsonObject { ["level"] = LintSarifFormat.Level(level) };
        return rule;
    }

    /// <summary>
    /// A rule's SARIF <c>name</c>: the words of its name or title as one PascalCase identifier
    /// (<c>step-after-sla-target</c> → <c>StepAfterSlaTarget</c>, "Unknown duration unit" →
    /// <c>UnknownDurationUnit</c>). SARIF calls the name an identifier understandable to an end user,
    /// with a PascalCase example, and its validator asks for a Pascal identifier; a title with spaces is
    /// no identifier. Configuration and suppressions keep taking the code or the kebab-case name.
    /// </summary>
    internal static string SarifName(string words) =>
        string.Concat(NonWord().Split(words.Replace("'", string.Empty, StringComparison.Ordinal))
            .Where(w => w.Length > 0)
            .Select(w => char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant()));

    [GeneratedRegex(@"[^\p{L}\p{Nd}]+")]
    private static partial Regex NonWord();

    /// <summary>Markdown prose as plain text: link targets dropped, wrapped lines joined (list items and paragraphs kept).</summary>
    private static string PlainText(string markdown) =>
        WrappedLine().Replace(LinkTarget().Replace(markdown, "$1"), " ");

    [GeneratedRegex(@"\[([^\]]+)\]\([^)\s]+\)")]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"(?<!\n)\n(?![\n-])[ \t]*")]
    private static partial Regex WrappedLine();

    /// <summary>GitHub shows at most 1024 characters of a description.</summary>
    private static string Limit(string text) => text.Length <= 1000 ? text : text[..997] + "...";

    /// <summary>
    /// The relative Markdown links of help at <paramref name="pagePath"/> (relative to the repository
    /// root), resolved against the page. With <paramref name="helpUriBase"/> they become absolute links.
    /// Without it they become the link text and the file's repository path in code, because a relative
    /// link is broken wherever SARIF help is shown, such as a code scanning alert page.
    /// </summary>
    private static string ResolveLinks(string markdown, string pagePath, Uri? helpUriBase) =>
        RelativeLink().Replace(markdown, m =>
        {
            var target = new Uri(new Uri(helpUriBase ?? RepositoryRoot, pagePath), m.Groups["target"].Value);
            return helpUriBase is not null
                ? $"[{m.Groups["text"].Value}]({target.AbsoluteUri})"
                : $"{m.Groups["text"].Value} (`{Uri.UnescapeDataString(target.AbsolutePath.TrimStart('/'))}{target.Fragment}`)";
        });

    [GeneratedRegex(@"\[(?<text>[^\]]+)\]\((?![a-z][a-z0-9+.-]*:)(?<target>[^)\s]+)\)")]
    private static partial Regex RelativeLink();
}
