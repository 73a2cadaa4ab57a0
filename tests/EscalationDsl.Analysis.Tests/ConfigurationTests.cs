using EscalationDsl.Analysis.Configuration;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Analysis.Tests;

public sealed class ConfigurationTests
{
    private const string Late = Policies.Header + """
        severity sev1 { acknowledge within 15m }
        escalation main for sev1 {
            owner desk
            after 45m unless acknowledged: escalate to next
            every 1h: remind owner
        }
        """;

    [Fact]
    public void RulesCanBeTurnedOffOrChangeLevelByCodeOrName()
    {
        var configuration = LintConfiguration.Parse("""{ "rules": { "ESL001": "off", "uncapped-repeat": "error" } }""");

        var result = LintHarness.Lint(Late, configuration);

        result.Diagnostics.Select(d => $"{d.Code} {d.Level}").ShouldBe(["ESL007 Error"]);
    }

    [Fact]
    public void DefaultsApplyWithoutConfiguration()
    {
        var result = LintHarness.Lint(Late);

        result.Diagnostics.Select(d => $"{d.Code} {d.Level}").ShouldBe(["ESL001 Warning", "ESL007 Warning"]);
    }

    [Theory]
    [InlineData("""{ "rules": { "ESL999": "off" } }""", "unknown rule 'ESL999'")]
    [InlineData("""{ "rules": { "no-such-rule": "off" } }""", "unknown rule 'no-such-rule'")]
    [InlineData("""{ "rules": { "ESL004": "fatal" } }""", "rule 'ESL004' has the level \"fatal\"")]
    [InlineData("""{ "rules": { "ESL004": 2 } }""", "rule 'ESL004' has the level 2")]
    [InlineData("""{ "rules": { "ESL004": "off", "ambiguous-rules": "info" } }""", "rule ESL004 (ambiguous-rules) is configured twice")]
    [InlineData("""{ "rule": {} }""", "unknown setting 'rule'")]
    [InlineData("""[1]""", "must hold a JSON object")]
    [InlineData("""{ "rules": """, "not valid JSON")]
    public void BadConfigurationSaysWhatIsWrong(string json, string message)
    {
        Should.Throw<LintConfigurationException>(() => LintConfiguration.Parse(json)).Message.ShouldContain(message);
    }

    [Theory]
    [InlineData("{\n  \"rules\": {\n    \"ESL0004\": \"off\"\n  }\n}", 3, 5, "unknown rule 'ESL0004'")]
    [InlineData("{ \"rules\": { \"ESL004\": 2 } }", 1, 24, "rule 'ESL004' has the level 2")]
    [InlineData("{ \"rules\": { \"ESL004\": \"off\" } } x", 1, 34, "not valid JSON: 'x' is invalid after a single JSON value. Expected end of data")]
    [InlineData("x", 1, 1, "not valid JSON: 'x' is an invalid start of a value")]
    [InlineData("\r\n\r\n  // nothing yet\r\n", 1, 1, "the file holds no JSON")]
    [InlineData("{ \"rules\": { /* é😀 */ \"ESL0004\": \"off\" } }", 1, 24, "unknown rule 'ESL0004'")]
    [InlineData("{ /* é😀 */ \"rules\": { \"ESL004\": \"off\" \"x\" } }", 1, 40, "not valid JSON: '\"' is invalid after a value")]
    [InlineData("{\r\n  \"rules\": {\r\n    \"ESL004\": \"off\",\r\n    \"ESL005\" \"off\"\r\n  }\r\n}", 4, 14, "not valid JSON: '\"' is invalid after a property name")]
    [InlineData("{ \"rules\": { \"ESL004\": \"off\",\n  \"ESL004\": \"error\" } }", 2, 3, "'ESL004' is given twice in the same object; keep one (the last would silently win)")]
    [InlineData("{ \"rules\": {\n  \"ESL\\ud800\": \"off\" } }", 2, 3, "not valid text: an escape such as \\ud800 leaves half of a UTF-16 surrogate pair")]
    [InlineData("{ \"rules\": { \"ESL004\": \"o\\udfffff\" } }", 1, 24, "not valid text: an escape such as \\ud800 leaves half of a UTF-16 surrogate pair")]
    public void MistakesHaveAOneBasedLineAndUtf16Column(string json, int line, int column, string message)
    {
        var error = Should.Throw<LintConfigurationException>(() => LintConfiguration.Parse(json));

        error.Position.ShouldBe(new LinePosition(line, column));
        error.Message.ShouldStartWith(message);
        error.Message.ShouldNotContain("LineNumber");
    }

    [Fact]
    public void EveryMistakeIsReportedNotOnlyTheFirst()
    {
        var error = Should.Throw<LintConfigurationException>(() => LintConfiguration.Parse(
            "{ \"rules\": { \"ESL009\": \"of\", \"ESL99\": \"warning\", \"ESL004\": { \"level\": \"off\" }, \"ESL005\": \"off\" },\n  \"x\": [1] } x"));

        error.Problems.Select(p => $"{p.Position.Line}:{p.Position.Column} {p.Message}").ShouldBe([
            "1:24 rule 'ESL009' has the level \"of\"; use \"off\", \"info\", \"warning\" or \"error\"",
            "1:30 unknown rule 'ESL99'; rules are ESL001 to ESL034 or their names (see docs/rules/README.md)",
            "1:60 rule 'ESL004' has the level { ... }; use \"off\", \"info\", \"warning\" or \"error\"",
            "2:3 unknown setting 'x'; the only setting is \"rules\"",
            "2:14 not valid JSON: 'x' is invalid after a single JSON value. Expected end of data",
        ]);
        error.Message.ShouldBe(error.Problems[0].Message);
        error.Position.ShouldBe(error.Problems[0].Position);
    }

    [Fact]
    public void CommentsAndTrailingCommasAreAccepted()
    {
        var configuration = LintConfiguration.Parse("""
            {
              // info findings are noise in this repository
              "rules": { "unused-field": "off", },
            }
            """);

        configuration.Levels.ShouldContainKey("ESL019");
        configuration.Levels["ESL019"].ShouldBeNull();
        configuration.LevelOf(LintRuleCatalog.Find("ESL004")!).ShouldBe(DiagnosticLevel.Warning);
    }

    [Fact]
    public void PolicyWithErrorsIsNotLinted()
    {
        var model = Language.Semantics.SemanticModel.Create("bad.esc", Policies.Header + "severity sev1 { acknowledge within 15x }\n");

        var result = Linter.Lint(model);

        result.RulesRan.ShouldBeFalse();
        result.Diagnostics.Select(d => d.Code).ShouldBe(["ESC2007"]);
    }
}
