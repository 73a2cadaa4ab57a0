namespace EscalationDsl.Analysis;

/// <summary>
/// The documentation pages of the rules (<c>docs/rules/ESLnnn.md</c>), embedded in this assembly at
/// build time so that output formats with room for help (SARIF) can carry it.
/// </summary>
public static class LintRuleDocs
{
    /// <summary>The Markdown page of a rule, or null when none was embedded.</summary>
    public static string? Page(LintRule rule)
    {
        using var stream = typeof(LintRuleDocs).Assembly.GetManifestResourceStream(rule.HelpLink);
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    /// <summary>The text of one <c>## heading</c> section of a rule's page, without the heading, or null.</summary>
    public static string? Section(LintRule rule, string heading)
    {
        if (Page(rule) is not { } page)
        {
            return null;
        }

        var start = page.IndexOf("\n## " + heading + "\n", StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        start += heading.Length + 5;
        var end = page.IndexOf("\n## ", start, StringComparison.Ordinal);
        return (end < 0 ? page[start..] : page[start..end]).Trim();
    }
}
