using System.Text.Json;
using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary>The options a trainer asked for to shape esc explain's output: --only, --zone, a relative --at.</summary>
public sealed class ExplainOptionTests
{
    private static readonly string[] Outage = ["explain", "policies/support.esc", "--events", "policies/events/sev1-network-outage.jsonl"];

    [Fact]
    public void OnlyKeepsTheTimelineLinesOfTheKindsAskedAndTheState()
    {
        var full = Esc.Run(Outage);
        var result = Esc.Run([.. Outage, "--only", "event,decision,state"]);

        result.ExitCode.ShouldBe(0, result.Error);
        var (kept, keptState) = Split(result.Out);
        var (all, allState) = Split(full.Out);
        kept.ShouldBe([.. all.Where(l => Kind(l) is "event" or "decision" or "state")]);
        kept.Select(Kind).Distinct().Order().ShouldBe(["decision", "event", "state"]);
        keptState.ShouldBe(allState);
        keptState.ShouldContain("state at 2026-11-02T18:30:00Z: resolved");
    }

    [Fact]
    public void OnlyFiltersTheJsonTimelineAndKeepsDecisionsAndState()
    {
        var full = JsonDocument.Parse(Esc.Run([.. Outage, "--format", "json"]).Out).RootElement;
        var result = Esc.Run([.. Outage, "--format", "json", "--only", "sla, decision"]);

        result.ExitCode.ShouldBe(0, result.Error);
        var json = JsonDocument.Parse(result.Out).RootElement;
        var kinds = json.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        kinds.Count.ShouldBe(full.GetProperty("timeline").EnumerateArray().Count(e => e.GetProperty("kind").GetString() is "sla" or "decision"));
        kinds.Distinct().Order().ShouldBe(["decision", "sla"]);
        json.GetProperty("decisions").GetArrayLength().ShouldBe(full.GetProperty("decisions").GetArrayLength());
        json.GetProperty("state").GetRawText().ShouldBe(full.GetProperty("state").GetRawText());
    }

    [Theory]
    [InlineData("--only", "evnt", "esc: --only: 'evnt' is not a kind of timeline entry; the kinds are event, state, rule, deadline, fired, skipped, sla, decision; did you mean event?\n")]
    [InlineData("--only", "event,alarm", "esc: --only: 'alarm' is not a kind of timeline entry; the kinds are event, state, rule, deadline, fired, skipped, sla, decision\n")]
    [InlineData("--only", "event,", "esc: --only: 'event,' has an empty kind; give kinds separated by commas: event, state, rule, deadline, fired, skipped, sla, decision\n")]
    [InlineData("--zone", "Europe/Berln", "esc: --zone: 'Europe/Berln' is not an IANA time zone; name one such as Europe/Berlin or America/New_York, or policy for the zone of the policy's default calendar; did you mean Europe/Berlin?\n")]
    [InlineData("--zone", "PST", "esc: --zone: 'PST' is not an IANA time zone; name one such as Europe/Berlin or America/New_York, or policy for the zone of the policy's default calendar; for US Pacific time write \"America/Los_Angeles\"\n")]
    [InlineData("--zone", "EST6", "esc: --zone: 'EST6' is not an IANA time zone; name one such as Europe/Berlin or America/New_York, or policy for the zone of the policy's default calendar\n")]
    [InlineData("--zone", "CET+1", "esc: --zone: 'CET+1' is not an IANA time zone; name one such as Europe/Berlin or America/New_York, or policy for the zone of the policy's default calendar\n")]
    [InlineData("--at", "+2x", "esc: --at: '+2x' has the unit 'x'; use m, h, d or w (such as +30m, +1h, +1h30m)\n")]
    [InlineData("--at", "+", "esc: --at: '+' is not a duration such as +30m, +1h or +1h30m\n")]
    [InlineData("--at", "+-1h", "esc: --at: '+-1h' is not a duration such as +30m, +1h or +1h30m\n")]
    [InlineData("--at", "+1h1h", "esc: --at: '+1h1h' gives the unit 'h' more than once; write each unit once, largest first (w, d, h, m): the total is '2h'\n")]
    [InlineData("--at", "+600w", "esc: --at: '+600w' is longer than 10 years\n")]
    [InlineData("--at", "2h", "esc: --at: '2h' is not an ISO 8601 time with an offset, such as 2026-11-26T15:00:00Z; for a time after the ticket was created, write +2h\n")]
    [InlineData("--at", "14:17", "esc: --at: '14:17' is not an ISO 8601 time with an offset, such as 2026-11-26T15:00:00Z\n")]
    public void AValueTheOptionDoesNotTakeIsAUsageErrorSayingWhatItTakes(string option, string value, string error)
    {
        var result = Esc.Run([.. Outage, option, value]);

        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldBe(error);
    }

