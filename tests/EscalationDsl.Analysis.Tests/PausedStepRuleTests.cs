using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using NodaTime;

namespace EscalationDsl.Analysis.Tests;

/// <summary>ESL006 on timed steps that could fire only while a `pause sla while` holds, which stops their clocks.</summary>
public sealed class PausedStepRuleTests
{
    /// <summary>A new user's help-desk policy: chase the customer while the ticket waits on them.</summary>
    private const string Chase = """
        policy "chase" version 1
        calendar c "Europe/Berlin" { hours mon..fri 09:00-17:00  holiday 2026-12-25 }
        owners { team desk "Desk" }
        fields { status enum [open, awaiting_customer] }
        severity s { acknowledge within 4 business hours }
        escalation chase for s { owner desk
            every 1 business day while status == awaiting_customer up to 3 times: remind owner }
        pause sla while status == awaiting_customer
        """;

    /// <summary>Lines 1-5; the rules and pauses of each test start on line 6.</summary>
    private const string Header = """
        policy "t" version 1
        owners { team desk "Desk" reports to lead  role lead "Lead" }
        fields { status enum [open, awaiting_customer, awaiting_vendor, in_progress]  vip flag }
        severity sev1 { acknowledge within 15m }
        severity sev3 { acknowledge within 4h }

        """;

    [Fact]
    public void ChaseWhileTheCustomerIsWaitedOnIsReportedWithWhatFiresInstead()
    {
        LintHarness.Findings(Chase, "ESL006").ShouldBe(["warning 7:5-7:73"]);
        LintHarness.Message(Chase, "ESL006").ShouldBe(
            "Rule 'chase': this step can never fire: its `while` holds only while `pause sla while status == awaiting_customer` holds, "
            + "and paused clocks stop timed steps. An `on` step fires during a pause: `on status when status == awaiting_customer: remind owner` "
            + "fires once, when the status changes; no step repeats on a timer while the clocks are paused.");
    }

    [Fact]
    public void ChaseWhileTheCustomerIsWaitedOnNeverFiresOnTheRuntime()
    {
        // What the finding claims, on the real runtime: two weeks of waiting on the customer, and no reminder.
        var policy = CompiledPolicy.Compile(SemanticModel.Create("chase.esc", Chase));
        var runtime = new TicketRuntime(policy);
        var created = Instant.FromUtc(2026, 11, 2, 9, 0);
        var decisions = new List<Decision>();
        var ticket = runtime.Open(new TicketEvent { TicketId = "T1", At = created, Kind = TicketEventKind.Created, Severity = "s" }, decisions);
        runtime.Apply(ticket, new TicketEvent { TicketId = "T1", At = created + Duration.FromMinutes(30), Kind = TicketEventKind.Status, Status = "awaiting_customer" }, decisions);
        runtime.AdvanceTo(ticket, created + Duration.FromDays(14), decisions);

        decisions.ShouldNotContain(d => d.Rule == "chase");
    }

    [Theory]
    [InlineData("every 1h while status in [awaiting_customer, awaiting_vendor] up to 3 times: remind owner",
        "pause sla while status in [awaiting_customer, awaiting_vendor, in_progress]",
        "`pause sla while status in [awaiting_customer, awaiting_vendor, in_progress]`")]
    [InlineData("every 1h while status in [awaiting_customer, awaiting_vendor] up to 3 times: remind owner",
        "pause sla while status == awaiting_customer\npause sla while vip\npause sla while status == awaiting_vendor",
        "`pause sla while status == awaiting_customer` or `pause sla while status == awaiting_vendor`")]
    [InlineData("every 1h while status == awaiting_customer and not vip up to 3 times: remind owner",
        "pause sla while status == awaiting_customer",
        "`pause sla while status == awaiting_customer`")]
    [InlineData("every 1h while not (status != awaiting_customer or vip) up to 3 times: remind owner",
        "pause sla while status == awaiting_customer and not vip",
        "`pause sla while status == awaiting_customer and not vip`")]
    public void WhileThatImpliesThePausesIsReportedNamingThePausesItNeeds(string step, string pauses, string named)
    {
        var text = Header + $$"""
            escalation chase for any { owner desk
                {{step}} }
            {{pauses}}
            """;

        LintHarness.Findings(text, "ESL006").ShouldBe([$"warning 7:5-7:{5 + step.IndexOf(':', StringComparison.Ordinal)}"]);
        LintHarness.Message(text, "ESL006").ShouldContain($"its `while` holds only while {named} holds, and paused clocks stop timed steps.");
    }

