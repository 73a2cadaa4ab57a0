using EscalationDsl.Tests;

namespace EscalationDsl.Language.Tests;

/// <summary>The reader of documentation examples finds every shown output, and refuses one it would not check.</summary>
public sealed class DocPageTests : IDisposable
{
    private const string Page = """
        # A page

        ```esc
        policy "a" version 1
        ```

        `esc check example.esc` prints:

        ```text
        old text
        ```

        `esc check --format json example.esc` prints:

        ```json
        old json
        ```

        ```sh
        esc check policies/
        ```

        For the shipped policies, `esc check policies/` prints:

        ```text
        nothing
        ```

        and `esc check policies/` prints on standard error:

        ```text
        checked 3 files: 0 errors, 0 warnings
        ```
        """;

    private readonly string path = Path.Combine(Path.GetTempPath(), $"esc-docpage-{Guid.NewGuid():N}.md");

    public void Dispose() => File.Delete(path);

    [Fact]
    public void EveryOutputAfterPrintsIsAnExampleWithThePolicyAboveIt()
    {
        var page = Write(Page);

        page.Examples.Select(e => (e.Command, e.Policy, e.Expected, e.StandardError)).ShouldBe(
        [
            ("esc check example.esc", "policy \"a\" version 1\n", "old text", false),
            ("esc check --format json example.esc", "policy \"a\" version 1\n", "old json", false),
            ("esc check policies/", null, "nothing", false),
            ("esc check policies/", null, "checked 3 files: 0 errors, 0 warnings", true),
        ]);
    }

    [Fact]
    public void AnExpectMarkerRightAboveABlockNamesTheCodeItRaises()
    {
        var page = Write("```esc\npolicy \"a\" version 1\n```\n\n<!-- expect: ESC2007 -->\n```esc\nseverity sev1 { acknowledge within 15x }\n```\n");

        page.EscBlocks().Select(b => (b.Block.Line, b.Expect)).ShouldBe([(1, null), (6, "ESC2007")]);
    }

    [Fact]
    public void OutputAfterAnExampleWithoutPrintsIsRefused()
    {
        var error = Should.Throw<ShouldAssertException>(() => Write("```esc\npolicy \"a\" version 1\n```\n\n```text\nunchecked\n```\n"));

        error.Message.ShouldContain("output right under an esc example must be introduced by \"`esc ...` prints:\"");
    }

    [Fact]
    public void DifferentOutputFailsNamingTheLine()
    {
        var page = Write(Page);

        var error = Should.Throw<ShouldAssertException>(() => page.OutputsShouldBe(e => e.Command == "esc check policies/" ? e.Expected : "new"));

        error.Message.ShouldContain(":9: `esc check example.esc` prints\nnew");
        error.Message.ShouldContain(":15: `esc check --format json example.esc` prints\nnew");
    }

    [Fact]
    public void UpdatingRewritesEveryChangedOutputAndKeepsWindowsLineEndings()
    {
        var page = Write(Page.Replace("\n", "\r\n", StringComparison.Ordinal));

        page.OutputsShouldBe(e => e.Command.Contains("json", StringComparison.Ordinal) ? "{\n}\n\n" : e.Command == "esc check policies/" ? e.Expected : "new\ntext", update: true);

        File.ReadAllText(path).ShouldBe(Page
            .Replace("old text", "new\ntext", StringComparison.Ordinal)
            .Replace("old json", "{\n}", StringComparison.Ordinal)
            .Replace("\n", "\r\n", StringComparison.Ordinal));
    }

    private DocPage Write(string text)
    {
        File.WriteAllText(path, text);
        return DocPage.Load(path);
    }
}