    [Theory]
    [InlineData("SUP-9", "")]
    [InlineData("sup-2", "; ticket ids are case-sensitive: did you mean SUP-2?")]
    [InlineData("SUP2", "; did you mean SUP-2?")]
    public void ATicketTheFileDoesNotHoldIsAUsageErrorListingItsTicketsAndTheNearOne(string ticket, string hint)
    {
        var result = Esc.Run("explain", "policies/support.esc", "--events", "policies/events/week-of-tickets.jsonl", "--ticket", ticket);

        result.ExitCode.ShouldBe(2);
        result.Out.ShouldBeEmpty();
        result.Error.ShouldBe($"esc: --ticket: policies/events/week-of-tickets.jsonl has no events for ticket '{ticket}' (tickets: SUP-1, SUP-2, SUP-3, SUP-4, SUP-5){hint}\n");
    }

    [Fact]
    public void ATicketTheFileDoesNotHoldListsTheFirstTenOfItsTickets()
    {
        using var folder = new LintTempFolder();
        folder.Write("t.jsonl", string.Concat(Enumerable.Range(1, 12).Select(i => $$"""{"ticket":"T{{i:00}}","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev1"}""" + "\n")));

        var result = Esc.RunIn(folder.Path, string.Empty, "explain", RepoPaths.Combine("policies", "support.esc"), "--events", "t.jsonl", "--ticket", "T013");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("esc: --ticket: t.jsonl has no events for ticket 'T013' (tickets: T01, T02, T03, T04, T05, T06, T07, T08, T09, T10, ...)\n");
    }

    [Fact]
    public void ZoneShowsTheTextTimesInThatZoneWithTheirOffset()
    {
        var utc = Esc.Run(Outage).Out;
        var result = Esc.Run([.. Outage, "--zone", "Europe/Berlin", "--at", "2026-11-02T14:31:00Z"]);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("\n2026-11-02T15:00:00+01:00  event     event created severity=sev1");
        result.Out.ShouldContain("\n2026-11-02T15:21:00+01:00  event     event acknowledged\n");
        result.Out.ShouldContain("\nstate at 2026-11-02T15:31:00+01:00: escalated");
        result.Out.ShouldContain("  sla mitigate                 pending due 2026-11-02T19:00:00+01:00\n");
        result.Out.ShouldContain("  next deadline: 2026-11-02T16:00:00+01:00\n");
        result.Out.ShouldNotContain(":00Z  ");

        // Texts keep their own times; only the time column and the state block move to the zone.
        result.Out.ShouldContain("  deadline  SLA acknowledge due: 2026-11-02T14:00:00Z + 15m = 2026-11-02T14:15:00Z\n");
        Esc.Run([.. Outage, "--zone", "UTC"]).Out.ShouldBe(utc.Replace(":00Z  ", ":00+00:00  ").Replace("state at 2026-11-02T18:30:00Z", "state at 2026-11-02T18:30:00+00:00"));
    }

    [Fact]
    public void ZonePolicyIsTheZoneOfThePolicysDefaultCalendar()
    {
        // support.esc's only calendar is in America/New_York, on standard time (-05:00) from 1 November 2026.
        var result = Esc.Run([.. Outage, "--zone", "policy"]);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("\n2026-11-02T09:00:00-05:00  event     event created");
        result.Out.ShouldContain("\nstate at 2026-11-02T13:30:00-05:00: resolved");
    }

