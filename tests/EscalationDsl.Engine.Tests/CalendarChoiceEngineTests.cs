namespace EscalationDsl.Engine.Tests;

/// <summary>
/// `calendar by customer` in the engine (docs/language.md, "Choosing the calendar per ticket"): each
/// ticket's SLA clock runs on its customer's hours, a change of customer re-measures it, and a restart
/// rebuilds the same deadline from the log. Real HTTP and SQLite; only the clock is fake.
/// </summary>
public sealed class CalendarChoiceEngineTests
{
    private const string Msp = """
        policy "msp" version 1
        calendar amer "America/Chicago"  { hours mon..fri 08:00-18:00 holiday 2026-11-26 "Thanksgiving Day" }
        calendar emea "Europe/Amsterdam" { hours mon..fri 09:00-17:00 holiday 2026-12-25 "Christmas Day" }
        calendar by customer {
            acme    -> amer
            default -> emea
        }
        owners { team desk "Service desk" }
        fields { customer enum [acme, globex] }
        severity p3 { acknowledge within 4 business hours }
        escalation requests for p3 { owner desk }
        """;

    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    [Fact]
    public async Task EachCustomersTicketIsDueInItsHoursAndMovesWithItsCustomer()
    {
        await using var engine = await EngineFixture.StartAsync(new Dictionary<string, string> { ["msp.esc"] = Msp });

        // Mon 2 Nov 14:00Z is 08:00 in Chicago (CST): 4 business hours end at 12:00 CST, 18:00Z. In Amsterdam
        // it is 15:00 (CET): 2 hours on Monday, 2 from Tue 09:00 CET, so 11:00 CET, 10:00Z on Tuesday.
        await engine.PostEventOk(EngineFixture.Event("a1", "ACME-1", T0, "created", new { severity = "p3", fields = new { customer = "acme" } }));
        await engine.PostEventOk(EngineFixture.Event("g1", "GLOBEX-1", T0, "created", new { severity = "p3", fields = new { customer = "globex" } }));
        (await AcknowledgeDue(engine, "ACME-1")).ShouldBe("2026-11-02T18:00:00Z");
        (await AcknowledgeDue(engine, "GLOBEX-1")).ShouldBe("2026-11-03T10:00:00Z");

        // Globex's ticket was Acme's all along: measured again from creation on Chicago hours.
        await engine.AdvanceAsync(TimeSpan.FromMinutes(30));
        await engine.PostEventOk(EngineFixture.Event("g2", "GLOBEX-1", T0.AddMinutes(30), "field_set", new { fields = new { customer = "acme" } }));
        (await AcknowledgeDue(engine, "GLOBEX-1")).ShouldBe("2026-11-02T18:00:00Z");

        await engine.StopHostAsync();
        await engine.StartHostAsync();
        (await AcknowledgeDue(engine, "GLOBEX-1")).ShouldBe("2026-11-02T18:00:00Z", "the log replays to the same deadline");
        (await engine.GetJson("/v1/tickets/GLOBEX-1"))!["next_deadline"]!.GetValue<string>().ShouldBe("2026-11-02T18:00:00Z");
    }

    private static async Task<string?> AcknowledgeDue(EngineFixture engine, string ticket) =>
        (await engine.GetJson($"/v1/tickets/{ticket}"))!["clocks"]!.AsArray()
            .Where(c => (string?)c!["name"] == "sla acknowledge").Select(c => (string?)c!["due"]).Single();
}
