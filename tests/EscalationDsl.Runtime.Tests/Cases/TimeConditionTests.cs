using Xunit.Abstractions;

namespace EscalationDsl.Runtime.Tests.Cases;

/// <summary>
/// Conditions that time alone makes true or false (`older than`, `during`) in rule selectors,
/// deescalations and pauses take effect at the instant they change, with no event or other
/// deadline needed (docs/runtime.md, "Time-dependent conditions"). "+0m" is Monday 09:00 in New
/// York; business hours end at +8h and start again at +1d.
/// </summary>
public sealed class TimeConditionTests(ITestOutputHelper output)
{
    private const string ResolveIn10h = """
        severity sev1 "Critical" { resolve within 10h }
        severity sev2 "Major" { }
        severity sev3 "Minor" { }

        """;

    private const string AcknowledgeIn1h = """
        severity sev1 "Critical" { acknowledge within 1h }
        severity sev2 "Major" { }
        severity sev3 "Minor" { }

        """;

    private static readonly RuntimeCase[] Cases =
    [
        new("DeescalationRunsWhenItsAgeIsReached",
            "deescalate when customer_update older than 1h { notify lead }",
            "+0m created sev1; +30m customer_update; +3h advance",
            "+1h30m notify lead"),
        new("DeescalationWithAnAgeRunsAgainAfterTheFieldIsRenewed",
            "deescalate when customer_update older than 1h { notify lead }",
            "+0m created sev1; +30m customer_update; +2h customer_update; +4h advance",
            "+1h30m notify lead", "+3h notify lead"),
        new("RuleSelectedByAgeStartsWhenTheTicketReachesIt",
            "escalation stale for sev2 when created older than 4h { immediately: notify lead }",
            "+0m created sev2; +6h advance",
            "+4h notify lead"),
        new("RuleSelectedByBusinessHoursStartsWhenTheOfficeCloses",
            "escalation night for sev2 when not during business { immediately: page oncall }",
            "+0m created sev2; +9h advance",
            "+8h page oncall"),
        new("RuleSelectedByBusinessHoursStopsWhenTheOfficeOpens",
            """
            escalation night for sev2 when not during business {
                after 30m: page oncall
                every 20h: page oncall
            }
            """,
            "+9h created sev2; +48h advance",
            "+9h30m page oncall", "+1d8h30m page oncall"),
        new("PauseWhileOutsideBusinessHoursStopsAndResumesTheSlaClock",
            "pause sla while not during business",
            "+0m created sev1; +30h advance",
            "+1d2h sla_breach resolve")
        {
            Severities = ResolveIn10h,
        },
        new("PauseThatHoldsAtCreationResumesWhenTheOfficeOpens",
            "pause sla while not during business",
            "+10h created sev1; +3d advance",
            "+2d2h sla_breach resolve")
        {
            Severities = ResolveIn10h,
        },
        new("OnlyTicketsUnderATimeDependentConditionWakeForIt",
            "escalation night for sev2 when not during business { immediately: page oncall }",
            "+0m created sev1; +1h advance")
        {
            Clocks = [],
        },
        new("TheNextWakeIsShownAsAClock",
            "escalation night for sev2 when not during business { immediately: page oncall }",
            "+0m created sev2; +1h advance")
        {
            Clocks = ["time-dependent conditions pending +8h"],
        },
        new("ARuleThatStopsAtTheCloseDoesNotFireAStepDueAtTheSameInstant",
            "escalation day for sev1 when during business { after 1h unless acknowledged: notify lead }",
            "+7h created sev1; +1d advance"),
        new("ATargetThatRunsOutJustAsThePauseStartsStillBreaches",
            // The pause is evaluated first, but the hour was fully used when it started.
            "pause sla while not during business",
            "+7h created sev1; +2d advance",
            "+8h sla_breach acknowledge")
        {
            Severities = AcknowledgeIn1h,
        },
        new("APauseThatStartsAtTheCloseStopsAClockWithTimeLeft",
            "pause sla while not during business",
            "+7h30m created sev1; +2d advance",
            "+1d30m sla_breach acknowledge")
        {
            Severities = AcknowledgeIn1h,
        },
        new("ABlockedEscalationGoesAheadWhenItsGuardsBusinessHoursEnd",
            // Held back at +7h30m for the missing field while the office is open; at the close the guard no longer applies.
            "require root_cause before escalate when during business\nescalation r for sev1 { after 30m: escalate to lead }",
            "+7h created sev1; +10h advance",
            "+7h30m missing_information", "+8h escalate lead")
        {
            Snapshot = "escalated owner=lead level=1",
            Clocks = [],
        },
        new("ABlockedEscalationGoesAheadWhenItsGuardsAgeRunsOut",
            "require root_cause before escalate when not created older than 1h\nescalation r for sev1 { after 10m: escalate to lead }",
            "+0m created sev1; +2h advance",
            "+10m missing_information", "+1h escalate lead"),
        new("ABlockedStepWaitsForItsGuardsTimeDependentCondition",
            "require root_cause before escalate when during business\nescalation r for sev1 { after 10m: escalate to lead }",
            "+0m created sev1; +1h advance",
            "+10m missing_information")
        {
            Clocks = ["time-dependent conditions pending +8h", "r #0 blocked"],
        },
        new("AGuardsTimeDependentConditionWakesNoTicketItDoesNotHoldBack",
            "require root_cause before escalate when during business\nescalation r for sev1 { after 10m: escalate to lead }",
            "+0m created sev1 root_cause=dns; +1h advance",
            "+10m escalate lead")
        {
            Clocks = [],
        },
        new("AFarFutureTimeMeansNoTimeAndNeverAges",
            "escalation late for sev1 when next_update older than 2 business hours { immediately: notify lead }",
            "+0m created sev1 next_update=9999-12-31T23:59:59Z; +3d advance"),
        new("ATimeBefore1970IsLongPast",
            "escalation late for sev1 when next_update older than 2 business hours { immediately: notify lead }",
            "+0m created sev1 next_update=0001-01-01T00:00:00+14:00; +1h advance",
            "+0m notify lead"),
    ];

    public static TheoryData<string> Names => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void TimeAloneChangesTheConditionAtItsInstant(string name) => Cases.Single(c => c.Name == name).Verify(output);

    [Theory]
    [InlineData("0001-01-01T00:00:00+14:00", "at: 0000-12-31T10:00:00Z is outside the times esc handles, from 1970-01-01 to the end of 2199 (UTC)")]
    [InlineData("1969-12-31T23:59:59Z", "at: 1969-12-31T23:59:59Z is outside the times esc handles, from 1970-01-01 to the end of 2199 (UTC)")]
    [InlineData("2200-01-01T00:00:00Z", "at: 2200-01-01T00:00:00Z is outside the times esc handles, from 1970-01-01 to the end of 2199 (UTC)")]
    [InlineData("2199-12-31T23:59:59Z", null)]
    [InlineData("1970-01-01T00:00:00Z", null)]
    public void EventTimesOutsideTheSpanEscHandlesAreRefused(string at, string? problem)
    {
        var policy = TicketScript.Shipped("support");
        var e = new Events.TicketEvent
        {
            TicketId = "T1",
            At = NodaTime.Text.OffsetDateTimePattern.ExtendedIso.Parse(at).Value.ToInstant(),
            Kind = Events.TicketEventKind.Created,
            Severity = "sev1",
        };

        policy.Validate(e).ShouldBe(problem);
    }
}