    [Fact]
    public void ZoneTakesTheOffsetOfEachInstantAcrossAClockChange()
    {
        // Europe/Berlin leaves summer time at 2026-10-25T01:00:00Z.
        var result = ExplainTests.ExplainLines(
            [
                "{\"ticket\":\"T\",\"at\":\"2026-10-25T00:30:00Z\",\"type\":\"created\",\"severity\":\"sev3\"}",
                "{\"ticket\":\"T\",\"at\":\"2026-10-25T01:30:00.5Z\",\"type\":\"acknowledged\"}",
            ],
            "--zone", "Europe/Berlin", "--only", "event");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("\n2026-10-25T02:30:00+02:00      event     event created severity=sev3\n");
        result.Out.ShouldContain("\n2026-10-25T02:30:00.500+01:00  event     event acknowledged\n");
    }

    [Fact]
    public void JsonKeepsUtcInstantsWhateverTheZone()
    {
        var result = Esc.Run([.. Outage, "--format", "json", "--zone", "Europe/Berlin"]);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldBe(Esc.Run([.. Outage, "--format", "json"]).Out);
    }

    [Fact]
    public void ZonePolicyWithoutACalendarIsAUsageError()
    {
        using var folder = new LintTempFolder();
        folder.Write("p.esc", "policy \"plain\" version 1\nseverity sev1 { acknowledge within 15m }\n");
        folder.Write("t.jsonl", "{\"ticket\":\"T\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\"}\n");

        var result = Esc.RunIn(folder.Path, string.Empty, "explain", "p.esc", "--events", "t.jsonl", "--zone", "policy");

        result.ExitCode.ShouldBe(2, result.Out);
        result.Error.ShouldBe("esc: --zone: policy plain has no default calendar, so 'policy' names no zone; name an IANA zone such as Europe/Berlin\n");
    }

    [Theory]
    [InlineData("+31m", "2026-11-02T14:31:00Z")]
    [InlineData("+1h30m", "2026-11-02T15:30:00Z")]
    [InlineData("+1d", "2026-11-03T14:00:00Z")]
    [InlineData("+0m", "2026-11-02T14:00:00Z")]
    public void ARelativeAtCountsFromTheTicketsCreatedEvent(string relative, string absolute)
    {
        foreach (var format in new[] { "text", "json" })
        {
            var result = Esc.Run([.. Outage, "--at", relative, "--format", format]);

            result.ExitCode.ShouldBe(0, result.Error);
            result.Out.ShouldBe(Esc.Run([.. Outage, "--at", absolute, "--format", format]).Out);
        }
    }

    [Fact]
    public void ARelativeAtShowsWhatHappensIfNobodyActs()
    {
        // The trainer's "what does the ticket look like two hours in": a file with only the created event.
        var result = ExplainTests.ExplainLines(
            ["{\"ticket\":\"T\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\",\"fields\":{\"impact\":\"production\"}}"],
            "--at", "+2h", "--only", "fired");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("2026-11-02T15:00:00Z  fired     sev1_production #3 (after 1h unless root_cause) fires (occurrence 1)\n");
        result.Out.ShouldContain("\nstate at 2026-11-02T16:00:00Z: escalated");
    }

    [Fact]
    public void ARelativeAtPastTheTimesEscHandlesIsRefused()
    {
        var result = ExplainTests.ExplainLines(["{\"ticket\":\"T\",\"at\":\"2199-12-31T12:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\"}"], "--at", "+1d");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("esc: --at: '+1d' is outside the times esc handles, from 1970-01-01 to the end of 2199 (UTC)\n");
    }

    /// <summary>The timeline's lines (time, kind, text) and the state block after them.</summary>
    private static (List<string> Lines, string State) Split(string output)
    {
        var parts = output.Split("\n\n");
        parts.Length.ShouldBe(3, output);
        return ([.. parts[1].Split('\n')], parts[2]);
    }

    private static string Kind(string line) => line.Split("  ", StringSplitOptions.RemoveEmptyEntries)[1].Trim();
}
