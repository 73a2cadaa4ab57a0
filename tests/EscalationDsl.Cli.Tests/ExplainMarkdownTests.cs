using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary>
/// <c>esc explain --format markdown</c>: a trainer's handout or a slide (a new-user trial's trainer had to turn the text
/// into a table with awk): the timeline as a table, each state block after its entries, text shown as written.
/// </summary>
public sealed class ExplainMarkdownTests
{
    private static readonly string[] Outage = ["explain", "policies/support.esc", "--events", "policies/events/sev1-network-outage.jsonl"];

    [Fact]
    public void EachTextLineBecomesATableRowOrAStateItemWithTheSameWords()
    {
        var text = Esc.Run([.. Outage, "--at", "+1h"]);
        var markdown = Esc.Run([.. Outage, "--at", "+1h", "--format", "markdown"]);

        markdown.ExitCode.ShouldBe(0, markdown.Error);
        var textLines = text.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var lines = markdown.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("**Ticket INC-1042** under policy support version 1");
        lines[1..3].ShouldBe(["| time | kind | entry |", "|---|---|---|"]);
        var rows = lines.Where(l => l.StartsWith("| 2026", StringComparison.Ordinal)).ToList();
        var entries = textLines.Where(l => l.StartsWith("2026", StringComparison.Ordinal)).ToList();
        rows.Count.ShouldBe(entries.Count);
        // The same time, kind and words; Markdown escapes the brackets of decision ids and the backticks of quoted policy text.
        rows.Select(r => string.Join(' ', r.Replace("\\[", "[").Replace("\\]", "]").Replace("\\`", "`").Split([' ', '|'], StringSplitOptions.RemoveEmptyEntries)))
            .ShouldBe(entries.Select(e => string.Join(' ', e.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
        var state = textLines.SkipWhile(l => !l.StartsWith("state at", StringComparison.Ordinal)).ToList();
        lines.SkipWhile(l => !l.StartsWith("state at", StringComparison.Ordinal))
            .ShouldBe(state.Select((l, i) => i == 0 ? l : "- " + string.Join(' ', l.Split(' ', StringSplitOptions.RemoveEmptyEntries))));
    }

    [Fact]
    public void ValuesFromTheEventsAreEscapedSoATableCellHoldsThem()
    {
        using var folder = new LintTempFolder();
        folder.Write("t.jsonl", """
            {"ticket":"T|1","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev3","fields":{"workaround":"a | b\n*c*"}}
            """);
        var result = Esc.RunIn(folder.Path, string.Empty, "explain", Path.Combine(RepoPaths.Policies, "support.esc"), "--events", "t.jsonl", "--format", "markdown");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldStartWith("**Ticket T\\|1** under policy support version 1\n");
        result.Out.ShouldContain("| 2026-11-02T14:00:00Z | event | event created severity=sev3 workaround=a \\| b<br>\\*c\\* |\n");
    }

    [Fact]
    public void WithStepsEachStateFollowsATableOfTheEntriesUpToIt()
    {
        var result = Esc.Run([.. Outage, "--at", "+30m", "--step", "15m", "--only", "event", "--format", "markdown"]);

        result.ExitCode.ShouldBe(0, result.Error);
        var heads = result.Out.Split('\n').Where(l => l.StartsWith("state at", StringComparison.Ordinal) || l == "| time | kind | entry |").ToList();
        heads.ShouldBe([
            "| time | kind | entry |",
            "state at 2026-11-02T14:00:00Z (+0m): open, severity sev1, owner frontline, escalation level 0",
            "| time | kind | entry |",
            "state at 2026-11-02T14:15:00Z (+15m): open, severity sev1, owner frontline, escalation level 0",
            "| time | kind | entry |",
            "state at 2026-11-02T14:30:00Z (+30m): escalated, severity sev1, owner commander, escalation level 1",
        ]);
    }
}
