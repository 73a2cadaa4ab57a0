namespace EscalationDsl.Analysis.Tests;

/// <summary>ESL029 (a condition that can never hold) and ESL030 (one that always holds).</summary>
public sealed class ConditionRuleTests
{
    /// <summary>Lines 6-18 after the header; the item under test is on line 19.</summary>
    private const string Declarations = """
        fields {
            impact enum [production, degraded, minor]
            affected_users number
            vip flag
            note text
        }
        severity sev1 { acknowledge within 15m }
        severity sev2 { acknowledge within 1h }
        severity sev3 { acknowledge within 4h }
        escalation main for any {
            owner desk
            after 15m unless acknowledged: escalate to next
        }

        """;

    [Theory]
    [InlineData("severity == sev1 and severity == sev2", "severity == sev1 and severity == sev2")]
    [InlineData("impact == production and impact != production", "impact == production and impact != production")]
    [InlineData("impact in [production, degraded] and impact in [minor]", "impact in [production, degraded] and impact in [minor]")]
    [InlineData("affected_users > 500 and affected_users < 100", "affected_users > 500 and affected_users < 100")]
    [InlineData("affected_users > 100 and affected_users < 101", "affected_users > 100 and affected_users < 101")]
    [InlineData("severity > sev2 and severity < sev3", "severity < sev3")]
    [InlineData("severity < sev2 and severity > sev3", "severity < sev2 and severity > sev3")]
    [InlineData("vip and impact == minor and not vip", "vip and impact == minor and not vip")]
    [InlineData("impact == minor and (vip and not vip)", "vip and not vip")]
    [InlineData("acknowledged and not acknowledged", "acknowledged and not acknowledged")]
    [InlineData("not created", "not created")]
    [InlineData("mitigation_status not in [none, planned, contained]", "mitigation_status not in [none, planned, contained]")]
    [InlineData("mitigation_status == contained and not mitigation_status", "mitigation_status == contained and not mitigation_status")]
    [InlineData("owner == desk and owner == lead", "owner == desk and owner == lead")]
    [InlineData("status == awaiting_customer and status in [new, open]", "status == awaiting_customer and status in [new, open]")]
    [InlineData("not (vip or not vip)", "not (vip or not vip)")]
    [InlineData("(vip or impact == minor) and not vip and impact != minor", "(vip or impact == minor) and not vip and impact != minor")]
    public void WhenThatCanNeverHoldIsReportedOnTheContradictingParts(string condition, string underlined)
    {
        var text = Policy($"escalation r for any when {condition} {{ owner desk }}");

        LintHarness.Underlined(text, "ESL029").ShouldBe([underlined]);
        LintHarness.Message(text, "ESL029").ShouldContain("so rule 'r' never applies");
    }

    [Fact]
    public void ContradictionNamesBothPartsAndTheSeverityOrder()
    {
        var text = Policy("escalation r for any when severity > sev2 and severity >= sev1 and severity < sev1 { owner desk }");

        LintHarness.Message(text, "ESL029").ShouldBe(
            "In the `when` of rule 'r': `severity > sev2` contradicts `severity < sev1` (severities rank in declaration order, the first declared the most severe: sev1 > sev2 > sev3), "
            + "so rule 'r' never applies. Fix the condition or the `for` list.");
    }

    [Theory]
    [InlineData("severity == sev1 or severity == sev2")]
    [InlineData("impact == production and impact != degraded")]
    [InlineData("impact in [production, degraded] and impact in [degraded, minor]")]
    [InlineData("affected_users > 100 and affected_users < 102")]
    [InlineData("affected_users >= 100 and affected_users <= 100")]
    [InlineData("severity > sev3 and severity < sev1")]
    [InlineData("severity <= sev2 and severity >= sev2")]
    [InlineData("vip and impact == minor")]
    [InlineData("not impact and impact != minor")]
    [InlineData("not affected_users and affected_users != 5")]
    [InlineData("escalation_level == 0 and not escalation_level")]
    [InlineData("note == \"a\" and note != \"b\"")]
    [InlineData("customer_update older than 1h and not customer_update older than 2h")]
    [InlineData("acknowledged and not contained")]
    [InlineData("owner != desk and not owner")]
    [InlineData("note == \"\" and not note")]
    public void WhenThatCanHoldIsNotReported(string condition)
    {
        ShouldBeClean(Policy($"escalation r for any when {condition} {{ owner desk }}"));
    }

