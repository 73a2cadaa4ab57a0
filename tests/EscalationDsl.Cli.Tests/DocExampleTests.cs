using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary>
/// The outputs shown on the command-line pages are what `esc` prints (to standard output, or to standard
/// error where the page says so): each example is run with the
/// real command tree. An example with an ```esc policy above it gets that policy on standard input
/// (for `-`) or as the .esc file its command names, in a scratch folder; any other runs from the
/// repository root on the repository's own files.
/// </summary>
public sealed class DocExampleTests
{
    public static TheoryData<string> Pages() => new("docs/cli.md", "docs/diagnostics/README.md");

    [Theory]
    [MemberData(nameof(Pages))]
    public void EveryExampleShowsWhatEscPrints(string page)
    {
        DocPage.Load(RepoPaths.Combine(page.Split('/'))).OutputsShouldBe(Run);
    }

    private static string Run(DocExample example)
    {
        var result = Execute(example);
        return example.StandardError ? result.Error : result.Out;
    }

    private static Esc.Result Execute(DocExample example)
    {
        var args = example.Arguments;
        if (example.Policy is null)
        {
            return Esc.Run(args);
        }

        if (args.Contains("-"))
        {
            return Esc.RunWithInput(example.Policy, args);
        }

        using var folder = new LintTempFolder();
        folder.Write(args.Single(a => a.EndsWith(PolicyInputs.Extension, StringComparison.Ordinal)), example.Policy);
        return Esc.RunIn(folder.Path, string.Empty, args);
    }
}
