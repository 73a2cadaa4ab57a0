using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Language.Tests;

/// <summary>
/// A keyword written as the name of a field, owner, severity, escalation rule or calendar is
/// reported as a keyword that cannot be that name, with a name to use instead, and the parser
/// reads the rest of the file as if the name had been given.
/// </summary>
public sealed class KeywordAsDeclaredNameTests
{
    private const string Header = "policy \"names\" version 1\nowners { team ops \"Ops\" }\nseverity sev1 { acknowledge within 15m }\n";

    [Theory]
    [InlineData("fields {\n    within text\n}", "within", "a field", "within_text")]
    [InlineData("fields {\n    region text\n    page flag\n}", "page", "a field", "page_flag")]
    [InlineData("fields {\n    team enum [a, b]\n}", "team", "a field", "team_enum")]
    [InlineData("owners { team within \"Within\" }", "within", "an owner", "within_team")]
    [InlineData("owners {\n    person next engineering\n}", "next", "an owner", "next_person")]
    [InlineData("severity page \"Paging\" { acknowledge within 5m }", "page", "a severity", "page_severity")]
    [InlineData("escalation within for sev1 { owner ops }", "within", "an escalation rule", "within_rule")]
    [InlineData("calendar page \"Europe/Berlin\" { hours mon..fri 09:00-17:00 }", "page", "a calendar", "page_calendar")]
    public void KeywordAsADeclaredNameSaysWhichNameItCannotBe(string declaration, string keyword, string what, string suggestion)
    {
        var model = SemanticModel.Create("t.esc", Header + declaration + "\n");

        var diagnostic = model.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe(DiagnosticCatalog.UnexpectedToken.Code);
        diagnostic.Message.ShouldBe($"Unexpected keyword '{keyword}'. '{keyword}' is a keyword, so it cannot be {what} name. Choose another name, such as '{suggestion}'.");
        model.Source.Slice(diagnostic.Span).ShouldBe(keyword);
    }

    [Fact]
    public void KeywordAsADeclaredNameIsDeclaredUnderItSoItsUsesBind()
    {
        var model = SemanticModel.Create("t.esc", Header
            + "owners { team page \"Paging\" }\ncalendar within \"Europe/Berlin\" { hours mon..fri 09:00-17:00 }\n"
            + "severity next { acknowledge within 5m }\nescalation route for sev1 { owner ops }\n");

        model.Diagnostics.Select(d => model.Source.Slice(d.Span)).ShouldBe(["page", "within", "next", "route"]);
        model.Policy.FindOwner("page").ShouldNotBeNull();
        model.Policy.Calendars.Select(c => c.Name).ShouldBe(["within"]);
        model.Policy.FindSeverity("next").ShouldNotBeNull();
        model.Policy.FindRule("route").ShouldNotBeNull();
    }

    [Fact]
    public void KeywordAsAFieldNameDeclaresTheFieldAndTheLinesAfterItAreFieldsOfTheirOwn()
    {
        // ANTLR alone drops 'within' and reads `text impact` as a field of type 'impact'.
        var model = SemanticModel.Create("t.esc", Header + "fields {\n    within text\n    impact enum [production, minor]\n    region txt\n}\n");

        model.Diagnostics.Select(d => (d.Code, model.Source.Slice(d.Span))).ShouldBe([
            (DiagnosticCatalog.UnexpectedToken.Code, "within"),
            (DiagnosticCatalog.UnknownFieldType.Code, "txt"),
        ]);
        model.Policy.FindField("within")!.Type.ShouldBe(FieldType.Text);
        model.Policy.FindField("impact")!.Values.ShouldBe(["production", "minor"]);
    }

    [Fact]
    public void EveryKeywordFieldOfABlockIsReported()
    {
        var model = SemanticModel.Create("t.esc", Header + "fields {\n    within text\n    page flag\n}\n");

        model.Diagnostics.Select(d => model.Source.Slice(d.Span)).ShouldBe(["within", "page"]);
    }

    [Fact]
    public void KeywordFieldWithAVeryLongValueListIsReadAsAField()
    {
        var values = string.Join(", ", Enumerable.Range(0, 200_000).Select(i => $"v{i}"));
        var model = SemanticModel.Create("t.esc", Header + $"fields {{\n    page enum [{values}]\n}}\n");

        model.Diagnostics.ShouldHaveSingleItem().Message.ShouldContain("cannot be a field name");
        model.Policy.FindField("page")!.Values.Length.ShouldBe(200_000);
    }

    [Fact]
    public void DeclarationAfterAFieldsBlockLeftOpenIsStillTheMissingBrace()
    {
        // `escalation late` would fit as a field of type 'late', but `for sev1 {` does not follow a field.
        var model = SemanticModel.Create("t.esc", Header + "fields {\n    region text\nescalation late for sev1 { owner ops }\n");

        var diagnostic = model.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe(DiagnosticCatalog.MissingToken.Code);
        diagnostic.Message.ShouldContain("Missing '}' to close the '{' on line 4");
    }

    [Fact]
    public void KeywordWhereANameIsReferredToSuggestsNoName()
    {
        var model = SemanticModel.Create("t.esc", Header + "owners { team net \"Net\" reports to page }\n");

        model.Diagnostics.ShouldHaveSingleItem().Message.ShouldBe("Unexpected keyword 'page'. 'page' is a keyword, so it cannot be a name here. Choose another name.");
    }

    [Fact]
    public void KeywordAsAnSlaComponentIsNotCalledAName()
    {
        // The severity block's items start with a name too, but it names an SLA component.
        var model = SemanticModel.Create("t.esc", Header + "severity sev2 { page within 15m }\n");

        model.Diagnostics.ShouldAllBe(d => !d.Message.Contains("name", StringComparison.Ordinal));
    }
}
