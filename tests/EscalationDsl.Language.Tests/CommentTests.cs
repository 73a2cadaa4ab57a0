using EscalationDsl.Language.Parsing;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Tests;

/// <summary>`#` comments are kept in PolicyFileSyntax.Comments, in order, with exact spans.</summary>
public sealed class CommentTests
{
    [Fact]
    public void CommentsAreCollectedInSourceOrderWithExactSpans()
    {
        const string text = """
            # Escalation policy for the front line.
            policy "comments" version 1

            owners {
                team ops "Ops"   # the only team
            }
            # Severities follow.
            severity sev1 { acknowledge within 15m }
            """;

        var parse = Parse(text);

        parse.Diagnostics.ShouldBeEmpty();
        parse.Syntax.Comments.Select(c => c.Text).ShouldBe(["# Escalation policy for the front line.", "# the only team", "# Severities follow."]);
        foreach (var comment in parse.Syntax.Comments)
        {
            parse.Source.Slice(comment.Span).ShouldBe(comment.Text);
        }

        parse.Source.GetPosition(parse.Syntax.Comments[1].Span.Start).ShouldBe(new LinePosition(5, 22));
    }

    [Fact]
    public void HashInsideAStringIsNotAComment()
    {
        var parse = Parse("policy \"issue #42\" version 1\nseverity sev1 \"Severity #1\" { acknowledge within 15m }\n");

        parse.Diagnostics.ShouldBeEmpty();
        parse.Syntax.Comments.ShouldBeEmpty();
        parse.Syntax.Header!.Name!.Value.ShouldBe("issue #42");
    }

    [Fact]
    public void CommentEndsBeforeTheCarriageReturnOfACrLf()
    {
        var parse = Parse("# first\r\npolicy \"p\" version 1 # trailing\r\nseverity sev1 { acknowledge within 15m }\r\n");

        parse.Syntax.Comments.Select(c => c.Text).ShouldBe(["# first", "# trailing"]);
    }

    [Fact]
    public void CommentOnTheLastLineWithoutALineBreakIsCollected()
    {
        var parse = Parse("policy \"p\" version 1\nseverity sev1 { acknowledge within 15m }\n# end");

        var comment = parse.Syntax.Comments.ShouldHaveSingleItem();
        comment.Text.ShouldBe("# end");
        comment.Span.End.ShouldBe(parse.Source.Text.Length);
    }

    [Fact]
    public void CommentsAreCollectedEvenWhenTheFileHasSyntaxErrors()
    {
        var parse = Parse("policy \"p\" version 1\n# before\nseverity sev1 { acknowledge within 15m ; }\n# after\n");

        parse.HasErrors.ShouldBeTrue();
        parse.Syntax.Comments.Select(c => c.Text).ShouldBe(["# before", "# after"]);
    }

    private static ParseResult Parse(string text) => PolicyParser.Parse(new SourceText("t.esc", text));
}
