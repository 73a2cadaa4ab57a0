using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Simulation.Sources;

/// <summary>Writing events as canonical CSV rows (<c>esc sim --emit-events FILE.csv</c>).</summary>
public static partial class CanonicalCsv
{
    /// <summary>Writes the header for events that may carry the given fields.</summary>
    public static void WriteHeader(TextWriter writer, IReadOnlyList<string> fields)
    {
        writer.Write(string.Join(",", EventColumns.Concat(fields).Select(Quote)));
        writer.Write('\n');
    }

    /// <summary>
    /// Why <paramref name="e"/> cannot be written as a row under a header with the given field columns
    /// (a row that would read back as another event), or null when it can. A row has one cell per column
    /// and an empty cell means "not given", so CSV cannot clear a field, set a field twice, or give
    /// <c>issue_type</c> or <c>status</c> both as the event's own member and as a field; the two columns
    /// are the fields set in a <c>field_set</c> row and the event's members in any other.
    /// </summary>
    public static string? Unwritable(TicketEvent e, IReadOnlyList<string> fields)
    {
        if (e.Policy is not null)
        {
            return $"it names policy '{e.Policy}' (for the engine), and canonical CSV has no policy column";
        }

        var setsFields = e.Kind == TicketEventKind.FieldSet;
        var values = e.Fields ?? [];
        for (var i = 0; i < values.Count; i++)
        {
            var (name, value) = values[i];
            if (value.Length == 0)
            {
                return $"it clears field '{name}' (JSON null or \"\"), and an empty CSV cell means \"not given\"";
            }

            for (var j = 0; j < i; j++)
            {
                if (values[j].Key == name)
                {
                    return $"it sets field '{name}' twice, and a row has one cell for it";
                }
            }

            if (name is "issue_type" or "status")
            {
                if (!setsFields)
                {
                    return $"it sets {name} in its fields, which a CSV row says only for a field_set event (the {name} column of a {TicketEventKinds.Name(e.Kind)} row is the event's own {(e.Kind == TicketEventKind.Mitigation && name == "status" ? "mitigation status" : name)})";
                }
            }
            else if (!fields.Contains(name))
            {
                return $"it sets field '{name}', which has no column in the file";
            }
        }

        if (setsFields && (e.IssueType ?? e.Status ?? e.Mitigation) is not null)
        {
            var member = e.IssueType is not null ? "issue_type" : "status";
            return $"it is a field_set event with a {member} member of its own, and the {member} column of a field_set row is the field it sets";
        }

        return null;
    }

    /// <summary>Writes one event as a row under a header written by <see cref="WriteHeader"/> with the same fields.</summary>
    /// <exception cref="ArgumentException">The row would read back as another event (<see cref="Unwritable"/>).</exception>
    public static void WriteRow(TextWriter writer, TicketEvent e, IReadOnlyList<string> fields)
    {
        if (Unwritable(e, fields) is { } reason)
        {
            throw new ArgumentException($"The {TicketEventKinds.Name(e.Kind)} event of ticket '{e.TicketId}' cannot be written as CSV: {reason}.", nameof(e));
        }

        // In a field_set row the issue_type and status columns hold the fields it sets.
        var setsFields = e.Kind == TicketEventKind.FieldSet;
        var cells = new List<string>(EventColumns.Count + fields.Count)
        {
            e.EventId ?? "",
            e.TicketId,
            TicketEventJson.FormatTime(e.At),
            TicketEventKinds.Name(e.Kind),
            e.Severity ?? "",
            (setsFields ? FieldValue(e, "issue_type") : e.IssueType) ?? "",
            e.Owner ?? "",
            e.Engineering ? "true" : "",
            e.Flag ?? "",
            (setsFields ? FieldValue(e, "status") : e.Kind == TicketEventKind.Mitigation ? e.Mitigation : e.Status) ?? "",
        };
        foreach (var field in fields)
        {
            cells.Add(FieldValue(e, field) ?? "");
        }

        writer.Write(string.Join(",", cells.Select(Quote)));
        writer.Write('\n');
    }

    private static string? FieldValue(TicketEvent e, string field)
    {
        foreach (var (name, value) in e.Fields ?? [])
        {
            if (name == field)
            {
                return value;
            }
        }

        return null;
    }

    /// <summary>A cell as CSV writes it.</summary>
    private static string Quote(string cell) =>
        cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
}
