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
        var markdown = MarkdownReport.Render(OneTicket.Resolved(issueType));

        markdown.ShouldContain("| " + cell + " | 1 |");
    }

    [Fact]
    public void TicketIdsAndQueuesAreEscapedToo()
    {
        var markdown = MarkdownReport.Render(OneTicket.Resolved("other", owner: "_ops_ [q]", ticket: "`T1`"));

        markdown.ShouldContain(@"| \_ops\_ \[q\] |");
        markdown.ShouldNotContain("_ops_");
    }
}
