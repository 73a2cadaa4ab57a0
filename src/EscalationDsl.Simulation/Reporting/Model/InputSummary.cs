using System.Text.Json.Serialization;

namespace EscalationDsl.Simulation.Reporting;

/// <summary>What was read.</summary>
/// <param name="File">The input as given.</param>
/// <param name="Format">jsonl, csv, servicenow or mapped.</param>
/// <param name="Rows">Data rows (CSV, without the header) or lines (JSON Lines) read.</param>
/// <param name="Events">Valid events read.</param>
/// <param name="ReplayedEvents">Events replayed (valid, in a replayed ticket).</param>
/// <param name="BadRows">Rows skipped, each reported as <c>file:row: reason</c>.</param>
/// <param name="Tickets">Tickets replayed.</param>
/// <param name="FilteredTickets">Tickets left out by <c>--from</c>/<c>--to</c>.</param>
/// <param name="Misspelt">Text values the policy will never match (one letter off a compared value), or null when there are none.</param>
public sealed record InputSummary(string File, string Format, long Rows, long Events, long ReplayedEvents, long BadRows, long Tickets, long FilteredTickets,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] MisspeltValues? Misspelt = null);
