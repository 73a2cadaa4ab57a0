using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation.Mapping;
using EscalationDsl.Simulation.Sources;
using NodaTime;

namespace EscalationDsl.Simulation.ServiceNow;

/// <summary>
/// Turns the snapshot rows of one incident into events: <c>created</c> at opened_at from the first
/// snapshot, then, for each later snapshot, one event per change (docs/importers.md lists the rules).
/// Events of one row come in a fixed order: reopened, severity_changed, field_set, assigned,
/// acknowledged, status, resolved, closed.
/// </summary>
internal sealed class IncidentDiffer(ServiceNowMapping mapping)
{
    /// <summary>
    /// The field values an event carries, gathered here and copied into an array of their own: one allocation
    /// per event (a new list, or a collection expression typed as a read-only list, adds a second object).
    /// </summary>
    private readonly List<KeyValuePair<string, string>> changed = [];

    /// <summary>The current value of each mapped field while an incident is derived.</summary>
    private readonly string?[] fields = new string?[mapping.Fields.Count];
    private readonly LastMapped severityMap = new(mapping.Severity);
    private readonly LastMapped issueMap = new(mapping.IssueType);
    private readonly LastMapped ownerMap = new(mapping.Owner);
    private readonly LastMapped engineeringMap = new(mapping.Engineering);
    private readonly LastMapped[] fieldMaps = [.. mapping.Fields.Select(f => new LastMapped(f.Map))];

