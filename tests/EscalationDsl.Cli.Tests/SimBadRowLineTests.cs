using EscalationDsl.Tests;

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

    [Fact]
    public void AMappingFileThatIsNotUtf8IsRefusedWhereItsFirstBadByteIs()
    {
        // Read with replacement characters, "Tickét ID" (Windows-1252) never matched the header, and
        // every row was bad with no word of the encoding.
        var utf8 = File.ReadAllText(Path.Combine(RepoPaths.Root, "policies", "mappings", "helpdesk-export.json"));
        var map = Path.Combine(folder, "latin1.json");
        File.WriteAllBytes(map, System.Text.Encoding.Latin1.GetBytes("{\n  \"tick\u00e9t\": 1,\n" + utf8.TrimStart()[1..]));
        var withoutMark = Path.Combine(folder, "utf16.json");
        File.WriteAllBytes(withoutMark, System.Text.Encoding.Unicode.GetBytes("{}"));

        var latin1 = Esc.Run("sim", "policies/support.esc", "--map", map, "--tickets", "policies/events/helpdesk-export.csv");
        var utf16 = Esc.Run("sim", "policies/support.esc", "--map", withoutMark, "--tickets", "policies/events/helpdesk-export.csv");

        latin1.ExitCode.ShouldBe(ExitCodes.Usage);
        latin1.Error.ShouldBe($"esc: {map}:2:8: the byte 0xE9 is not UTF-8 text; save the mapping file as UTF-8 (column names and values in another encoding would not match the export)\n");
        utf16.ExitCode.ShouldBe(ExitCodes.Usage);
        utf16.Error.ShouldBe($"esc: {withoutMark}:1:2: the mapping file holds a NUL byte (0x00), so it is not UTF-8 text (a binary file, or UTF-16 without a byte order mark); save it as UTF-8\n");
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
