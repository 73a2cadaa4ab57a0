using EscalationDsl.Simulation.Mapping;
using EscalationDsl.Simulation.ServiceNow;
using EscalationDsl.Tests;

namespace EscalationDsl.Simulation.Tests;

/// <summary>
/// The events a replay hands on (<c>esc sim --emit-events</c>) carry ids, which the engine requires: an
/// event's own, or its ticket id and its position in the ticket's replay, so that the same input gives
/// the same ids and posting the file twice is a retry (a new user's F16).
/// </summary>
public sealed class EmittedIdTests
{
    [Fact]
    public void EventsWithoutIdsGetTheirTicketAndPositionInTheReplay()
    {
        // Not grouped by ticket, and A is reopened after B was read: its later events follow B's.
        const string Events = """
            {"ticket":"A","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev2"}
            {"ticket":"B","at":"2026-11-02T14:01:00Z","type":"created","severity":"sev3"}
            {"ticket":"A","at":"2026-11-02T14:05:00Z","type":"acknowledged"}
            {"ticket":"A","at":"2026-11-02T15:00:00Z","type":"closed"}
            {"ticket":"B","at":"2026-11-02T15:01:00Z","type":"closed"}
            {"ticket":"A","at":"2026-11-02T16:00:00Z","type":"reopened"}
            {"ticket":"A","at":"2026-11-02T17:00:00Z","type":"closed"}

            """;

        var first = Replays.Canonical(".jsonl", Events);
        var second = Replays.Canonical(".jsonl", Events);

        first.Problems.ShouldBeEmpty();
        first.Events.Select(e => $"{e.EventId} {e.Kind}").ShouldBe(["A/1 Created", "A/2 Acknowledged", "A/3 Closed", "B/1 Created", "B/2 Closed", "A/4 Reopened", "A/5 Closed"]);
        second.Events.Select(e => e.EventId).ShouldBe(first.Events.Select(e => e.EventId));
    }

    [Fact]
    public void AnEventsOwnIdIsKeptAndNotMadeAgainForAnother()
    {
        // The input names its second event "A/3": the third, which has no id, is not given it too.
        var replay = Replays.Canonical(".jsonl", """
            {"ticket":"A","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev2"}
            {"id":"A/3","ticket":"A","at":"2026-11-02T14:05:00Z","type":"acknowledged"}
            {"ticket":"A","at":"2026-11-02T15:00:00Z","type":"closed"}

            """);

        replay.Problems.ShouldBeEmpty();
        replay.Events.Select(e => e.EventId).ShouldBe(["A/1", "A/3", "A/3.2"]);
    }

    [Fact]
    public void EveryEventOfTheServiceNowSubsetHasItsOwnId()
    {
        // A snapshot row gives several events; each has its own id.
        using var source = new ServiceNowEventSource(Path.Combine(RepoPaths.SharedData, "incident_event_log_first1000incidents.csv"), "first1000.csv", MappingFile.DefaultServiceNow(Policies.Support));
        var replay = Replays.Run(Policies.Support, source);

        replay.Events.Count.ShouldBeGreaterThan(7000);
        replay.Events.Select(e => e.EventId).Distinct().Count().ShouldBe(replay.Events.Count);
    }
}