    /// <summary>Derives the events; <paramref name="rows"/> must be sorted by update time and update counter.</summary>
    public void Derive(string number, Instant opened, List<IncidentRow> rows, List<SourceRecord> output)
    {
        var first = rows[0];
        var severity = severityMap.Map(first.SeverityCell);
        if (severity is null)
        {
            output.Add(SourceRecord.ForProblem(first.Row, $"{mapping.Severity.Column}: {(first.SeverityCell is null ? "no value" : $"'{first.SeverityCell}' maps to no severity")}; incident {number} cannot be created without a severity and is skipped", number));
            return;
        }

        var issue = issueMap.Map(first.IssueCell);
        changed.Clear();
        for (var f = 0; f < fields.Length; f++)
        {
            fields[f] = fieldMaps[f].Map(first.FieldCells[f]);
            if (fields[f] is { } value)
            {
                changed.Add(KeyValuePair.Create(mapping.Fields[f].Field, value));
            }
        }

        var createdFields = changed.Count > 0 ? changed.ToArray() : null;

        var owner = ownerMap.Map(first.OwnerCell);
        var queue = first.QueueCell;
        var category = first.CategoryCell;
        output.Add(SourceRecord.ForEvent(
            new TicketEvent { TicketId = number, At = opened, Kind = TicketEventKind.Created, Severity = severity, IssueType = issue, Owner = owner, Fields = createdFields },
            first.Row,
            queue ?? string.Empty,
            category ?? string.Empty));

        var status = "new";
        var done = false;
        var closed = false;
        var acknowledged = false;
        var ownerCell = first.OwnerCell;
        string? engineeringCell = null;
        var reassignments = first.Reassignments;
        var reopens = first.Reopens;
        string? pendingCategory = null;

        foreach (var row in rows)
        {
            var at = row.Updated < opened ? opened : row.Updated;
            var start = output.Count;

            // Reopen: the incident leaves Resolved/Closed, or its reopen counter goes up while resolved.
            var stillDone = row.Status is "resolved" or "closed";
            if (done && (!stillDone || row.Reopens > reopens && reopens >= 0))
            {
                Add(output, row, TicketEventKind.Reopened, at, number);
                done = false;
                closed = false;
            }

            if (severityMap.Map(row.SeverityCell) is { } newSeverity && newSeverity != severity)
            {
                severity = newSeverity;
                output.Add(Record(new TicketEvent { TicketId = number, At = at, Kind = TicketEventKind.SeverityChanged, Severity = severity }, row));
            }

            changed.Clear();
            if (mapping.IssueType is not null && row.IssueCell is not null && issueMap.Map(row.IssueCell) is { } newIssue && newIssue != issue)
            {
                issue = newIssue;
                changed.Add(KeyValuePair.Create("issue_type", newIssue));
            }

            for (var f = 0; f < fields.Length; f++)
            {
                if (row.FieldCells[f] is not null && fieldMaps[f].Map(row.FieldCells[f]) is { } value && value != fields[f])
                {
                    fields[f] = value;
                    changed.Add(KeyValuePair.Create(mapping.Fields[f].Field, value));
                }
            }

            if (changed.Count > 0)
            {
                output.Add(Record(new TicketEvent { TicketId = number, At = at, Kind = TicketEventKind.FieldSet, Fields = changed.ToArray() }, row));
            }

            if (row.CategoryCell is not null && row.CategoryCell != category)
            {
                category = row.CategoryCell;
                pendingCategory = category;
            }

            // Assignment: a new group, a new assignee, or a higher reassignment counter.
            var newOwnerCell = row.OwnerCell is not null && row.OwnerCell != ownerCell;
            var newEngineeringCell = row.EngineeringCell is not null && row.EngineeringCell != engineeringCell;
            var reassigned = row.Reassignments > reassignments && reassignments >= 0;
            if (newOwnerCell || newEngineeringCell || reassigned)
            {
                var assignee = ownerMap.Map(row.OwnerCell ?? ownerCell) ?? row.EngineeringCell;
                if (assignee is not null)
                {
                    var engineering = engineeringMap.Map(row.EngineeringCell) == "true";
                    queue = row.QueueCell ?? queue;
                    output.Add(SourceRecord.ForEvent(
                        new TicketEvent { TicketId = number, At = at, Kind = TicketEventKind.Assigned, Owner = assignee, Engineering = engineering },
                        row.Row,
                        queue ?? string.Empty));
                }
            }

            ownerCell = row.OwnerCell ?? ownerCell;
            engineeringCell = row.EngineeringCell ?? engineeringCell;
            reassignments = Math.Max(reassignments, row.Reassignments);
            reopens = Math.Max(reopens, row.Reopens);

            if (!acknowledged && row.Status != "new")
            {
                acknowledged = true;
                Add(output, row, TicketEventKind.Acknowledged, at, number);
            }

            if (!stillDone && row.Status != status)
            {
                output.Add(Record(new TicketEvent { TicketId = number, At = at, Kind = TicketEventKind.Status, Status = row.Status }, row));
            }

            status = row.Status;
            if (row.Status == "resolved" && !done)
            {
                Add(output, row, TicketEventKind.Resolved, at, number);
                done = true;
            }

            if (row.Status == "closed" && !closed)
            {
                Add(output, row, TicketEventKind.Closed, at, number);
                done = true;
                closed = true;
            }

            // A category change without any event of its own rides on the row's first event.
            if (pendingCategory is not null && output.Count > start)
            {
                output[start] = output[start] with { Category = pendingCategory };
                pendingCategory = null;
            }
        }
    }

    private static SourceRecord Record(TicketEvent e, IncidentRow row) => SourceRecord.ForEvent(e, row.Row);

    private static void Add(List<SourceRecord> output, IncidentRow row, TicketEventKind kind, Instant at, string number) =>
        output.Add(SourceRecord.ForEvent(new TicketEvent { TicketId = number, At = at, Kind = kind }, row.Row));

    /// <summary>
    /// One map and the last cell it mapped: an incident's rows mostly repeat a cell, as the same pooled
    /// string, so the map is asked again only when the cell changes. A missing map or cell gives no value.
    /// </summary>
    private sealed class LastMapped(ValueMap? map)
    {
        private string? cell;
        private string? value;

        public string? Map(string? next)
        {
            if (map is null || next is null)
            {
                return null;
            }

            if (!ReferenceEquals(next, cell))
            {
                value = map.Map(next);
                cell = next;
            }

            return value;
        }
    }
}
