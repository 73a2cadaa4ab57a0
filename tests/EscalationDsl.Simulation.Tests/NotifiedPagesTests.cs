using EscalationDsl.Runtime;
using EscalationDsl.Simulation.Rendering;
using EscalationDsl.Simulation.Reporting;

namespace EscalationDsl.Simulation.Tests;

/// <summary>
/// Pages that went out as notifications, and why, per step, per rule and in the review list (user trial F1: a new page
/// step "fired 304" times while nobody was paged), on three hand-written tickets worked out from docs/runtime.md.
/// </summary>
public sealed class NotifiedPagesTests
{
    private const string Policy = """
        policy "notified" version 1
        owners {
            team desk "Desk"        reports to lead
            role lead "Lead"
            team eng  "Engineering" engineering
        }
        fields {
            confirmed flag
            urgent    flag
        }
        severity high { acknowledge within 1h }
        page only when confirmed
        escalation r for high {
            owner desk
            after 10m unless acknowledged: page eng
            after 20m unless acknowledged: page lead
        }
        escalation quiet for high {
            page only when urgent
            after 30m: page desk
        }
        deescalate when acknowledged { stop paging }
        """;

    private static readonly CompiledPolicy Compiled = Policies.Compile(Policy, "notified.esc");

    private static string E(string ticket, string at, string type, string extra = "") => Replays.MondayEvent(ticket, at, type, extra);

    /// <summary>
    /// A is confirmed from the start: r pages eng at 10:10 and lead at 10:20; quiet's own guard (urgent) turns its
    /// 10:30 page into a notification. B is not confirmed: r #0's page at 10:10 becomes a notification by the policy's
    /// guard; its acknowledgement at 10:15 skips r #1 and stops paging, so quiet's page at 10:30 becomes one too.
    /// C is not confirmed and never acknowledged: all three pages become notifications by the policy's guard.
    /// </summary>
    private static SimulationReport Report() => Replays.Report(
        Compiled,
        E("A", "10:00", "created", ",\"severity\":\"high\",\"fields\":{\"confirmed\":\"true\"}"),
        E("A", "11:00", "resolved"),
        E("B", "10:00", "created", ",\"severity\":\"high\""),
        E("B", "10:15", "acknowledged"),
        E("B", "11:00", "resolved"),
        E("C", "10:00", "created", ",\"severity\":\"high\""),
        E("C", "11:00", "resolved"));

    [Fact]
    public void EachStepCountsItsPagesAndThoseSentAsNotificationsByWhy()
    {
        Report().Escalations.ByStep.ShouldBe(
        [
            new StepRow("r #0", "after 10m unless acknowledged", 3, 3, 0, 1, new PagesAsNotifications(2, 0)),
            new StepRow("r #1", "after 20m unless acknowledged", 2, 2, 0, 1, new PagesAsNotifications(1, 0)),
            new StepRow("quiet #0", "after 30m", 3, 3, 0, 0, new PagesAsNotifications(2, 1)),
        ]);
    }

    [Fact]
    public void EachRuleCountsThePagesAmongItsNotifications()
    {
        Report().Escalations.ByRule.ShouldBe(
        [
            new RuleRow("r", 3, 0, 2, 3, 0, new PagesAsNotifications(3, 0)),
            new RuleRow("quiet", 3, 0, 0, 3, 0, new PagesAsNotifications(2, 1)),
        ]);
    }

    [Fact]
    public void TheReviewListNamesTheGuardOfEachStepMostOfWhosePagesWentOutAsNotifications()
    {
        var report = Report();

        report.Review.PagesAsNotifications.ShouldBe(
        [
            new NotifiedPagesItem("r #0", "after 10m unless acknowledged", 1, new PagesAsNotifications(2, 0), "page only when confirmed did not hold (2)"),
            new NotifiedPagesItem("quiet #0", "after 30m", 0, new PagesAsNotifications(2, 1),
                "page only when confirmed did not hold (1), quiet's page only when urgent did not hold (1), paging was stopped (1)"),
        ]);
        TextReport.Render(report).ShouldContain("""
            Steps whose pages went out mostly as notifications: 2
            - r #0 (after 10m unless acknowledged): 2 of 3 pages went out as notifications: page only when
              confirmed did not hold (2).
            """.ReplaceLineEndings("\n"));
        MarkdownReport.Render(report).ShouldContain("### Steps whose pages went out mostly as notifications: 2\n\n"
            + "- r #0 (after 10m unless acknowledged): 2 of 3 pages went out as notifications: page only when confirmed did not hold (2).\n");
        HtmlReport.Render(report).ShouldContain("<li>quiet #0 (after 30m): 3 of 3 pages went out as notifications: page only when confirmed did not hold (1), "
            + "quiet&#39;s page only when urgent did not hold (1), paging was stopped (1).</li>");
    }

    [Fact]
    public void JsonCarriesTheCountsUnderPagesAsNotifications()
    {
        var json = JsonReport.Render(Report());

        json.ShouldContain("""
                    "step": "quiet #0",
                    "trigger": "after 30m",
                    "tickets": 3,
                    "fired": 3,
                    "blocked": 0,
                    "pages": 0,
                    "pagesAsNotifications": {
                      "pageGuard": 2,
                      "pagingStopped": 1
                    }
            """.ReplaceLineEndings("\n"));
    }
}
