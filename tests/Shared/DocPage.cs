using System.Text.RegularExpressions;
using Shouldly;

namespace EscalationDsl.Tests;

/// <summary>
/// A reference page for one diagnostic or lint rule (docs/diagnostics/ESCnnnn.md, docs/rules/ESLnnn.md):
/// the policy under "## Example", the output printed for it, and the policy under "## Fix".
/// </summary>
internal sealed partial record DocPage(string Path, string Example, string Output, string Fix)
{
    public static DocPage Load(string path)
    {
        File.Exists(path).ShouldBeTrue($"{System.IO.Path.GetRelativePath(RepoPaths.Root, path)} is missing");
        var page = ReadNormalized(path);
        var example = Section(page, "## Example");
        var fix = Section(page, "## Fix");
        return new DocPage(path, Body(example, "esc"), Body(example, "text").TrimEnd(), Body(fix, "esc"));
    }

    /// <summary>Checks the printed output on the page, or rewrites it when ESC_UPDATE_BASELINES=1.</summary>
    public void OutputShouldBe(string actual, string what)
    {
        actual = actual.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();
        if (RepoPaths.UpdateBaselines && actual != Output)
        {
            var page = ReadNormalized(Path);
            var start = page.IndexOf("\n## Example\n", StringComparison.Ordinal);
            var block = Block(Section(page, "## Example"), "text");
            var at = start + block.Groups[2].Index;
            File.WriteAllText(Path, page[..at] + actual + "\n" + page[(at + block.Groups[2].Length)..]);
            return;
        }

        actual.ShouldBe(Output, $"the output on {System.IO.Path.GetRelativePath(RepoPaths.Root, Path)} is not what {what} prints for its example; if the change is intended, rerun with ESC_UPDATE_BASELINES=1 and review the diff");
    }

    private static string ReadNormalized(string path) => File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string Section(string page, string heading)
    {
        var start = page.IndexOf("\n" + heading + "\n", StringComparison.Ordinal);
        start.ShouldBeGreaterThan(0, $"no '{heading}' section");
        var end = page.IndexOf("\n## ", start + heading.Length + 2, StringComparison.Ordinal);
        return end < 0 ? page[start..] : page[start..end];
    }

    private static string Body(string section, string language) => Block(section, language).Groups[2].Value;

    private static Match Block(string section, string language)
    {
        var match = FencedBlock().Matches(section).FirstOrDefault(m => m.Groups[1].Value == language);
        match.ShouldNotBeNull($"no ```{language} block");
        return match;
    }

    [GeneratedRegex(@"```(\w+)\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex FencedBlock();
}
