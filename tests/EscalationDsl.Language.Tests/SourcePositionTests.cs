using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Tests;

/// <summary>
/// Where diagnostics point. The assumption under test: lines are 1-based and end at \n, \r\n or a
/// lone \r; columns are 1-based and count UTF-16 code units from the start of the line (LSP's and
/// SARIF's default). So a tab is one column, 'ü' is one column, and a character outside the Basic
/// Multilingual Plane, such as an emoji, is two. Editors that count characters or display cells
/// may show a different column on the same line; the offset in the span is exact either way.
/// </summary>
public sealed class SourcePositionTests
{
    private const string Header = "policy \"positions\" version 1\n";
    private const string Tail = "severity sev1 { acknowledge within 15m }\n";

    [Fact]
    public void ColumnsCountUtf16UnitsAfterNonAsciiText()
    {
        var text = Header + "owners {\n    team ops \"Störungsdienst für Bäckereien\" $\n}\n" + Tail;

        var diagnostic = SingleDiagnostic(text, out var source);

        // Four umlauts precede the '$': UTF-8 byte columns would say 50, UTF-16 units say 46.
        diagnostic.Code.ShouldBe("ESC1003");
        source.GetPosition(diagnostic.Span.Start).ShouldBe(new LinePosition(3, 46));
        source.Slice(diagnostic.Span).ShouldBe("$");
    }

    [Fact]
    public void CharacterOutsideTheBasicPlaneCountsAsTwoColumns()
    {
        // "🚨" is one character on screen but two UTF-16 code units: counting code points would say 26.
        var text = Header + "owners {\n    team ops \"🚨 on call\" $\n}\n" + Tail;

        var diagnostic = SingleDiagnostic(text, out var source);

        source.GetPosition(diagnostic.Span.Start).ShouldBe(new LinePosition(3, 27));
        source.Slice(diagnostic.Span).ShouldBe("$");
    }

    [Fact]
    public void StrayEmojiIsReportedAsOneCharacterSpanningTwoUnits()
    {
        var text = Header + "owners {\n    team ops \"Ops\" 🚨\n}\n" + Tail;

        var diagnostic = SingleDiagnostic(text, out var source);

        diagnostic.Code.ShouldBe("ESC1003");
        diagnostic.Span.Length.ShouldBe(2);
        diagnostic.Message.ShouldContain("'🚨'");
        source.GetPosition(diagnostic.Span.Start).ShouldBe(new LinePosition(3, 20));
    }

    [Fact]
    public void TabCountsAsOneColumn()
    {
        var text = Header + "owners {\n\tteam\tops\t\"Ops\"\t$\n}\n" + Tail;

        var diagnostic = SingleDiagnostic(text, out var source);

        source.GetPosition(diagnostic.Span.Start).ShouldBe(new LinePosition(3, 17));
    }

