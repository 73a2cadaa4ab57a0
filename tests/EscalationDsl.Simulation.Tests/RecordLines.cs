using System.Text;
using EscalationDsl.Simulation.Sources;

namespace EscalationDsl.Simulation.Tests;

/// <summary>An importer's records as golden text: <c>row N: {event JSON}  queue=...  category=...</c> and <c>row N: end of ID</c>.</summary>
internal static class RecordLines
{
    /// <summary>The records of the tickets <paramref name="keep"/> takes; a problem fails the test, since golden imports are clean.</summary>
    public static string Of(IEnumerable<SourceRecord> records, Func<string, bool> keep)
    {
        var sb = new StringBuilder();
        foreach (var record in records)
        {
            if (record.Kind == SourceRecordKind.Problem)
            {
                throw new ShouldAssertException($"row {record.Row}: {record.Message}");
            }

            if (record.TicketId is not { } id || !keep(id))
            {
                continue;
            }

            sb.Append("row ").Append(record.Row).Append(": ");
            if (record.Kind == SourceRecordKind.TicketEnd)
            {
                sb.Append("end of ").Append(id).Append('\n');
                continue;
            }

            sb.Append(ServiceNowImporterTests.Json(record.Event!));
            if (record.Queue is not null)
            {
                sb.Append("  queue=").Append(record.Queue);
            }

            if (record.Category is not null)
            {
                sb.Append("  category=").Append(record.Category);
            }

            sb.Append('\n');
        }

        return sb.ToString();
    }
}
