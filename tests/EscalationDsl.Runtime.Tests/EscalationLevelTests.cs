using EscalationDsl.Runtime.Tests.Cases;

namespace EscalationDsl.Runtime.Tests;

/// <summary>
/// The escalation level counts escalations up to 255 and stays there (docs/language.md, built-in fields):
/// the linter reports `escalation_level &gt; 255` as never holding and `escalation_level &lt;= 255` as always
/// holding (ESL029, ESL030) because of it.
/// </summary>
public sealed class EscalationLevelTests
{
    [Fact]
    public void TheLevelStaysAt255HoweverOftenTheTicketIsEscalated()
    {
        // Two steps bounce the ticket between two owners every minute: two escalations a minute, 400 in all.
        var script = new TicketScript(TicketScript.Compile(PolicyText.With("""
            escalation climb for sev1 { every 1m up to 200 times: escalate to lead }
            escalation fall for sev1 { every 1m up to 200 times: escalate to frontline }
            escalation top for sev1 when escalation_level >= 255 { immediately: notify director }
            """)));

        script.Run("+0m created sev1 owner=frontline; +4h advance");

        script.Lines().Count(l => l.Contains(" escalate ", StringComparison.Ordinal)).ShouldBe(400);
        script.Lines().Where(l => l.Contains("director", StringComparison.Ordinal)).ShouldBe(["+2h8m notify director"]);
        script.SnapshotLine().ShouldBe("escalated owner=frontline level=255");
    }
}
