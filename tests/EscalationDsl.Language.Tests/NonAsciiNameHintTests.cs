using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Language.Tests;

/// <summary>
/// A letter outside ASCII in a name is the author's language, not a stray character: ESC1003 says
/// that names are ASCII and where the original spelling can go, instead of "remove it".
/// </summary>
public sealed class NonAsciiNameHintTests
{
    private const string Hint = "Names are made of ASCII letters, digits and '_': spell the name in ASCII and keep the original in its display name, such as `team equipe \"Équipe\"`.";

    [Theory]
    [InlineData("équipe", "é")]
    [InlineData("障害", "障")]
    [InlineData("𝒜team", "𝒜")]
    public void LetterOutsideAsciiInANameSaysNamesAreAscii(string name, string character)
    {
        var model = SemanticModel.Create("names.esc", $$"""
            policy "names" version 1
            owners { team {{name}} "Display" }
            severity sev1 { acknowledge within 15m }
            """);

        var diagnostic = model.Diagnostics.ShouldHaveSingleItem();
        (diagnostic.Code, diagnostic.Message).ShouldBe(("ESC1003", $"The character '{character}' is not part of the .esc language. {Hint}"));
        model.Source.Slice(diagnostic.Span).ShouldBe(character);
    }

    [Fact]
    public void SymbolOutsideAsciiKeepsTheGeneralAdvice()
    {
        var model = SemanticModel.Create("names.esc", """
            policy "names" version 1
            owners { team desk "Desk" }
            severity sev1 { acknowledge within 15m → }
            """);

        model.Diagnostics.ShouldHaveSingleItem().Message.ShouldEndWith("Remove it, or put text inside a \"string\" or after '#' as a comment.");
    }
}
