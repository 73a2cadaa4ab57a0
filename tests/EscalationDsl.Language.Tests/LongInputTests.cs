using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Tests;

/// <summary>Pathologically long input gives output of a readable size, not one error per character with the whole line each time.</summary>
public sealed class LongInputTests
{
    [Fact]
    public void ARunOfOneUnexpectedCharacterIsOneErrorOverTheRun()
    {
        var model = SemanticModel.Create("flood.esc", "policy \"p\" version 1\n" + new string('@', 200_000) + "\n");

        var error = model.Diagnostics.ShouldHaveSingleItem();
        error.Code.ShouldBe("ESC1003");
        error.Span.Start.ShouldBe(21);
        error.Span.Length.ShouldBe(200_000);
        error.Message.ShouldStartWith("The character '@' is not part of the .esc language.");
    }

    [Fact]
    public void ALongSourceLineIsShownAroundTheCaretCutWithEllipses()
    {
        var source = new SourceText("long.esc", "policy \"p\" version 1\n" + new string('a', 1000) + "~" + new string('b', 1000) + "\n");
        var tilde = DiagnosticCatalog.UnexpectedCharacterFound(new TextSpan(21 + 1000, 1), "'~'");

        var lines = DiagnosticFormatter.Format(source, tilde, color: false).Split('\n');

        lines[0].ShouldStartWith("long.esc:2:1001: error[ESC1003]");
        lines[2].ShouldBe("2 | …" + new string('a', 80) + "~" + new string('b', 79) + "…");
        lines[3].ShouldBe("  | " + new string(' ', 81) + "^");
    }

    [Fact]
    public void TabsBeforeTheCaretOfALongLineCountAsTheirExpandedWidth()
    {
        // Only the part of a long line around the caret is read; its tabs still take four cells each.
        var source = new SourceText("tabs.esc", "policy \"p\" version 1\n" + new string('a', 1000) + new string('\t', 10) + "~" + new string('b', 1000) + "\n");
        var tilde = DiagnosticCatalog.UnexpectedCharacterFound(new TextSpan(21 + 1010, 1), "'~'");

        var lines = DiagnosticFormatter.Format(source, tilde, color: false).Split('\n');

        lines[0].ShouldStartWith("tabs.esc:2:1011: error[ESC1003]");
        lines[2].ShouldBe("2 | …" + new string('a', 40) + new string(' ', 40) + "~" + new string('b', 79) + "…");
        lines[3].ShouldBe("  | " + new string(' ', 81) + "^");
    }

    [Fact]
    public void ALongLineOfManyMistakesPrintsEachWithAShortExcerpt()
    {
        var model = SemanticModel.Create("many.esc", "policy \"p\" version 1\n" + string.Concat(Enumerable.Repeat("@`", 2000)) + "\n");

        model.Diagnostics.ShouldNotBeEmpty();
        foreach (var diagnostic in model.Diagnostics)
        {
            DiagnosticFormatter.Format(model.Source, diagnostic, color: false).Split('\n').Skip(1).ShouldAllBe(line => line.Length <= 170);
        }
    }
}
