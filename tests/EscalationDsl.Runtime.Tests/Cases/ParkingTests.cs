using Xunit.Abstractions;

namespace EscalationDsl.Runtime.Tests.Cases;

/// <summary>
/// `every ... while C` steps park while C cannot hold (docs/runtime.md, "Parked steps"): no deadline
/// until an event or a policy action makes C true again, then the tick grid they would have kept.
/// Each pair of cases checks that the parked step wakes nothing, and that the decisions afterwards are
/// the ones the grid gives, computed by hand. "+0m" is Monday 2026-11-02 09:00 in New York, the
/// opening of the `business` calendar (mon..fri 09:00-17:00).
/// </summary>
public sealed class ParkingTests(ITestOutputHelper output)
{
    private const string Paging = "escalation r for sev1 { every 15m while not acknowledged up to 4 times: page oncall }";

    private const string Confirmed = "escalation r for sev1 { every 30m while confirmed: notify lead }";

    private const string BusinessConfirmed = "escalation r for sev1 { every 3 business hours while confirmed: notify lead }";

    private const string PausedConfirmed = "pause sla while status == awaiting_customer\n" + Confirmed;

    private const string PausedBusinessConfirmed =
        "pause sla while status == awaiting_customer\nescalation r for sev1 { every 2 business hours while confirmed: notify lead }";

    private const string SinceConfirmed = "escalation r for sev1 { every 1h since customer_update while confirmed: remind lead }";

