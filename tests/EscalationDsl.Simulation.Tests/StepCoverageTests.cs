using System.Text.Json;
using EscalationDsl.Runtime;
using EscalationDsl.Simulation.Rendering;
using EscalationDsl.Simulation.Reporting;

namespace EscalationDsl.Simulation.Tests;

/// <summary>
/// What each step, deescalation and route value did, and which never applied, on three hand-written tickets
/// (Monday 2 November 2026, UTC), worked out by hand from docs/runtime.md.
/// </summary>
public sealed class StepCoverageTests
{
    private const string Policy = """
        policy "coverage" version 1
        owners {
            team desk    "Desk"       reports to lead
            role lead    "Lead"
            team eng     "Engineering" engineering
            team storage "Storage"     engineering
        }
        fields {
            issue_type enum [network, storage, other]
            workaround text
            request_id text
            urgent     flag
        }
        severity high { acknowledge within 30m }
        route issue_type {
            network -> eng
            storage -> storage
            default -> eng
        }
        require request_id before escalate when issue_type == other
        escalation r for high {
            owner desk
            after 15m unless acknowledged:                   notify lead
            after 1h unless workaround:                      escalate to route(issue_type)
            every 30m while not acknowledged up to 3 times:  notify desk
            on workaround_failed:                            escalate to lead
        }
        escalation hurry for any when urgent {
            immediately: notify lead
        }
        deescalate when acknowledged { notify desk }
        deescalate when workaround and severity == high { assign desk }
        """;

    private static readonly CompiledPolicy Compiled = Policies.Compile(Policy, "coverage.esc");

    private static string E(string ticket, string at, string type, string extra = "") => Replays.MondayEvent(ticket, at, type, extra);

    /// <summary>
    /// A (network) is acknowledged only at 11:30: #0 fires at 10:15, #1 escalates to eng at 11:00, #2 notifies at
    /// 10:30 and 11:00 (its 11:30 tick meets the acknowledgement at that instant, which counts as in time).
    /// B (network) is acknowledged at 10:05 and resolved at 10:50: #0 is skipped, #1 never comes due, #2 skips
    /// its 10:30 tick. C (other) is acknowledged at 10:10; at 11:00 #1 fires but its escalation is blocked until
    /// request_id comes at 11:20. The first deescalation runs at each acknowledgement; nothing sets a workaround,
    /// raises urgent, fails a workaround or has issue type storage.
    /// </summary>
    private static SimulationReport Report() => Replays.Report(
        Compiled,
        E("A", "10:00", "created", ",\"severity\":\"high\",\"issue_type\":\"network\""),
        E("A", "11:30", "acknowledged"),
        E("A", "12:00", "resolved"),
        E("B", "10:00", "created", ",\"severity\":\"high\",\"issue_type\":\"network\""),
        E("B", "10:05", "acknowledged"),
        E("B", "10:50", "resolved"),
        E("C", "10:00", "created", ",\"severity\":\"high\",\"issue_type\":\"other\""),
        E("C", "10:10", "acknowledged"),
        E("C", "11:20", "field_set", ",\"fields\":{\"request_id\":\"req-7\"}"),
        E("C", "12:00", "resolved"));

    [Fact]
    public void EachStepCountsTheTicketsItFiredForTheTimesItFiredAndTheTicketsItWasBlockedOn()
    {
        Report().Escalations.ByStep.ShouldBe(
        [
            new StepRow("r #0", "after 15m unless acknowledged", 1, 1, 0),
            new StepRow("r #1", "after 1h unless workaround", 2, 2, 1),
            new StepRow("r #2", "every 30m while not acknowledged up to 3 times", 1, 2, 0),
            new StepRow("r #3", "on workaround_failed", 0, 0, 0),
            new StepRow("hurry #0", "immediately", 0, 0, 0),
        ]);
    }

    [Fact]
    public void EachDeescalationCountsTheTicketsItRanForAndTheTimesItRan()
    {
        Report().Escalations.Deescalations.ShouldBe(
        [
            new DeescalationRow("acknowledged", 3, 3),
            new DeescalationRow("workaround and severity == high", 0, 0),
        ]);
    }

    [Fact]
    public void EachRouteValueCountsTheTicketsThatEndedWithIt()
    {
        Report().Escalations.RouteValues.ShouldBe(
        [
            new RouteValueRow("issue_type", "network", "eng", 2),
            new RouteValueRow("issue_type", "storage", "storage", 0),
        ]);
    }

    [Fact]
    public void WhatNeverAppliedIsListedARuleWithNoFiringOnceAsTheRule()
    {
        var never = Report().Escalations.NeverApplied;

        never.Rules.ShouldBe(["hurry"]);
        never.Steps.ShouldBe(["r #3"]);
        never.Deescalations.ShouldBe(["workaround and severity == high"]);
        never.RouteValues.ShouldBe(["issue_type storage"]);
    }

