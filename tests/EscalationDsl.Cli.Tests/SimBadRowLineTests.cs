namespace EscalationDsl.Cli.Tests;

/// <summary>
/// Each bad row is one line of standard error, `FILE:ROW: reason`, whatever the values it quotes hold:
/// a line break in a ticket id, or a cell a stray quote ran on over the rest of the file, made lines
/// that named no file and no row.
/// </summary>
public sealed class SimBadRowLineTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("esc-sim-rows-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void ControlCharactersOfATicketIdAreWrittenAsEscapes()
    {
        var tickets = Write("events.jsonl", """
            {"ticket":"A\nB\u0007","at":"2026-11-02T14:00:00Z","type":"acknowledged"}
            {"ticket":"C\tD","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev1"}
            {"ticket":"C\tD","at":"2026-11-02T14:05:00Z","type":"created","severity":"sev1"}

            """);

        var result = Esc.Run("sim", "policies/support.esc", "--tickets", tickets, "--quiet");

        result.ExitCode.ShouldBe(0);
        result.Error.ShouldBe(
            $"{tickets}:3: ticket 'C\\tD' already has a created event (row 2); a ticket is created once\n"
            + $"{tickets}:1: ticket 'A\\nB\\u0007' has no created event; a ticket starts with created\n");
    }

    [Fact]
    public void ACellAStrayQuoteRanOnToTheEndOfTheFileStaysOnOneLine()
    {
        var tickets = Write("export.csv", "Ticket ID,Action,When,Priority,Category,Team,Status,Impact\n"
            + "HD-1,Opened,02/11/2026 09:12:00,P1,Network,Service Desk,,Ou\"tage\n"
            + "HD-1,Taken,02/11/2026 09:20:00,P1,Network,Service Desk,,Outage\n");

        var result = Esc.Run("sim", "policies/support.esc", "--map", "policies/mappings/helpdesk-export.json", "--tickets", tickets, "--quiet");

        result.ExitCode.ShouldBe(ExitCodes.Findings);
        result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries).ShouldAllBe(line => line.StartsWith(tickets + ":2: ", StringComparison.Ordinal) || line.StartsWith("esc sim: ", StringComparison.Ordinal));
        result.Error.ShouldStartWith($"{tickets}:2: Impact (fields.impact): 'Ou\"tage\\nHD-1,Taken,02/11/2026 09:20:00,P1,Network,Service Desk,,Outage' is not one of production, degraded, minor\n");
    }

    [Fact]
    public void AUsageErrorQuotingANameWithALineBreakStaysOnOneLine()
    {
        var result = Esc.Run("sim", "policies/support.esc", "--tickets", "no\nsuch\u001b[31m.csv");

        result.ExitCode.ShouldBe(ExitCodes.Usage);
        result.Error.ShouldBe("esc: no\\nsuch\\u001b[31m.csv: no such file\n");
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
