using System.Text.Json;
using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary>
/// <c>esc explain --step DURATION</c>: the state every DURATION from the ticket's creation, for a trainer
/// stepping through a drill (the trainer's P3) without computing the times by hand.
/// </summary>
public sealed class ExplainStepTests
{
    private static readonly string[] Outage = ["explain", "policies/support.esc", "--events", "policies/events/sev1-network-outage.jsonl"];

    [Fact]
    public void EachStateIsWhatAtThatTimeShowsAndTheTimelineIsTheSame()
    {
        // Created 14:00, last event 18:30: states at 14:00, 15:00, ..., 18:00, then the end, 18:30.
        var full = Esc.Run(Outage).Out;
        var result = Esc.Run([.. Outage, "--step", "1h"]);

        result.ExitCode.ShouldBe(0, result.Error);
        var (timeline, states) = Blocks(result.Out);
        states.Select(s => s[..s.IndexOf(':', 30)]).ShouldBe([
            "state at 2026-11-02T14:00:00Z (+0m)",
            "state at 2026-11-02T15:00:00Z (+1h)",
            "state at 2026-11-02T16:00:00Z (+2h)",
            "state at 2026-11-02T17:00:00Z (+3h)",
            "state at 2026-11-02T18:00:00Z (+4h)",
            "state at 2026-11-02T18:30:00Z (+4h30m)",
        ]);
        var (fullTimeline, fullStates) = Blocks(full);
        timeline.ShouldBe(fullTimeline);
        states[^1].ShouldBe(fullStates.Single().Replace("18:30:00Z:", "18:30:00Z (+4h30m):", StringComparison.Ordinal));
        foreach (var (state, hour) in states.SkipLast(1).Select((s, i) => (s, 14 + i)))
        {
            var at = $"2026-11-02T{hour}:00:00Z";
            var alone = Blocks(Esc.Run([.. Outage, "--at", at]).Out).States.Single();
            state.ShouldBe(alone.Replace($"{at}:", $"{at} (+{hour - 14}h):", StringComparison.Ordinal).Replace("(+0h)", "(+0m)", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void EachStateFollowsTheEntriesUpToItsTime()
    {
        // 14:15 is a step's time and the first step's due time: it fires before that state; the events
        // at 14:21 and 14:24 come after it. --only keeps the kinds asked, --zone moves the times.
        var result = Esc.Run([.. Outage, "--at", "+30m", "--step", "15m", "--only", "event,fired", "--zone", "Europe/Berlin"]);

        result.ExitCode.ShouldBe(0, result.Error);
        var lines = result.Out.Split('\n').Where(l => l.Length > 0 && !l.StartsWith("  ", StringComparison.Ordinal)).ToList();
        lines.ShouldBe([
            "ticket INC-1042 under policy support version 1",
            "2026-11-02T15:00:00+01:00  event     event created severity=sev1 issue_type=network_outage impact=production",
            "state at 2026-11-02T15:00:00+01:00 (+0m): open, severity sev1, owner frontline, escalation level 0",
            "2026-11-02T15:09:00+01:00  event     event field_set impact_confirmed=true",
            "2026-11-02T15:15:00+01:00  fired     sev1_production #0 (after 15m unless acknowledged) fires (occurrence 1)",
            "state at 2026-11-02T15:15:00+01:00 (+15m): open, severity sev1, owner frontline, escalation level 0",
            "2026-11-02T15:21:00+01:00  event     event acknowledged",
            "2026-11-02T15:24:00+01:00  event     event first_update",
            "2026-11-02T15:30:00+01:00  fired     sev1_production #1 (after 30m unless engineering_assigned) fires (occurrence 1)",
            "2026-11-02T15:30:00+01:00  fired     sev1_production #2 (after 30m unless mitigation_planned) fires (occurrence 1)",
            "state at 2026-11-02T15:30:00+01:00 (+30m): escalated, severity sev1, owner commander, escalation level 1",
        ]);
    }

    [Theory]
    [InlineData("--step", "1h")]
    [InlineData("--at", "+10m")]
    public void AStateWithNoEntriesBeforeItFollowsTheHeaderAfterOneBlankLine(string option, string value)
    {
        // `--only state` keeps no entry before 14:21: the header, one blank line, the state (two before).
        var result = Esc.Run([.. Outage, option, value, "--only", "state"]);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldStartWith("ticket INC-1042 under policy support version 1\n\nstate at 2026-11-02T14:");
    }

    [Fact]
    public void AStateAtAnEventsInstantComesAfterThatEvent()
    {
        // Acknowledged at 14:15, the instant `after 15m unless acknowledged` falls due: as with --at 14:15,
        // the event counts as in time and the step is skipped; the state at +15m shows it acknowledged.
        var result = ExplainTests.ExplainLines(
            [
                "{\"ticket\":\"T\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\",\"fields\":{\"impact\":\"production\"}}",
                "{\"ticket\":\"T\",\"at\":\"2026-11-02T14:15:00Z\",\"type\":\"acknowledged\"}",
                "{\"ticket\":\"T\",\"at\":\"2026-11-02T14:40:00Z\",\"type\":\"first_update\"}",
            ],
            "--step", "15m", "--only", "event,skipped");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("""
            2026-11-02T14:15:00Z  event     event acknowledged
            2026-11-02T14:15:00Z  skipped   sev1_production #0 (after 15m unless acknowledged): skipped, `unless` holds

            state at 2026-11-02T14:15:00Z (+15m): acknowledged,
            """);
    }

    [Fact]
    public void JsonListsTheStatesAndKeepsTheEndsState()
    {
        var plain = JsonDocument.Parse(Esc.Run([.. Outage, "--format", "json"]).Out).RootElement;
        var result = Esc.Run([.. Outage, "--format", "json", "--step", "2h"]);

        result.ExitCode.ShouldBe(0, result.Error);
        var json = JsonDocument.Parse(result.Out).RootElement;
        json.GetProperty("states").EnumerateArray().Select(s => s.GetProperty("at").GetString()).ShouldBe(
            ["2026-11-02T14:00:00Z", "2026-11-02T16:00:00Z", "2026-11-02T18:00:00Z", "2026-11-02T18:30:00Z"]);
        System.Text.Json.Nodes.JsonNode.DeepEquals(
            System.Text.Json.Nodes.JsonNode.Parse(json.GetProperty("states")[3].GetProperty("state").GetRawText()),
            System.Text.Json.Nodes.JsonNode.Parse(plain.GetProperty("state").GetRawText())).ShouldBeTrue("the last state is the end's");
        json.GetProperty("states")[0].GetProperty("state").GetProperty("state").GetString().ShouldBe("open");
        json.GetProperty("timeline").GetRawText().ShouldBe(plain.GetProperty("timeline").GetRawText());
        json.GetProperty("decisions").GetRawText().ShouldBe(plain.GetProperty("decisions").GetRawText());
        json.GetProperty("state").GetRawText().ShouldBe(plain.GetProperty("state").GetRawText());
        plain.TryGetProperty("states", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("15x", "esc: --step: '15x' has the unit 'x'; use m, h, d or w (such as 30m, 1h, 1h30m)\n")]
    [InlineData("0m", "esc: --step: '0m' is no time at all; give a duration such as 30m or 1h\n")]
    [InlineData("+15m", "esc: --step: '+15m' is the time between two states, with no sign; write 15m\n")]
    [InlineData("-15m", "esc: --step: '-15m' is the time between two states, with no sign; write 15m\n")]
    [InlineData("+0m", "esc: --step: '+0m' is no time at all; give a duration such as 30m or 1h\n")]
    [InlineData("1h1h", "esc: --step: '1h1h' gives the unit 'h' more than once; write each unit once, largest first (w, d, h, m): the total is '2h'\n")]
    [InlineData("1m", "esc: --step: every 1m from the ticket's creation (2026-11-02T14:00:00Z) to 2026-11-02T18:30:00Z makes 271 states, more than the 200 esc explain shows; give a step of at least 2m, or an earlier --at\n")]
    public void AStepTheOptionDoesNotTakeIsAUsageError(string value, string error)
    {
        var result = Esc.Run([.. Outage, "--step", value]);

        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldBe(error);
    }

    [Fact]
    public void AStateADayOrMoreAfterCreationIsLabelledInDaysAndWeeksAsTheOptionsAreWritten()
    {
        // Was (+96h) and (+192h) for --step 4d: the label now reads as --at and --step are written.
        var result = Esc.Run([.. Outage, "--at", "+1w1d", "--step", "4d"]);

        result.ExitCode.ShouldBe(0, result.Error);
        Blocks(result.Out).States.Select(s => s[..s.IndexOf(':', 30)]).ShouldBe([
            "state at 2026-11-02T14:00:00Z (+0m)",
            "state at 2026-11-06T14:00:00Z (+4d)",
            "state at 2026-11-10T14:00:00Z (+1w1d)",
        ]);
        Blocks(Esc.Run([.. Outage, "--at", "+1d2h30m", "--step", "1d"]).Out).States.Last().ShouldStartWith("state at 2026-11-03T16:30:00Z (+1d2h30m):");
    }

    [Fact]
    public void TwoHundredStatesAreShownAndOneMoreIsRefused()
    {
        // 199 steps of 1m make 200 states; 200 steps, 201.
        (Esc.Run([.. Outage, "--at", "+3h19m", "--step", "1m"]) is { ExitCode: 0 } shown
            ? shown.Out.Split('\n').Count(l => l.StartsWith("state at ", StringComparison.Ordinal))
            : -1).ShouldBe(200);
        Esc.Run([.. Outage, "--at", "+3h20m", "--step", "1m"]).Error.ShouldBe(
            "esc: --step: every 1m from the ticket's creation (2026-11-02T14:00:00Z) to 2026-11-02T17:20:00Z makes 201 states, more than the 200 esc explain shows; give a step of at least 2m, or an earlier --at\n");
    }

    /// <summary>The timeline's lines, and each state block as one text.</summary>
    private static (List<string> Timeline, List<string> States) Blocks(string output)
    {
        var timeline = new List<string>();
        var states = new List<string>();
        foreach (var part in output.Split("\n\n").Skip(1).Select(p => p.TrimEnd('\n')))
        {
            if (part.StartsWith("state at ", StringComparison.Ordinal))
            {
                states.Add(part);
            }
            else
            {
                timeline.AddRange(part.Split('\n'));
            }
        }

        return (timeline, states);
    }
}