    [Fact]
    public void WhenThatContradictsTheForListIsReportedInsteadOfUnreachableRule()
    {
        var text = Policy("escalation r for sev1 when severity == sev3 and vip { owner desk }");

        LintHarness.Underlined(text, "ESL029").ShouldBe(["severity == sev3"]);
        LintHarness.Message(text, "ESL029").ShouldStartWith("In the `when` of rule 'r': `severity == sev3` contradicts the rule's `for sev1`, so rule 'r' never applies.");
        LintHarness.Findings(text, "ESL006").ShouldBeEmpty();
    }

    [Fact]
    public void StepsOfARuleWhoseWhenContradictsTheForListAreNotReportedAsUnreachable()
    {
        var text = Policy("""
            escalation r for sev1 when severity == sev3 {
                owner desk
                after 10m unless acknowledged: notify lead
                every 30m while not contained: remind owner
                on acknowledged: notify lead
            }
            """);

        LintHarness.Underlined(text, "ESL029").ShouldBe(["severity == sev3"]);
        LintHarness.Findings(text, "ESL006").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("escalation r for sev1, sev3 when severity == sev3 { owner desk }")]
    [InlineData("escalation r for sev1 when severity >= sev2 or vip { owner desk }")]
    public void WhenThatAgreesWithTheForListIsNotReported(string rule)
    {
        LintHarness.Findings(Policy(rule), "ESL029").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("escalation r for any { after 10m unless vip and not vip: notify lead }", "so the step always fires")]
    [InlineData("escalation r for any { every 10m while vip and not vip: notify lead }", "so the step never fires")]
    [InlineData("escalation r for any { on acknowledged when vip and not vip: notify lead }", "so the step never fires")]
    [InlineData("escalation r for any { require note before escalate when vip and not vip }", "so the guard never holds back an escalation")]
    [InlineData("require note before escalate when vip and not vip", "so the guard never holds back an escalation")]
    [InlineData("page only when vip and not vip", "so every page goes out as a notification")]
    [InlineData("escalation r for any { page only when vip and not vip }", "so every page goes out as a notification")]
    [InlineData("deescalate when vip and not vip { stop paging }", "so the block never runs")]
    [InlineData("pause sla while vip and not vip", "so the SLA clocks never pause")]
    [InlineData("severity sev4 { update every 1h until vip and not vip }", "so the cadence ends only when the ticket is resolved or closed")]
    public void ConditionThatCanNeverHoldIsReportedWhereverItIsWritten(string item, string consequence)
    {
        var text = Policy(item);

        LintHarness.Underlined(text, "ESL029").ShouldBe(["vip and not vip"]);
        LintHarness.Message(text, "ESL029").ShouldContain(consequence);
        LintHarness.Findings(text, "ESL006").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("after 10m unless created", "ESL030")]
    [InlineData("every 10m while not created", "ESL029")]
    [InlineData("every 10m while severity == sev1 and severity == sev2", "ESL029")]
    [InlineData("on acknowledged when severity < sev3", "ESL029")]
    public void StepWhoseConditionDecidesItIsReportedOnceNotAlsoAsUnreachable(string trigger, string code)
    {
        var result = LintHarness.Lint(Policy($"escalation r for any {{ {trigger}: notify lead }}"));

        result.Diagnostics.Where(d => d.Code is "ESL006" or "ESL029" or "ESL030").Select(d => d.Code).ShouldBe([code]);
    }

    [Theory]
    [InlineData("ESL029", "note == \"a\" and note == \"b\"", "so this part of the condition never holds")]
    [InlineData("ESL030", "note == \"a\" or note != \"a\"", "so this part of the condition always holds")]
    public void PartThatNeverOrAlwaysHoldsIsReportedAlone(string code, string part, string consequence)
    {
        var text = Policy($"page only when vip and (impact == minor or ({part}))");

        LintHarness.Underlined(text, code).ShouldBe([part]);
        LintHarness.Message(text, code).ShouldContain(consequence);
    }

