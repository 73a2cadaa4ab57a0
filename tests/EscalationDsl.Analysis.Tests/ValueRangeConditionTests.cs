namespace EscalationDsl.Analysis.Tests;

/// <summary>
/// ESL029 and ESL030 on comparisons that a value's range decides: `escalation_level` runs from 0 to 255
/// (it stays at 255), and a `number` field holds at most the largest 64-bit integer.
/// </summary>
public sealed class ValueRangeConditionTests
{
    private const string AtMost255 = "the escalation level is at most 255, where it stays however often the ticket is escalated";

    private const string NeverBelow0 = "the escalation level is never below 0, where every ticket starts";

    /// <summary>Lines 6-15 after the header; the item under test is on line 16.</summary>
    private const string Declarations = """
        fields {
            affected_users number
            vip flag
        }
        severity sev1 { acknowledge within 15m }
        severity sev4 { acknowledge within 4h }
        escalation main for any {
            owner desk
            after 15m unless acknowledged: escalate to next
        }

        """;

    [Fact]
    public void RuleForALevelAbove255IsReportedOnTheComparisonWithTheRange()
    {
        // From the crash hunt (F4): this linted clean, though no ticket ever reaches level 300.
        var text = Policy("escalation r for sev1 when escalation_level > 300 { owner desk\n after 1m: notify lead }");

        LintHarness.Findings(text, "ESL029").ShouldBe(["warning 16:28-16:50"]);
        LintHarness.Message(text, "ESL029").ShouldBe(
            $"In the `when` of rule 'r': `escalation_level > 300` never holds ({AtMost255}), so rule 'r' never applies. Fix the condition or the `for` list.");
        LintHarness.Findings(text, "ESL006").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("escalation_level > 300", "escalation_level > 300", AtMost255)]
    [InlineData("escalation_level > 255", "escalation_level > 255", AtMost255)]
    [InlineData("escalation_level >= 256", "escalation_level >= 256", AtMost255)]
    [InlineData("escalation_level == 300", "escalation_level == 300", AtMost255)]
    [InlineData("escalation_level in [256, 300]", "escalation_level in [256, 300]", AtMost255)]
    [InlineData("escalation_level < 0", "escalation_level < 0", NeverBelow0)]
    [InlineData("not escalation_level >= 0", "not escalation_level >= 0", NeverBelow0)]
    [InlineData("vip and escalation_level > 999", "escalation_level > 999", AtMost255)]
    public void LevelOutsideItsRangeNeverHolds(string condition, string underlined, string reason)
    {
        var text = Policy($"escalation r for any when {condition} {{ owner desk }}");

        LintHarness.Underlined(text, "ESL029").ShouldBe([underlined]);
        LintHarness.Message(text, "ESL029").ShouldContain($"`{underlined}` never holds ({reason}), so rule 'r' never applies");
    }

    [Theory]
    [InlineData("escalation_level >= 0", NeverBelow0)]
    [InlineData("escalation_level <= 255", AtMost255)]
    [InlineData("escalation_level < 300", AtMost255)]
    [InlineData("escalation_level != 300", AtMost255)]
    [InlineData("escalation_level not in [256, 300]", AtMost255)]
    [InlineData("not escalation_level > 255", AtMost255)]
    public void LevelTestThatEveryLevelPassesAlwaysHolds(string condition, string reason)
    {
        var text = Policy($"escalation r for any when {condition} {{ owner desk }}");

        LintHarness.Underlined(text, "ESL030").ShouldBe([condition]);
        LintHarness.Message(text, "ESL030").ShouldContain(
            $"`{condition}` always holds ({reason}; every level from 0 to 255 satisfies it), so the `when` selects nothing");
    }

