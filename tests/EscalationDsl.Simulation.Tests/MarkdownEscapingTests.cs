using System.Text;
using System.Text.Json;
using EscalationDsl.Simulation.Rendering;

namespace EscalationDsl.Simulation.Tests;

/// <summary>Values from the ticket data show in the Markdown report as written, never as Markdown.</summary>
public sealed class MarkdownEscapingTests
{
    [Theory]
    [InlineData("[link](http://example.invalid)", @"\[link\](http\://example.invalid)")]
    [InlineData("see www.example.invalid or ops@example.invalid", @"see www\.example.invalid or ops\@example.invalid")]
    [InlineData("back\\slash *star* _u_ `code`", @"back\\slash \*star\* \_u\_ \`code\`")]
    [InlineData("a|b", @"a\|b")]
    [InlineData("<b>bold</b>", "&lt;b>bold&lt;/b>")]
    [InlineData("~~gone~~ $x$", @"\~\~gone\~\~ \$x\$")]
    [InlineData("fish &amp; chips", @"fish \&amp; chips")]
    [InlineData("first\nsecond", "first<br>second")]
    [InlineData("first_update", "first_update")]
    public void AnIssueTypeIsEscapedInItsTableCell(string issueType, string cell)
    {
        var markdown = MarkdownReport.Render(Resolved(issueType, owner: "desk", ticket: "T1"));

        markdown.ShouldContain("| " + cell + " | 1 |");
    }

    [Fact]
    public void TicketIdsAndQueuesAreEscapedToo()
    {
        var markdown = MarkdownReport.Render(Resolved("other", owner: "_ops_ [q]", ticket: "`T1`"));

        markdown.ShouldContain(@"| \_ops\_ \[q\] |");
        markdown.ShouldNotContain("_ops_");
    }

    /// <summary>A policy that leaves issue types free text, so any value reaches the report.</summary>
    private static readonly Lazy<Runtime.CompiledPolicy> FreeText = new(() => Policies.Compile("""
        policy "p" version 1
        owners { team desk "Desk" }
        severity sev3 "Sev 3" { acknowledge within 15m }
        """));

    /// <summary>One sev3 ticket resolved five minutes after creation.</summary>
    private static Reporting.SimulationReport Resolved(string issueType, string owner, string ticket)
    {
        var id = JsonSerializer.Serialize(ticket);
        var events = new StringBuilder()
            .Append($$"""{"ticket":{{id}},"at":"2026-11-02T14:00:00Z","type":"created","severity":"sev3","issue_type":{{JsonSerializer.Serialize(issueType)}},"owner":{{JsonSerializer.Serialize(owner)}}}""").Append('\n')
            .Append($$"""{"ticket":{{id}},"at":"2026-11-02T14:05:00Z","type":"resolved"}""").Append('\n');
        var replay = Replays.Canonical(".jsonl", events.ToString(), FreeText.Value);
        replay.Problems.ShouldBeEmpty();
        return replay.Result!.Report;
    }
}