    [Fact]
    public void EveryFormatShowsTheStepsTheDeescalationsAndWhatNeverApplied()
    {
        var report = Report();
        const string Never = "rule hurry; step r #3; deescalate when workaround and severity == high; route issue_type storage.";

        var text = TextReport.Render(report);
        text.ShouldContain("  r #1      after 1h unless workaround                            2      2        1      0           0               0");
        text.ShouldContain("  acknowledged                           3      3\n");
        text.ShouldContain("Never applied on these tickets\n" + Never);

        var markdown = MarkdownReport.Render(report);
        markdown.ShouldContain("| r #1 | after 1h unless workaround | 2 | 2 | 1 | 0 | 0 | 0 |");
        markdown.ShouldContain("| workaround and severity == high | 0 | 0 |");
        markdown.ShouldContain("### Never applied on these tickets\n\n" + Never);

        var html = HtmlReport.Render(report);
        html.ShouldContain("<tr><td>r #1</td><td>after 1h unless workaround</td><td class=\"n\">2</td><td class=\"n\">2</td><td class=\"n\">1</td>"
            + "<td class=\"n\">0</td><td class=\"n\">0</td><td class=\"n\">0</td></tr>");
        html.ShouldContain("<p>rule&#160;hurry; step&#160;r&#160;#3; deescalate when workaround and severity == high; route&#160;issue_type&#160;storage.</p>");

        var escalations = JsonDocument.Parse(JsonReport.Render(report)).RootElement.GetProperty("escalations");
        escalations.GetProperty("byStep")[1].Compact().ShouldBe("""{"step":"r #1","trigger":"after 1h unless workaround","tickets":2,"fired":2,"blocked":1,"pages":0,"pagesAsNotifications":{"pageGuard":0,"pagingStopped":0}}""");
        escalations.GetProperty("deescalations")[0].Compact().ShouldBe("""{"condition":"acknowledged","tickets":3,"fired":3}""");
        escalations.GetProperty("routeValues")[1].Compact().ShouldBe("""{"field":"issue_type","value":"storage","owner":"storage","tickets":0}""");
        escalations.GetProperty("neverApplied").Compact().ShouldBe(
            """{"rules":["hurry"],"steps":["r #3"],"deescalations":["workaround and severity == high"],"routeValues":["issue_type storage"]}""");
    }

    [Fact]
    public void AStepOfARuleTheSeverityLeftStillCountsItsFirings()
    {
        // T fires hi's steps at 10:00 (#0) and 10:30 (#1), then drops to lo at 10:40: rule hi no longer applies to it, and the
        // runtime keeps their counts aside; lo's step fires once, at 10:40.
        var replay = Replays.Canonical(".jsonl", string.Join("\n",
            E("T", "10:00", "created", ",\"severity\":\"hi\""),
            E("T", "10:40", "severity_changed", ",\"severity\":\"lo\""),
            E("T", "11:00", "resolved")) + "\n", Policies.Compile("""
                policy "drop" version 1
                owners { team desk "Desk" }
                severity hi { acknowledge within 15m }
                severity lo { acknowledge within 1h }
                escalation hi for hi { immediately: notify desk  every 30m while not acknowledged: notify desk }
                escalation lo for lo { immediately: notify desk }
                """));
        replay.Problems.ShouldBeEmpty();

        replay.Result!.Report.Escalations.ByStep.Select(s => (s.Step, s.Tickets, s.Fired)).ShouldBe(
            [("hi #0", 1L, 1L), ("hi #1", 1L, 1L), ("lo #0", 1L, 1L)]);
    }

    [Fact]
    public void APolicyWhosePartsAllAppliedSaysSo()
    {
        var replay = Replays.Canonical(".jsonl", string.Join("\n",
            E("A", "10:00", "created", ",\"severity\":\"sev3\",\"issue_type\":\"database\""),
            E("A", "10:05", "resolved")) + "\n", Policies.Compile("""
                policy "small" version 1
                owners { team desk "Desk" }
                severity sev3 { acknowledge within 15m }
                escalation r for sev3 { immediately: notify desk }
                """));
        replay.Problems.ShouldBeEmpty();

        TextReport.Render(replay.Result!.Report).ShouldContain(
            "Never applied on these tickets\nNothing: every rule, step, deescalation and route value applied on at least one ticket.\n");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(12)]
    [InlineData(123)]
    [InlineData(1234)]
    [InlineData(12345)]
    [InlineData(123456)]
    [InlineData(1234567)]
    public void TheTextReportKeepsEachDecisionKindWithItsNumberOnOneLine(long pages)
    {
        // Whatever width the first count takes, the line wraps between two kinds, never inside one
        // ("remind\n5" read as two figures).
        var report = Report();
        var kinds = report.Escalations.DecisionsByKind.ToDictionary(k => k.Key, k => k.Value == 0 ? 7 : k.Value);
        kinds["page"] = pages;
        report = report with { Escalations = report.Escalations with { DecisionsByKind = kinds } };

        var text = TextReport.Render(report);

        foreach (var (kind, count) in kinds)
        {
            text.ShouldContain($"{kind} {Formats.Count(count)}");
        }
    }
}