    [Theory]
    [InlineData("escalation r for any { after 10m unless escalation_level > 300: notify lead }", "ESL029", "so the step always fires")]
    [InlineData("escalation r for any { after 10m unless escalation_level >= 0: notify lead }", "ESL030", "so the step never fires")]
    [InlineData("escalation r for any { every 10m while escalation_level > 300: notify lead }", "ESL029", "so the step never fires")]
    [InlineData("escalation r for any { every 10m while escalation_level <= 255 up to 3 times: notify lead }", "ESL030", "so `while` never stops the repetition")]
    [InlineData("escalation r for any { on acknowledged when escalation_level < 0: notify lead }", "ESL029", "so the step never fires")]
    [InlineData("escalation r for any { require vip before escalate when escalation_level == 256 }", "ESL029", "so the guard never holds back an escalation")]
    [InlineData("require vip before escalate when escalation_level >= 0", "ESL030", "so the guard applies to every escalation")]
    [InlineData("page only when escalation_level > 300", "ESL029", "so every page goes out as a notification")]
    [InlineData("escalation r for any { page only when escalation_level != 300 }", "ESL030", "so the guard never turns a page into a notification")]
    [InlineData("deescalate when escalation_level > 255 { stop paging }", "ESL029", "so the block never runs")]
    [InlineData("pause sla while escalation_level < 256", "ESL030", "so every clock stops")]
    [InlineData("severity sev5 { update every 1h until escalation_level > 300 }", "ESL029", "so the cadence ends only when the ticket is resolved or closed")]
    public void LevelOutsideItsRangeIsReportedWhereverItIsWritten(string item, string code, string consequence)
    {
        var text = Policy(item);

        LintHarness.Underlined(text, code).ShouldHaveSingleItem().ShouldStartWith("escalation_level");
        LintHarness.Message(text, code).ShouldContain(consequence);
        LintHarness.Findings(text, "ESL006").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("ESL029", "escalation r for any when escalation_level >= 255 and escalation_level != 255 { owner desk }",
        $"`escalation_level >= 255` contradicts `escalation_level != 255` ({AtMost255}), so rule 'r' never applies")]
    [InlineData("ESL030", "escalation r for any when escalation_level <= 254 or escalation_level == 255 { owner desk }",
        $"holds whatever the ticket's values ({AtMost255}), so the `when` selects nothing")]
    [InlineData("ESL029", "escalation r for sev1 when escalation_level >= 254 { owner desk\n on acknowledged when escalation_level != 254 and escalation_level != 255: notify lead }",
        $"contradicts `escalation_level >= 254` in the rule's `when` ({AtMost255}), and it is evaluated only while the rule applies")]
    public void PartsThatContradictOnlyWithinTheRangeSayItsBound(string code, string item, string explanation)
    {
        LintHarness.Message(Policy(item), code).ShouldContain(explanation);
    }

    [Fact]
    public void PartsThatContradictAtAnyNumberDoNotMentionTheRange()
    {
        var message = LintHarness.Message(Policy("escalation r for any when escalation_level > 5 and escalation_level < 3 { owner desk }"), "ESL029");

        message.ShouldContain("`escalation_level > 5` contradicts `escalation_level < 3`, so rule 'r' never applies");
        message.ShouldNotContain("escalation level is");
    }

    [Theory]
    [InlineData("escalation_level == 255")]
    [InlineData("escalation_level >= 255")]
    [InlineData("escalation_level > 254")]
    [InlineData("escalation_level == 0")]
    [InlineData("escalation_level <= 0")]
    [InlineData("escalation_level > 0")]
    [InlineData("escalation_level < 255")]
    [InlineData("escalation_level != 255")]
    [InlineData("escalation_level != 0")]
    [InlineData("escalation_level in [0, 300]")]
    [InlineData("escalation_level not in [255, 300]")]
    [InlineData("affected_users < 0")]
    [InlineData("affected_users > 300")]
    [InlineData("affected_users >= 0")]
    public void ComparisonThatTheRangeLeavesOpenIsNotReported(string condition)
    {
        // An event may set a number field to a negative number; only the level has a range of its own.
        LintHarness.Lint(Policy($"escalation r for any when {condition} {{ owner desk }}")).Diagnostics
            .Where(d => d.Code is "ESL006" or "ESL029" or "ESL030").Select(d => d.Message).ShouldBeEmpty();
    }

    [Fact]
    public void NumberAboveTheLargestIntegerNeverHolds()
    {
        var text = Policy("escalation r for any when affected_users > 9223372036854775807 { owner desk }");

        LintHarness.Message(text, "ESL029").ShouldContain(
            "`affected_users > 9223372036854775807` never holds ('affected_users' holds at most 9223372036854775807, the largest whole number a value can be)");
    }

    private static string Policy(string item) => Policies.Header + Declarations + item + "\n";
}
