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
    ];

    public static TheoryData<string> Names => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void TimeAloneChangesTheConditionAtItsInstant(string name) => Cases.Single(c => c.Name == name).Verify(output);
}