    [Theory]
    [InlineData("every 1h while status in [awaiting_customer, in_progress] up to 3 times: remind owner")]
    [InlineData("every 1h while status != open up to 3 times: remind owner")]
    [InlineData("every 1h while status == awaiting_customer or vip up to 3 times: remind owner")]
    [InlineData("after 1h unless status == awaiting_customer: remind owner")]
    [InlineData("on status when status == awaiting_customer: remind owner")]
    [InlineData("on field_set when status == awaiting_customer and vip: remind owner")]
    public void StepThatFiresWhileTheClocksRunOrAtAnEventIsNotReported(string step)
    {
        // `on` steps wait on no clock: the runtime fires them during a pause (docs/language.md, "SLA pauses").
        LintHarness.Findings(Header + $$"""
            escalation chase for any { owner desk
                {{step}} }
            pause sla while status == awaiting_customer
            """, "ESL006").ShouldBeEmpty();
    }

    [Fact]
    public void RuleWhoseWhenImpliesThePauseHasEveryTimedStepReported()
    {
        var text = Header + """
            escalation waiting for any when status == awaiting_customer { owner desk
                immediately: remind owner
                after 1h: notify lead
                every 1h up to 2 times: remind owner
                on field_set: notify lead }
            pause sla while status == awaiting_customer
            """;

        LintHarness.Findings(text, "ESL006").ShouldBe(["warning 8:5-8:13", "warning 9:5-9:27"]);
        LintHarness.Lint(text).Diagnostics.Where(d => d.Code == "ESL006").ShouldAllBe(d => d.Message.Contains(
            "the rule's `when` holds only while `pause sla while status == awaiting_customer` holds, and paused clocks stop timed steps. "
            + "An `immediately` step fires during a pause, once when the rule starts;", StringComparison.Ordinal));
    }

    [Fact]
    public void RuleWhenAndStepWhileTogetherWithTheForListImplyThePause()
    {
        var text = Header + """
            escalation vip_wait for sev3 when vip { owner desk
                every 1h while status == awaiting_vendor up to 2 times: remind owner }
            escalation any_wait for any when vip { owner desk
                every 1h while status == awaiting_vendor up to 2 times: remind owner }
            pause sla while severity == sev3 and vip and status == awaiting_vendor
            """;

        // For sev1 the clocks run while any_wait's step could fire.
        LintHarness.Findings(text, "ESL006").ShouldBe(["warning 7:5-7:59"]);
        LintHarness.Message(text, "ESL006").ShouldContain("its `while` and the rule's `when` hold together only while `pause sla while severity == sev3 and vip and status == awaiting_vendor` holds");
    }

    [Fact]
    public void PauseThatTimeStartsIsNotUsed()
    {
        // The clocks stop at the close of business, where a business-hour tick falls due: the step fires then, each day.
        LintHarness.Findings("""
            policy "t" version 1
            calendar c "Europe/Berlin" default { hours mon..fri 09:00-17:00  holiday 2026-12-25 }
            owners { team desk "Desk" }
            severity s { acknowledge within 4 business hours }
            escalation night for s { owner desk
                every 1 business hour while not during c up to 3 times: remind owner }
            pause sla while not during c
            """, "ESL006").ShouldBeEmpty();
    }

    [Fact]
    public void WhileThatCannotHoldIsLeftToTheConditionRules()
    {
        // ESL029 names the contradiction; the pause adds nothing.
        var text = Header + """
            escalation chase for any when status == open { owner desk
                every 1h while status == awaiting_customer up to 3 times: remind owner }
            pause sla while status == awaiting_customer
            """;

        LintHarness.Findings(text, "ESL006").ShouldBeEmpty();
        LintHarness.Findings(text, "ESL029").ShouldNotBeEmpty();
    }
}
