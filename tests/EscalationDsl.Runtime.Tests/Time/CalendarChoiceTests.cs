using static EscalationDsl.Runtime.Tests.Time.BusinessTimePolicyTests;

namespace EscalationDsl.Runtime.Tests.Time;

/// <summary>
/// `calendar by FIELD`: business durations that name no calendar are measured on the calendar the
/// ticket's value of the field chooses when the duration starts to count. Expected instants by hand.
/// </summary>
public sealed class CalendarChoiceTests
{
    // Chicago is UTC-6 and Amsterdam UTC+1 in late November 2026.
    private const string Policy = """
        policy "msp" version 1
        calendar amer "America/Chicago" { hours mon..fri 08:00-18:00 }
        calendar emea "Europe/Amsterdam" { hours mon..fri 09:00-17:00 }
        calendar apac "Asia/Singapore" { hours mon..fri 09:00-18:00 }
        calendar by customer {
            acme          -> amer
            globex, hooli -> emea
            default       -> apac
        }
        owners { team desk "Desk" }
        fields { customer text }
        severity p3 {
            acknowledge within 4 business hours
            resolve     within 2 business days on emea
        }
        escalation r for p3 {
            owner desk
            after 2 business hours unless acknowledged: notify desk
        }
        """;

    [Fact]
    public void EachCustomersTicketIsMeasuredOnItsCalendar()
    {
        // Fri 2026-11-27 15:00Z is 09:00 in Chicago: acknowledge 13:00 CST (19:00Z), the step at 11:00 CST (17:00Z).
        // resolve names emea: 16:00 CET is 7h into Friday's business day, two business days later Tue 16:00 CET.
        Run(Policy, "2026-11-27T15:00:00Z created p3 customer=acme; 2026-12-02T00:00:00Z advance").ShouldBe([
            "2026-11-27T17:00:00Z notify desk",
            "2026-11-27T19:00:00Z sla_breach desk acknowledge",
            "2026-12-01T15:00:00Z sla_breach desk resolve",
        ]);

        // The same instant is 16:00 in Amsterdam: 1h on Friday, then from Mon 09:00 CET (08:00Z):
        // the step 1h later (09:00Z), acknowledge 3h later (11:00Z).
        Run(Policy, "2026-11-27T15:00:00Z created p3 customer=hooli; 2026-12-02T00:00:00Z advance").ShouldBe([
            "2026-11-30T09:00:00Z notify desk",
            "2026-11-30T11:00:00Z sla_breach desk acknowledge",
            "2026-12-01T15:00:00Z sla_breach desk resolve",
        ]);
    }

    [Fact]
    public void AnyOtherValueOrNoneTakesTheDefaultEntry()
    {
        // 15:00Z is 23:00 in Singapore (UTC+8): from Mon 09:00 SGT (01:00Z), the step at 03:00Z, acknowledge at 05:00Z.
        string[] expected = ["2026-11-30T03:00:00Z notify desk", "2026-11-30T05:00:00Z sla_breach desk acknowledge"];
        Run(Policy, "2026-11-27T15:00:00Z created p3 customer=initech; 2026-11-30T12:00:00Z advance").ShouldBe(expected);
        Run(Policy, "2026-11-27T15:00:00Z created p3; 2026-11-30T12:00:00Z advance").ShouldBe(expected);
    }

    [Fact]
    public void AWaitStartsOnTheCalendarOfTheValueThenAndMovesWithIt()
    {
        // Created without a customer: acknowledge on apac, Mon 2026-11-30 05:00Z. The rule starts when a
        // customer is set, Mon 15:00Z (09:00 in Chicago), so its wait counts on amer: 11:00 CST (17:00Z).
        var policy = Policy.Replace("escalation r for p3 {", "escalation r for p3 when customer {", StringComparison.Ordinal);
        const string Start = """
            2026-11-27T15:00:00Z created p3
            2026-11-30T15:00:00Z field_set customer=acme
            """;
        Run(policy, Start + "\n2026-12-01T12:00:00Z advance")
            .ShouldBe(["2026-11-30T05:00:00Z sla_breach acknowledge", "2026-11-30T17:00:00Z notify desk"]);

        // Moved to globex half an hour later, the wait is measured again from its start on emea: Mon 15:00Z
        // is 16:00 CET, 1h on Monday, 1h from Tue 09:00 CET: Tue 10:00 CET (09:00Z).
        Run(policy, Start + "\n2026-11-30T15:30:00Z field_set customer=globex\n2026-12-01T12:00:00Z advance")
            .ShouldBe(["2026-11-30T05:00:00Z sla_breach acknowledge", "2026-12-01T09:00:00Z notify desk"]);
    }

