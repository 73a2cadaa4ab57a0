using EscalationDsl.Tests;

namespace EscalationDsl.Simulation.Tests;

/// <summary>
/// A ServiceNow incident whose first row has the wrong number of cells: it was created, unseen, from its
/// second snapshot, with that snapshot's severity, owner and fields (docs/importers.md, "Bad rows").
/// </summary>
public sealed class ServiceNowFirstRowTests
{
    [Fact]
    public void AServiceNowIncidentWhoseFirstRowHasTooFewCellsIsSkippedAndItsOtherRowsSayWhy()
    {
        // Real rows: INC0000045 (lines 2-5) and INC0000060 (lines 6-9), whose first row is cut after six cells.
        var rows = Rows("INC0000045", "INC0000060");
        rows[5] = string.Join(',', rows[5].Split(',')[..6]);

        var replay = Replays.ServiceNow(string.Join("\n", rows) + "\n");

        replay.Problems.ShouldBe(
        [
            "log.csv:6: expected 36 columns, found 6; write an empty cell (nothing between two commas) for each column the row does not give",
            "log.csv:7: incident INC0000060 is skipped: its first row, which its created event comes from, was skipped (reported above)",
            "log.csv:8: incident INC0000060 is skipped: its first row, which its created event comes from, was skipped (reported above)",
            "log.csv:9: incident INC0000060 is skipped: its first row, which its created event comes from, was skipped (reported above)",
        ]);
        replay.Events.Select(e => e.TicketId).Distinct().ShouldBe(["INC0000045"]);
        replay.Result!.BadRows.ShouldBe(4);
    }

    [Fact]
    public void AServiceNowRowWithTooFewCellsInsideItsIncidentSkipsOnlyItself()
    {
        var rows = Rows("INC0000045", "INC0000060");
        rows[7] = string.Join(',', rows[7].Split(',')[..6]);

        var replay = Replays.ServiceNow(string.Join("\n", rows) + "\n");

        replay.Problems.ShouldBe(["log.csv:8: expected 36 columns, found 6; write an empty cell (nothing between two commas) for each column the row does not give"]);
        replay.Events.Select(e => e.TicketId).Distinct().ShouldBe(["INC0000045", "INC0000060"]);
    }

    /// <summary>The header and every row of these incidents in the shared log (Amaral, Fantinato and Peres, 2018, CC BY 4.0; read there, never copied).</summary>
    private static List<string> Rows(params string[] incidents)
    {
        var lines = File.ReadLines(Path.Combine(RepoPaths.SharedData, "incident_event_log_first1000incidents.csv"));
        return [.. lines.Where((line, i) => i == 0 || incidents.Contains(line[..line.IndexOf(',')]))];
    }
}