    [Theory]
    [InlineData("impact == production or impact != production")]
    [InlineData("impact != production or impact != minor")]
    [InlineData("vip or not vip")]
    [InlineData("(vip and impact == minor) or not (vip and impact == minor)")]
    [InlineData("affected_users < 10 or affected_users != 5")]
    [InlineData("mitigation_status in [none, planned, contained]")]
    [InlineData("severity >= sev2 or severity == sev3")]
    [InlineData("escalation_level >= 1 or escalation_level <= 0")]
    [InlineData("created")]
    public void WhenThatAlwaysHoldsIsReported(string condition)
    {
        var text = Policy($"escalation r for any when {condition} {{ owner desk }}");

        LintHarness.Underlined(text, "ESL030").ShouldBe([condition]);
        LintHarness.Message(text, "ESL030").ShouldContain("so the `when` selects nothing");
        LintHarness.Findings(text, "ESL029").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("impact == production or impact == degraded or impact == minor")]
    [InlineData("affected_users >= 100 or affected_users < 100")]
    [InlineData("vip or not impact")]
    [InlineData("severity >= sev2 or severity == sev1")]
    [InlineData("affected_users >= 1 or affected_users <= 0 or vip")]
    [InlineData("impact != minor or impact != minor")]
    [InlineData("owner == desk or owner == lead")]
    public void WhenThatCanFailIsNotReported(string condition)
    {
        LintHarness.Findings(Policy($"escalation r for any when {condition} {{ owner desk }}"), "ESL030").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("escalation r for any { after 10m unless vip or not vip: notify lead }", "vip or not vip", "so the step never fires")]
    [InlineData("escalation r for any { after 10m unless not resolved: notify lead }", "not resolved", "steps run only while the ticket is neither resolved nor closed")]
    [InlineData("escalation r for any { every 10m while vip or not vip: notify lead }", "vip or not vip", "so `while` never stops the repetition")]
    [InlineData("escalation r for any { every 2h since customer_update while not resolved: remind owner }", "not resolved", "(steps run only while the ticket is neither resolved nor closed, and `resolved` is false then), so `while` never stops the repetition")]
    [InlineData("pause sla while not resolved", "not resolved", "no SLA target, update cadence or timed step can ever fall due")]
    [InlineData("pause sla while not resolved or status == awaiting_customer", "not resolved", "clocks run only while the ticket is neither resolved nor closed")]
    [InlineData("pause sla while impact != minor or impact != production", "impact != minor or impact != production", "no SLA target")]
    [InlineData("severity sev4 { update every 1h until not resolved }", "not resolved", "so the cadence never runs")]
    [InlineData("page only when vip or not vip", "vip or not vip", "never turns a page into a notification")]
    [InlineData("deescalate when vip or not vip { stop paging }", "vip or not vip", "does not wait for the ticket to calm down")]
    [InlineData("require note before escalate when not created or vip or not vip", "vip or not vip", "the guard applies to every escalation")]
    [InlineData("pause sla while (not resolved and vip) or (not resolved and not vip)", "(not resolved and vip) or (not resolved and not vip)", "whenever it is evaluated (clocks run only while")]
    public void ConditionThatAlwaysHoldsIsReportedWhereverItIsWritten(string item, string underlined, string consequence)
    {
        var text = Policy(item);

        LintHarness.Underlined(text, "ESL030").ShouldBe([underlined]);
        LintHarness.Message(text, "ESL030").ShouldContain(consequence);
        LintHarness.Findings(text, "ESL006").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("pause sla while status == awaiting_customer")]
    [InlineData("pause sla while monitoring and not reopened")]
    [InlineData("escalation r for any { every 2h while not resolved up to 12 times: remind owner }")]
    [InlineData("escalation r for any { after 1h unless resolved: notify lead }")]
    [InlineData("escalation r for any { on reopened when not resolved: notify lead }")]
    [InlineData("severity sev4 { update every 1h until resolved }")]
    [InlineData("page only when not resolved")]
    public void ConditionsAboutResolutionThatCanChangeAreNotReported(string item)
    {
        ShouldBeClean(Policy(item));
    }

    [Theory]
    [InlineData("ESL030", "(vip and impact == minor) or not (vip and impact == minor)", "one part of each of these holds (`vip` or `not vip`; `impact == minor` or `impact != minor`)")]
    [InlineData("ESL030", "impact in [minor] or not (impact in [minor])", "one of `impact in [minor]` and `impact not in [minor]` holds")]
    [InlineData("ESL029", "not (vip or not vip)", "`not (vip or not vip)` negates a condition that always holds: one of `vip` and `not vip` holds")]
    [InlineData("ESL030", "not (vip and not vip)", "`not (vip and not vip)` negates a condition that never holds: `vip` contradicts `not vip`")]
    public void MessageQuotesThePartsAsTheyRead(string code, string condition, string explanation)
    {
        LintHarness.Message(Policy($"escalation r for any when {condition} {{ owner desk }}"), code).ShouldContain(explanation);
    }

    [Fact]
    public void PartThatNeverHoldsDoesNotHideAWholeThatAlwaysHolds()
    {
        var text = Policy("page only when not created or vip or not vip");

        LintHarness.Underlined(text, "ESL029").ShouldBe(["not created"]);
        LintHarness.Underlined(text, "ESL030").ShouldBe(["vip or not vip"]);
        LintHarness.Message(text, "ESL030").ShouldContain("so the guard never turns a page into a notification");
    }

