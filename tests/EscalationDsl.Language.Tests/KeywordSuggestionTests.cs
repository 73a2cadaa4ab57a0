using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Language.Tests;

/// <summary>A misspelt keyword is named in the syntax error, wherever in a line it appears.</summary>
public sealed class KeywordSuggestionTests
{
    private const string Owners = "owners {\n    team ops \"Ops\"\n    team net \"Net\"\n}\n";

    [Theory]
    [InlineData("severty sev1 { acknowledge within 15m }", "severty", "severity")]
    [InlineData("ownres { team a \"A\" }\nseverity sev1 { acknowledge within 15m }", "ownres", "owners")]
    [InlineData("severity sev1 { acknowledge within 15m }\nescalaton r for sev1 { owner ops }", "escalaton", "escalation")]
    public void MisspeltDeclarationKeywordIsSuggested(string body, string written, string keyword) =>
        AssertSuggestion(body, written, keyword);

    [Theory]
    [InlineData("aftr 15m: notify net", "aftr", "after")]
    [InlineData("after 15m unles acknowledged: notify net", "unles", "unless")]
    [InlineData("after 15m: notfy net", "notfy", "notify")]
    [InlineData("after 15m: escalate t0 net", "t0", "to")]
    [InlineData("every 1h while not contained up to 3 tmes: remind owner", "tmes", "times")]
    [InlineData("after 15m: stop pagng", "pagng", "paging")]
    public void MisspeltKeywordInsideARuleIsSuggested(string step, string written, string keyword) =>
        AssertSuggestion($"severity sev1 {{ acknowledge within 15m }}\nescalation r for sev1 {{\n    owner ops\n    {step}\n}}", written, keyword);

    [Fact]
    public void KeywordAfterAComponentIsSuggestedAlthoughTheItemStartedEarlier()
    {
        // The parser fails while choosing between `within` and `every`; the suggestion must come
        // from what may follow `acknowledge`, not from what may start an item.
        AssertSuggestion("severity sev1 { acknowledge withn 15m }", "withn", "within");
    }

    [Fact]
    public void MisspeltKeywordFollowedByWhatFitsIsReadAsThatKeyword()
    {
        var model = Create("severity sev1 { acknowledge within 15m }\nescalation r fr sev1 {\n    owner ops\n}");

        model.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe("Unexpected name 'fr'. Did you mean the keyword 'for'?");
        model.Policy.Rules.ShouldHaveSingleItem().Severities.ShouldHaveSingleItem().Name.ShouldBe("sev1");
    }

    [Fact]
    public void KeywordWrittenForACloseOneIsReadAsThatKeyword()
    {
        // Inserting the missing 'escalate' ended the guard before `escalation`, which then started a rule
        // named `when`, and `==` was reported as the missing `for` of that rule.
        var model = Create("fields { issue_type enum [hardware, access]  asset_tag text }\nseverity sev1 { acknowledge within 15m }\n"
            + "require asset_tag before escalation when issue_type == hardware");

        var diagnostic = model.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Message.ShouldBe("Unexpected keyword 'escalation'. Did you mean the keyword 'escalate'?");
        model.Source.Slice(diagnostic.Span).ShouldBe("escalation");
        ModelFormatter.Format(model.Policy.RequireGuards.ShouldHaveSingleItem().When!).ShouldBe("issue_type == hardware");
    }

    [Fact]
    public void NameFarFromEveryKeywordListsWhatWasExpected()
    {
        var model = Create("owners {\n    squad ops \"Ops\"\n}\nseverity sev1 { acknowledge within 15m }");

        model.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe("Unexpected name 'squad'. Expected 'group', 'person', 'role', 'team', '}'.");
    }

    [Fact]
    public void KeywordUsedAsAValueSuggestsQuotingIt()
    {
        var model = Create("fields {\n    channel enum [phone, default, chat]\n}\nseverity sev1 { acknowledge within 15m }");

        var diagnostic = model.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe(DiagnosticCatalog.UnexpectedToken.Code);
        diagnostic.Message.ShouldContain("write it as a string: \"default\"");
    }

    [Fact]
    public void WordsThatAreKeywordsElsewhereWorkAsValues()
    {
        var model = Create("fields {\n    tier enum [team, business, page]\n}\nseverity sev1 { acknowledge within 15m }\n" +
            "route tier {\n    team, business -> ops\n    default -> ops\n}\n" +
            "escalation paged for sev1 when tier in [team, page] {\n    owner ops\n}");

        model.Diagnostics.ShouldBeEmpty();
        model.Policy.FindField("tier")!.Values.ShouldBe(["team", "business", "page"]);
        model.Policy.FindRoute("tier")!.Entries[0].Values.ShouldBe(["team", "business"]);
    }

    [Fact]
    public void QuotedKeywordWorksAsAnEnumValue()
    {
        var model = Create("fields {\n    channel enum [phone, \"page\", chat]\n}\nseverity sev1 { acknowledge within 15m }\n" +
            "escalation paged for sev1 when channel == \"page\" {\n    owner ops\n}");

        model.Diagnostics.ShouldBeEmpty();
        model.Policy.FindField("channel")!.Values.ShouldBe(["phone", "page", "chat"]);
    }

    [Fact]
    public void ANameWhereAStringBelongsIsToldToGoInQuotes()
    {
        // A new user wrote `policy support version 1` and got "Expected a "string"." with no fix (h-user2 M1).
        var model = SemanticModel.Create("q.esc", "policy support version 1\nowners { team a \"A\" }\nseverity s1 { acknowledge within 15m }\n");

        model.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe("Unexpected name 'support'. Expected a \"string\": write it in quotes, \"support\".");
    }

    [Fact]
    public void KeywordUsedAsANameSuggestsAnotherName()
    {
        var model = Create("severity sev1 { acknowledge within 15m }\nescalation page for sev1 {\n    owner ops\n}");

        model.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe("Unexpected keyword 'page'. 'page' is a keyword, so it cannot be an escalation rule name. Choose another name, such as 'page_rule'.");
    }

    private static void AssertSuggestion(string body, string written, string keyword)
    {
        var model = Create(body);

        var diagnostic = model.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Message.ShouldBe($"Unexpected name '{written}'. Did you mean the keyword '{keyword}'?");
        model.Source.Slice(diagnostic.Span).ShouldBe(written);
    }

    private static SemanticModel Create(string body) =>
        SemanticModel.Create("t.esc", "policy \"suggestions\" version 1\n" + Owners + body + "\n");
}