    private static readonly RuntimeCase[] Cases =
    [
        // Acknowledged at +20m: the tick at +30m is skipped and the step parks. `acknowledged` is
        // never undone, so the ticket has no deadline at all any more (it used to wake at +45m, +1h, ...).
        new("AnEveryStepParksWhenItsWhileCannotHoldAndTheTicketHasNoDeadline",
            Paging,
            "+0m created sev1; +20m acknowledged; +30m advance",
            "+15m page oncall")
        {
            Clocks = ["r #0 parked"],
            NextDeadline = "-",
        },
        new("AParkedStepStaysParkedThroughLaterEventsThatLeaveItsWhileFalse",
            Paging,
            "+0m created sev1; +20m acknowledged; +30m advance; +2h status in_progress; +5h advance",
            "+15m page oncall")
        {
            Clocks = ["r #0 parked"],
            NextDeadline = "-",
        },

        // Ticks at +30m, +1h, +1h30m, +2h (every 30m from the rule start). Parked at +30m; confirmed at
        // +1h40m: the next tick of that grid is +2h.
        new("AParkedStepWakesNothingBeforeItsWhileHolds",
            Confirmed,
            "+0m created sev1; +1h35m advance",
            [])
        {
            Clocks = ["r #0 parked"],
            NextDeadline = "-",
        },
        new("AParkedStepResumesOnItsTickGridWhenAnEventMakesItsWhileHold",
            Confirmed,
            "+0m created sev1; +1h40m field_set confirmed=true",
            [])
        {
            Clocks = ["r #0 pending +2h"],
            NextDeadline = "+2h",
        },
        new("AResumedStepFiresAtEachTickOfItsGrid",
            Confirmed,
            "+0m created sev1; +1h40m field_set confirmed=true; +2h40m advance",
            "+2h notify lead", "+2h30m notify lead")
        {
            NextDeadline = "+3h",
        },

        // An event at exactly a tick counts as in time, as at every deadline: the tick sees it and fires.
        new("AnEventAtExactlyAParkedTickMakesThatTickFire",
            Confirmed,
            "+0m created sev1; +2h field_set confirmed=true; +2h10m advance",
            "+2h notify lead"),

        // It parks again when its while stops holding, and the grid goes on underneath.
        new("AResumedStepParksAgainAndResumesOnTheSameGrid",
            Confirmed,
            "+0m created sev1; +40m field_set confirmed=true; +1h10m field_set confirmed=false; +1h30m advance; +3h50m field_set confirmed=true; +4h30m advance",
            "+1h notify lead", "+4h notify lead", "+4h30m notify lead"),

        // Business hours: ticks at 12:00, 15:00 Monday, then 15:00 + 3 business hours = Tuesday 10:00
        // (two hours on Monday, one on Tuesday), 13:00, 16:00. Parked at Monday 12:00; confirmed on Tuesday
        // at 09:30: the next tick is Tuesday 10:00 (+1d1h), then 13:00 (+1d4h).
        new("AParkedBusinessHoursStepWakesNothingOvernight",
            BusinessConfirmed,
            "+0m created sev1; +1d30m advance",
            [])
        {
            NextDeadline = "-",
        },
        new("AParkedBusinessHoursStepResumesOnItsBusinessTickGrid",
            BusinessConfirmed,
            "+0m created sev1; +3h advance; +1d30m field_set confirmed=true",
            [])
        {
            NextDeadline = "+1d1h",
        },
        new("AResumedBusinessHoursStepFiresAtItsBusinessTicks",
            BusinessConfirmed,
            "+0m created sev1; +3h advance; +1d30m field_set confirmed=true; +1d5h advance",
            "+1d1h notify lead", "+1d4h notify lead"),

        // A pause shifts the grid of a parked step as it shifts every deadline. Parked at +30m (anchor);
        // paused from +40m to +1h10m; so the next tick is +30m + 10m + (pause) + 20m = +1h30m, then +2h.
        // Confirmed at +1h45m: the next tick is +2h.
        new("APauseShiftsTheTickGridOfAParkedStep",
            PausedConfirmed,
            "+0m created sev1; +30m advance; +40m status awaiting_customer; +1h10m status in_progress; +1h45m field_set confirmed=true",
            [])
        {
            NextDeadline = "+2h",
        },
        new("AStepResumedAfterAPauseFiresOnTheShiftedGrid",
            PausedConfirmed,
            "+0m created sev1; +30m advance; +40m status awaiting_customer; +1h10m status in_progress; +1h45m field_set confirmed=true; +2h40m advance",
            "+2h notify lead", "+2h30m notify lead"),

        // Confirmed during the pause: its next tick waits for the pause to end, then falls at +1h30m.
        new("AStepResumedDuringAPauseHasNoDeadlineUntilThePauseEnds",
            PausedConfirmed,
            "+0m created sev1; +30m advance; +40m status awaiting_customer; +50m field_set confirmed=true",
            [])
        {
            Clocks = ["r #0 paused"], // listed as the pause stops it, with no due time
            NextDeadline = "-",
        },
        new("AStepResumedDuringAPauseFiresOnTheGridTheEndOfThePauseGives",
            PausedConfirmed,
            "+0m created sev1; +30m advance; +40m status awaiting_customer; +50m field_set confirmed=true; +1h10m status in_progress; +2h05m advance",
            "+1h30m notify lead", "+2h notify lead"),

        // Business hours and a pause: parked at Monday 11:00 (+2h); paused from 11:30 to Tuesday 10:00;
        // two business hours from 11:00 are 30 minutes on Monday and 90 on Tuesday after the pause:
        // Tuesday 11:30 (+1d2h30m), then 13:30 (+1d4h30m).
        new("APauseShiftsTheBusinessTickGridOfAParkedStep",
            PausedBusinessConfirmed,
            "+0m created sev1; +2h advance; +2h30m status awaiting_customer; +1d1h status in_progress; +1d1h30m field_set confirmed=true",
            [])
        {
            NextDeadline = "+1d2h30m",
        },
        new("AStepResumedAfterAPauseFiresOnTheShiftedBusinessGrid",
            PausedBusinessConfirmed,
            "+0m created sev1; +2h advance; +2h30m status awaiting_customer; +1d1h status in_progress; +1d1h30m field_set confirmed=true; +1d5h advance",
            "+1d2h30m notify lead", "+1d4h30m notify lead"),

        // `since`: parked at +1h; a customer update at +1h20m restarts the grid (+2h20m, +3h20m), as it
        // restarts a step that is not parked; confirmed at +2h50m: the next tick is +3h20m.
        new("ASinceEventRestartsTheGridOfAParkedStep",
            SinceConfirmed,
            "+0m created sev1; +1h advance; +1h20m customer_update; +2h50m field_set confirmed=true",
            [])
        {
            NextDeadline = "+3h20m",
        },
        new("AStepResumedAfterASinceEventFiresOnTheRestartedGrid",
            SinceConfirmed,
            "+0m created sev1; +1h advance; +1h20m customer_update; +2h50m field_set confirmed=true; +4h30m advance",
            "+3h20m remind lead", "+4h20m remind lead"),

        // The policy's own action can make `while` hold: at +50m the `after` step hands the ticket to
        // the lead, so the step parked at +20m resumes on its grid at +1h.
        new("AParkedStepResumesWhenAPolicyActionAtADeadlineMakesItsWhileHold",
            """
            escalation r for sev1 {
                owner frontline
                every 20m while owner == lead: notify director
                after 50m: assign lead
            }
            """,
            "+0m created sev1; +1h30m advance",
            "+50m assign lead", "+1h notify director", "+1h20m notify director"),

        // At a deadline shared with the action, the step's turn comes in policy order, as before:
        // after the hand-over (the `after` step comes first) it fires at that very tick ...
        new("AParkedStepWhoseTickComesAfterTheActionInTheSameRoundFiresAtThatTick",
            """
            escalation r for sev1 {
                owner frontline
                after 40m: assign lead
                every 20m while owner == lead: notify director
            }
            """,
            "+0m created sev1; +1h10m advance",
            "+40m assign lead", "+40m notify director", "+1h notify director"),

        // ... before it (the `every` step comes first), its tick at that instant is skipped, and the next one fires.
        new("AParkedStepWhoseTickComesBeforeTheActionInTheSameRoundFiresAtTheNextTick",
            """
            escalation r for sev1 {
                owner frontline
                every 20m while owner == lead: notify director
                after 40m: assign lead
            }
            """,
            "+0m created sev1; +1h10m advance",
            "+40m assign lead", "+1h notify director"),

        // A deescalation's action: `enter monitor` at containment makes `while monitoring` hold.
        new("AParkedStepResumesWhenADeescalationMakesItsWhileHold",
            """
            escalation r for sev1 { every 30m while monitoring: notify lead }
            deescalate when mitigation_status == contained { enter monitor }
            """,
            "+0m created sev1; +50m mitigation contained; +1h40m advance",
            "+50m enter_monitor", "+1h notify lead", "+1h30m notify lead"),

        // `up to N times` counts firings: parked between the first and the second, none after the cap.
        new("AParkedStepKeepsItsCapCount",
            "escalation r for sev1 { every 10m while confirmed up to 2 times: notify lead }",
            "+0m created sev1 confirmed=true; +15m field_set confirmed=false; +35m field_set confirmed=true; +2h advance",
            "+10m notify lead", "+40m notify lead")
        {
            Clocks = [],
            NextDeadline = "-",
        },

        // A rule that stops and starts again starts its grid again, parked or not.
        new("ARuleThatStartsAgainStartsTheGridOfAParkedStepAgain",
            "escalation r for any when impact == production { every 10m while confirmed: notify lead }",
            "+0m created sev1 impact=production; +15m advance; +22m field_set impact=degraded; +25m field_set impact=production confirmed=true; +50m advance",
            "+35m notify lead", "+45m notify lead"),
        new("AReopenStartsTheGridOfAParkedStepAgain",
            Confirmed,
            "+0m created sev1; +30m advance; +40m resolved; +50m reopened; +55m field_set confirmed=true; +1h30m advance",
            "+1h20m notify lead"),

        // A `while` with `during` or `older than` can change with no event: it keeps its ticks.
        new("AnEveryStepWhoseWhileDependsOnTimeKeepsItsTicks",
            "escalation r for sev1 { every 30m while not during business: notify lead }",
            "+0m created sev1; +45m advance",
            [])
        {
            Clocks = ["r #0 pending +1h"],
            NextDeadline = "+1h",
        },
    ];

    public static TheoryData<string> Names => [.. Cases.Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void ParkingBehavesAsTheSpecSays(string name) => Cases.Single(c => c.Name == name).Verify(output);
}