    [Fact]
    public void AWaitWhoseNewDeadlineHasPassedFallsDueAtTheChange()
    {
        // Created Fri 15:00Z without a customer (apac: acknowledge Mon 05:00Z, the step Mon 03:00Z). Set to
        // acme at 19:30Z: on Chicago hours the step was due at 17:00Z and acknowledge at 19:00Z, so both
        // happen at the change.
        Run(Policy, """
            2026-11-27T15:00:00Z created p3
            2026-11-27T19:30:00Z field_set customer=acme
            2026-11-27T20:00:00Z advance
            """).ShouldBe(["2026-11-27T19:30:00Z notify desk", "2026-11-27T19:30:00Z sla_breach desk acknowledge"]);
    }

    [Fact]
    public void AChangeToAValueWithTheSameCalendarMeasuresNothingAgain()
    {
        var s = new TicketScript(TicketScript.Compile(Policy), start: "2026-11-27T15:00:00Z").Run("+0m created p3 customer=globex; +30m field_set customer=hooli");

        s.Trace.Entries.Where(e => e.Text.Contains("now chooses calendar", StringComparison.Ordinal)).ShouldBeEmpty();
        s.Trace.Entries.Count(e => e.Text.StartsWith("SLA acknowledge due", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public void NumberValuesChooseAsNumbers()
    {
        var policy = Policy.Replace("fields { customer text }", "fields { customer number }", StringComparison.Ordinal)
            .Replace("acme          -> amer", "1 -> amer", StringComparison.Ordinal)
            .Replace("globex, hooli -> emea", "2, 3 -> emea", StringComparison.Ordinal);

        // "01" is 1: Chicago hours, as in EachCustomersTicketIsMeasuredOnItsCalendar.
        Run(policy, "2026-11-27T15:00:00Z created p3 customer=01; 2026-11-27T20:00:00Z advance")
            .ShouldBe(["2026-11-27T17:00:00Z notify desk", "2026-11-27T19:00:00Z sla_breach desk acknowledge"]);
    }

    [Fact]
    public void TheTraceSaysWhichCalendarAndWhichValue()
    {
        var s = new TicketScript(TicketScript.Compile(Policy), start: "2026-11-27T15:00:00Z").Run("+0m created p3 customer=acme; +30m field_set customer=globex; +40m field_set customer=");

        var texts = s.Trace.Entries.Select(e => e.Text).ToList();
        texts.ShouldContain(text => text.StartsWith(
            "SLA acknowledge due: 2026-11-27T15:00:00Z + 4 business hours on amer (calendar by customer: acme) = 2026-11-27T19:00:00Z",
            StringComparison.Ordinal));
        texts.ShouldContain("customer now chooses calendar emea (was amer): running deadlines are measured again from their start, and any now passed fall due at once");
        texts.ShouldContain(text => text.StartsWith("SLA acknowledge due: 2026-11-27T15:00:00Z + 4 business hours on apac (calendar by customer: no value)", StringComparison.Ordinal));
    }

    [Fact]
    public void AnEventThatChangesTheCalendarAndStartsAPauseMeasuresTheWaitsOnce()
    {
        var policy = Policy + "pause sla while status == awaiting_customer\n";
        var s = new TicketScript(TicketScript.Compile(policy), start: "2026-11-27T15:00:00Z")
            .Run("+0m created p3 customer=acme; +30m status awaiting_customer customer=globex");

        var at = s.At("+30m");
        s.Trace.Entries.Where(e => e.At == at && e.Text.StartsWith("SLA acknowledge due", StringComparison.Ordinal)).ShouldHaveSingleItem().Text
            .ShouldContain("on emea (calendar by customer: globex)");
    }
}