    [Fact]
    public void CaretLinesUpUnderTabIndentedSource()
    {
        // The formatter expands each tab to four spaces in both the source line and the caret line.
        var text = Header + "owners {\n\tteam\tops\t\"Ops\"\t$\n}\n" + Tail;
        var model = SemanticModel.Create("t.esc", text);

        var lines = DiagnosticFormatter.Format(model.Source, model.Diagnostics.Single(), color: false).Split('\n');
        var sourceLine = lines[2];
        var caretLine = lines[3];

        caretLine.IndexOf('^', StringComparison.Ordinal).ShouldBe(sourceLine.IndexOf('$', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("障害対応", 8)] // four wide characters: two cells each, one UTF-16 unit each
    [InlineData("Cafe\u0301", 4)] // a combining accent takes no cell
    [InlineData("🚨 on call", 10)] // an emoji: two cells, two units
    public void CaretLinesUpUnderWideAndCombiningCharacters(string name, int cells)
    {
        var text = Header + $"owners {{ team ops \"{name}\" $ }}\n" + Tail;
        var model = SemanticModel.Create("t.esc", text);

        var lines = DiagnosticFormatter.Format(model.Source, model.Diagnostics.Single(), color: false).Split('\n');

        // After "2 | ", `owners { team ops "` is 19 cells, then the name, then `" ` before the '$'.
        lines[3].ShouldBe("  | " + new string(' ', 19 + cells + 2) + "^");
    }

    [Fact]
    public void ControlCharactersInTheExcerptAreShownNotSentToTheTerminal()
    {
        // Raw, ESC [2J would clear the screen the diagnostics are printed on, and BEL would ring.
        var text = Header + "owners { team ops \"Ops \u001b[2J\u0007\u0085\" $ }\n" + Tail;
        var model = SemanticModel.Create("t.esc", text);

        var lines = DiagnosticFormatter.Format(model.Source, model.Diagnostics.Single(), color: false).Split('\n');

        lines[2].ShouldBe("2 | owners { team ops \"Ops \u241b[2J\u2407\ufffd\" $ }");
        lines[3].IndexOf('^', StringComparison.Ordinal).ShouldBe(lines[2].IndexOf('$', StringComparison.Ordinal));
    }

    [Fact]
    public void ABidirectionalOverrideDoesNotReorderTheExcerptAroundTheCaret()
    {
        // U+202E would show the rest of the line right to left, so the caret would sit under other text.
        var text = Header + "owners { team ops \"a\u202e b\" $ }\n" + Tail;
        var model = SemanticModel.Create("t.esc", text);

        var lines = DiagnosticFormatter.Format(model.Source, model.Diagnostics.Single(), color: false).Split('\n');

        lines[2].ShouldBe("2 | owners { team ops \"a\ufffd b\" $ }");
        lines[3].IndexOf('^', StringComparison.Ordinal).ShouldBe(lines[2].IndexOf('$', StringComparison.Ordinal));
    }

    [Fact]
    public void CrLfLineEndingsCountOneLinePerBreak()
    {
        var text = (Header + "owners {\n    team ops \"Ops\"\n}\n" + Tail + "escalation r for sev1 {\n    owner opz\n}\n").Replace("\n", "\r\n", StringComparison.Ordinal);

        var diagnostic = SingleDiagnostic(text, out var source);

        diagnostic.Code.ShouldBe("ESC2003");
        source.GetPosition(diagnostic.Span.Start).ShouldBe(new LinePosition(7, 11));
        source.Slice(diagnostic.Span).ShouldBe("opz");
    }

    [Fact]
    public void LoneCarriageReturnEndsALine()
    {
        var text = (Header + "owners {\n    team ops \"Ops\"\n}\n" + Tail + "escalation r for sev1 {\n    owner opz\n}\n").Replace('\n', '\r');

        var diagnostic = SingleDiagnostic(text, out var source);

        source.GetPosition(diagnostic.Span.Start).ShouldBe(new LinePosition(7, 11));
    }

    [Fact]
    public void MissingBraceLineNamesTheOpeningLineWithCrLfEndings()
    {
        var text = (Header + "owners {\n    team ops \"Ops\"\n\n" + Tail).Replace("\n", "\r\n", StringComparison.Ordinal);

        var diagnostic = SingleDiagnostic(text, out var source);

        diagnostic.Code.ShouldBe("ESC1004");
        diagnostic.Message.ShouldContain("the '{' on line 2");
        source.GetPosition(diagnostic.Span.Start).ShouldBe(new LinePosition(3, 19));
    }

    [Fact]
    public void ALeadingByteOrderMarkIsNotPartOfTheText()
    {
        // File.ReadAllText drops the mark, standard input keeps it: both must read the same.
        var text = Header + "owners {\n    team ops \"Ops\" $\n}\n" + Tail;

        var diagnostic = SingleDiagnostic("\uFEFF" + text, out var source);

        diagnostic.Code.ShouldBe("ESC1003");
        source.Text.ShouldBe(text);
        source.GetPosition(diagnostic.Span.Start).ShouldBe(new LinePosition(3, 20));
    }

    [Fact]
    public void SemanticDiagnosticSpanCoversExactlyTheName()
    {
        var text = Header + "owners {\n    team network \"Net\"\n}\n" + Tail + "escalation r for sev1 {\n    after 5m: notify netwrk, network\n}\n";

        var diagnostic = SingleDiagnostic(text, out var source);

        source.Slice(diagnostic.Span).ShouldBe("netwrk");
        source.GetPosition(diagnostic.Span.End).ShouldBe(new LinePosition(7, 28));
    }

    private static Diagnostic SingleDiagnostic(string text, out SourceText source)
    {
        var model = SemanticModel.Create("t.esc", text);
        source = model.Source;
        return model.Diagnostics.ShouldHaveSingleItem();
    }
}