    [Theory]
    [InlineData(6, true)]
    [InlineData(7, false)]
    public void ConditionsPastSixtyFourAlternativesAreNotJudged(int pairs, bool reported)
    {
        // Each `(x or y)` doubles the alternatives; the contradiction needs the whole condition.
        var pairsText = string.Concat(Enumerable.Range(1, pairs).Select(i => $" and (note == \"{i}\" or impact == minor)"));
        var text = Policy($"escalation r for any when vip{pairsText} and not vip {{ owner desk }}");

        LintHarness.Findings(text, "ESL029").Count.ShouldBe(reported ? 1 : 0);
    }

    [Theory]
    [InlineData(62, true)]
    [InlineData(63, false)]
    public void ConditionsPastSixtyFourTestsAreNotJudged(int between, bool reported)
    {
        var tests = string.Concat(Enumerable.Range(1, between).Select(i => $" and note != \"{i}\""));
        var text = Policy($"escalation r for any when vip{tests} and not vip {{ owner desk }}");

        LintHarness.Findings(text, "ESL029").Count.ShouldBe(reported ? 1 : 0);
    }

    [Theory]
    [InlineData("after 10m unless impact == production", "ESL030", "impact == production",
        "In the `unless` of this step of rule 'r': `impact == production` always holds while the rule applies, given `impact == production` in the rule's `when`, so the step never fires.")]
    [InlineData("every 30m while impact == minor", "ESL029", "impact == minor",
        "In the `while` of this step of rule 'r': `impact == minor` contradicts `impact == production` in the rule's `when`, and it is evaluated only while the rule applies, so the step never fires.")]
    [InlineData("on acknowledged when not vip", "ESL029", "not vip",
        "In the `when` of this step of rule 'r': `not vip` contradicts `vip` in the rule's `when`, and it is evaluated only while the rule applies, so the step never fires.")]
    [InlineData("after 10m unless impact == minor or vip", "ESL030", "vip",
        "In the `unless` of this step of rule 'r': `vip` always holds while the rule applies, given `vip` in the rule's `when`, so the step never fires.")]
    public void StepConditionDecidedByItsRulesWhenIsReported(string trigger, string code, string underlined, string message)
    {
        // A step fires only while its rule applies (docs/runtime.md), so the rule's `when` holds whenever the step's condition is read.
        var text = Policy($"escalation r for sev1 when vip and impact == production {{ owner desk\n {trigger}: notify lead }}");

        LintHarness.Underlined(text, code).ShouldBe([underlined]);
        LintHarness.Message(text, code).ShouldStartWith(message);
        LintHarness.Findings(text, "ESL006").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("escalation r for sev1 when escalation_level == 0 { owner desk\n page only when escalation_level >= 1\n after 10m: escalate to next, page owner }")]
    [InlineData("escalation r for sev1 when vip { owner desk\n require note before escalate when not vip\n after 10m: escalate to next }")]
    public void RuleGuardsAreNotJudgedWithTheRulesWhen(string rule)
    {
        // From the review: a guard is read at its action, after the step's earlier actions (the escalation
        // here raises the level), so the rule's `when` need not hold then: the page goes out as a page.
        ShouldBeClean(Policy(rule));
    }

    [Theory]
    [InlineData("escalation r for sev1 when vip or impact == production { owner desk\n after 10m unless vip: notify lead }")]
    [InlineData("escalation r for sev1 when vip { owner desk\n after 10m unless impact == production: notify lead }")]
    [InlineData("escalation r for sev1 when impact != minor { owner desk\n every 10m while impact in [production, degraded]: notify lead }")]
    [InlineData("escalation r for sev1 when customer_update older than 1h { owner desk\n every 10m while customer_update older than 2h: notify lead }")]
    public void StepConditionTheRulesWhenLeavesOpenIsNotReported(string rule)
    {
        // An alternative `when` is not used; a value the rule allows, or leaves unset, keeps the step's condition open.
        ShouldBeClean(Policy(rule));
    }

    [Fact]
    public void StepConditionDecidedByTheForListAloneStaysUnreachable()
    {
        var text = Policy("escalation r for sev1 when vip { owner desk\n every 10m while severity == sev2: notify lead }");

        LintHarness.Findings(text, "ESL029").ShouldBeEmpty();
        LintHarness.Findings(text, "ESL006").Count.ShouldBe(1);
    }

    private static string Policy(string item) => Policies.Header + Declarations + item + "\n";

    private static void ShouldBeClean(string text) =>
        LintHarness.Lint(text).Diagnostics.Where(d => d.Code is "ESL029" or "ESL030").Select(d => d.Message).ShouldBeEmpty();
}
