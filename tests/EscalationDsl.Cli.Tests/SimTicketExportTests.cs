using System.Text.Json;
using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary><c>esc sim --map</c> with a one-row-per-ticket export (<c>"import": "tickets"</c>), end to end.</summary>
public sealed class SimTicketExportTests
{
    private const string Map = "policies/mappings/ticket-export.json";
    private const string Export = "policies/events/ticket-export.csv";

    [Fact]
    public void TheExampleExportReportsTheFiguresCountedByHand()
    {
        var result = Esc.Run("sim", "policies/support.esc", "--map", Map, "--tickets", Export, "--format", "json");

        result.ExitCode.ShouldBe(0);
        result.Error.ShouldStartWith($"esc sim: replayed 40 tickets (169 events from 40 rows of {Export}) in ");
        var report = JsonDocument.Parse(result.Out).RootElement;
        var input = report.GetProperty("input");
        (input.GetProperty("format").GetString(), input.GetProperty("rows").GetInt64(), input.GetProperty("badRows").GetInt64()).ShouldBe(("tickets", 40L, 0L));
        var tickets = report.GetProperty("tickets");
        (tickets.GetProperty("replayed").GetInt64(), tickets.GetProperty("resolved").GetInt64(), tickets.GetProperty("openAtEnd").GetInt64()).ShouldBe((40L, 34L, 6L));

        // First reply minus creation, in minutes, for the 38 tickets with a first reply (4745 and 4747 have none):
        // 8 9 10 11 11 12 12 13 14 15 16 18 18 19 20 21 22 24 [25] 26 28 30 33 35 40 45 45 50 55 60 65 70 85 95 120 140 180 230.
        // The median is the 19th (nearest rank): 25m. Urgent (sev1): 9 10 11 [12] 13 14 18, so 12m.
        var response = report.GetProperty("response");
        var all = response.GetProperty("all").GetProperty("firstResponse");
        (all.GetProperty("count").GetInt64(), all.GetProperty("missing").GetInt64(), all.GetProperty("median").GetInt64()).ShouldBe((38L, 2L, 25 * 60L));
        var sev1 = response.GetProperty("bySeverity")[0];
        sev1.GetProperty("severity").GetString().ShouldBe("sev1");
        sev1.GetProperty("firstResponse").GetProperty("median").GetInt64().ShouldBe(12 * 60L);

        report.GetProperty("caveats").GetArrayLength().ShouldBe(4);
        report.GetProperty("sla").GetProperty("unobserved").EnumerateArray().Select(u => u.GetString()).ShouldBe(["first_update", "mitigate"]);
    }

    [Fact]
    public void TheTextReportMarksWhatAnExportCannotShow()
    {
        var result = Esc.Run("sim", "policies/support.esc", "--map", Map, "--tickets", Export, "--quiet");

        result.ExitCode.ShouldBe(0);
        result.Out.ShouldContain("replayed on\npolicies/events/ticket-export.csv (tickets).");
        result.Out.ShouldContain("What the input cannot tell\n- A ticket export holds each ticket's values as it ended");
        result.Out.ShouldContain("first_update †");
        result.Out.ShouldContain("† The input cannot show first_update or mitigate being met except by resolution");
    }

    [Fact]
    public void BadRowsAreReportedAndStrictStopsAtTheFirst()
    {
        var lines = File.ReadAllLines(RepoPaths.Combine("policies", "events", "ticket-export.csv"));
        var export = Path.Combine(Path.GetTempPath(), $"esc-sim-{Guid.NewGuid():N}.csv");
        try
        {
            // Row 3 repeats the ticket of row 2; row 4 was first answered before it was created.
            File.WriteAllLines(export,
            [
                lines[0],
                lines[3],
                lines[3],
                "4800,Printer jam,Low,question,Other,Minor,Service Desk,sam,2026-10-06 10:00,2026-10-06 09:30,,,",
                lines[4],
            ]);

            var lenient = Esc.Run("sim", "policies/support.esc", "--map", Map, "--tickets", export, "--quiet");
            lenient.ExitCode.ShouldBe(0);
            lenient.Error.ShouldBe(
                $"{export}:3: Ticket ID: ticket '4711' has a row already (row 2); a ticket export has one row per ticket, so this row is skipped\n"
                + $"{export}:4: First reply at: '2026-10-06 09:30' is before the ticket was created (Created at: '2026-10-06 10:00'); ticket '4800' is skipped: correct the export, or leave the cell empty if the ticket was never acknowledged\n");
            lenient.Out.ShouldContain("2 tickets created");
            lenient.Out.ShouldContain("2 bad rows skipped.");

            var strict = Esc.Run("sim", "policies/support.esc", "--map", Map, "--tickets", export, "--strict");
            strict.ExitCode.ShouldBe(1);
            strict.Out.ShouldBeEmpty();
            strict.Error.ShouldBe(
                $"{export}:3: Ticket ID: ticket '4711' has a row already (row 2); a ticket export has one row per ticket, so this row is skipped\n"
                + $"esc: --strict: stopped at the first bad row of {export}; nothing was reported\n");
        }
        finally
        {
            File.Delete(export);
        }
    }

    [Fact]
    public void EmittedEventsReplayToTheSameDecisions()
    {
        var emitted = Path.Combine(Path.GetTempPath(), $"esc-sim-{Guid.NewGuid():N}.jsonl");
        try
        {
            var first = Esc.Run("sim", "policies/support.esc", "--map", Map, "--tickets", Export, "--emit-events", emitted, "--format", "json", "--quiet");
            first.ExitCode.ShouldBe(0);
            File.ReadLines(emitted).Count().ShouldBe(169);
            var again = Esc.Run("sim", "policies/support.esc", "--tickets", emitted, "--format", "json", "--quiet");
            again.ExitCode.ShouldBe(0);
            foreach (var part in new[] { "tickets", "response" })
            {
                Part(again.Out, part).ShouldBe(Part(first.Out, part));
            }

            Part(Part(again.Out, "escalations"), "decisionsByKind").ShouldBe(Part(Part(first.Out, "escalations"), "decisionsByKind"));
        }
        finally
        {
            File.Delete(emitted);
        }

        static string Part(string json, string name) => JsonDocument.Parse(json).RootElement.GetProperty(name).GetRawText();
    }
}
