using EscalationDsl.Runtime.Tests.Cases;
using NodaTime.Text;

namespace EscalationDsl.Runtime.Tests;

/// <summary>docs/runtime.md: times are kept to the second; deadlines are rounded up so nothing fires early.</summary>
public sealed class TimePrecisionTests
{
    private static string[] Times(TicketScript s) => [.. s.Decisions.Select(d => $"{InstantPattern.ExtendedIso.Format(d.At)} {d.Id}")];

    [Fact]
    public void ClocksRestartedByAReopenCountFromTheReopenSecond()
    {
        var s = new TicketScript(TicketScript.Compile(PolicyText.With("pause sla while status == awaiting_customer\n", "severity sev1 { mitigate within 1h }\n")));
        s.Run("+0m created sev1; +20m resolved; 2026-11-02T15:10:00.700Z reopened; +3h advance");

        // The reopen is kept as 15:10:00, so the restarted clock is due at 16:10:00, whether or not
        // anything recomputes it later.
        Times(s).ShouldBe(["2026-11-02T16:10:00Z T1/sla/mitigate/1"]);

        var paused = new TicketScript(s.Policy);
        paused.Run("+0m created sev1; +20m resolved; 2026-11-02T15:10:00.700Z reopened; +1h30m status awaiting_customer; +1h30m status in_progress; +3h advance");
        Times(paused).ShouldBe(Times(s));
    }

    [Fact]
    public void ARuleStartedBetweenSecondsCountsFromTheWholeSecond()
    {
        var s = new TicketScript(TicketScript.Compile(PolicyText.With("escalation sec for any when security_flagged { after 10m: notify lead }")));
        s.Run("+0m created sev1; 2026-11-02T14:20:00.700Z flagged security_flagged; 2026-11-02T14:29:59.999Z advance");
        s.Decisions.ShouldBeEmpty();

        s.AdvanceTo("+1h");
        Times(s).ShouldBe(["2026-11-02T14:30:00Z T1/sec/0/1/0.0"]);
    }

    [Fact]
    public void ADeadlineNeverFiresBeforeItsTime()
    {
        var s = new TicketScript(TicketScript.Compile(PolicyText.With("", "severity sev1 { acknowledge within 15m }\n")), start: "2026-11-02T14:00:00.250Z");
        s.Run("+0m created sev1; 2026-11-02T14:15:00.249Z advance");
        s.Decisions.ShouldBeEmpty();

        s.Run("2026-11-02T14:15:00.250Z advance");
        Times(s).ShouldBe(["2026-11-02T14:15:00.25Z T1/sla/acknowledge/0"]);
    }

    [Theory]
    [InlineData("2026-11-02T15:00:00.4Z advance", null)]
    [InlineData("+2h advance", "2026-11-02T15:00:00.5Z")]
    [InlineData("2026-11-02T15:00:00.3Z status in_progress; +2h advance", "2026-11-02T15:00:00.5Z")]
    [InlineData("2026-11-02T15:00:00.3Z acknowledged; +2h advance", null)] // within the same second: as at one instant, in time
    [InlineData("2026-11-02T15:00:00.6Z acknowledged; +2h advance", "2026-11-02T15:00:00.5Z")]
    [InlineData("2026-11-02T15:00:00.5Z acknowledged; +2h advance", null)] // at the breach's own instant: in time, as at any deadline
    public void ADeadlineAnEventMovesIntoThePastNeverFiresBeforeThatEvent(string then, string? breach)
    {
        // A crash hunt: created at .500, raised at 15:00:00.200 to a severity whose target passed long ago; the breach was
        // stamped 14:59:59.500, the start of the ticket's second, before the change that caused it. It fires at the end of
        // that second, whatever else comes within it.
        var s = new TicketScript(
            TicketScript.Compile(PolicyText.With("", "severity sev1 { acknowledge within 10m }\nseverity sev2 { }\n")), start: "2026-11-02T14:00:00.500Z");
        s.Run($"+0m created sev2; 2026-11-02T15:00:00.200Z severity_changed sev1; {then}");

        Times(s).ShouldBe(breach is null ? [] : [$"{breach} T1/sla/acknowledge/0"]);
        s.Trace.Entries.Select(e => e.At).ShouldBeInOrder();
    }

    [Fact]
    public void ADeadlineRunBetweenSecondsDoesNotDelayADeadlineALaterEventMovesIntoThePast()
    {
        // A review: the engine's scheduler runs a ticket's deadlines at the wall clock (15:00:00.300); that marked the ticket's
        // second as seen between seconds, so a late raise applied at 15:00:00 breached at 15:00:01 and an acknowledgement at
        // .500 was in time, while a replay of the same events without that run breached at 15:00:00.
        var policy = TicketScript.Compile(PolicyText.With("", "severity sev1 { acknowledge within 10m }\nseverity sev2 { }\n"));
        var engine = new TicketScript(policy);
        engine.Run("+0m created sev2; 2026-11-02T15:00:00.300Z advance; 2026-11-02T14:59:00Z severity_changed sev1; 2026-11-02T15:00:00.500Z acknowledged; +2h advance");
        var replay = new TicketScript(policy);
        replay.Run("+0m created sev2; 2026-11-02T15:00:00Z severity_changed sev1; 2026-11-02T15:00:00.500Z acknowledged; +2h advance");

        Times(engine).ShouldBe(["2026-11-02T15:00:00Z T1/sla/acknowledge/0"]);
        Times(replay).ShouldBe(Times(engine));
    }

    [Fact]
    public void APauseThatStartsAndEndsWithinOneSecondChangesNothing()
    {
        var s = new TicketScript(TicketScript.Compile(PolicyText.With("pause sla while status == awaiting_customer\n", "severity sev1 { acknowledge within 15m }\n")));
        s.Run("+0m created sev1; 2026-11-02T14:10:00.100Z status awaiting_customer; 2026-11-02T14:10:00.900Z status in_progress; +1h advance");

        // Both events are kept as 14:10:00: a pause of zero length, so the target stays at 14:15:00.
        Times(s).ShouldBe(["2026-11-02T14:15:00Z T1/sla/acknowledge/0"]);
    }
}
