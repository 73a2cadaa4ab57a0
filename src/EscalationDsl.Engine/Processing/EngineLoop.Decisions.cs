using System.Text.Json;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using NodaTime;

namespace EscalationDsl.Engine.Processing;

/// <summary>Decisions for the outbox, stored exactly once per id and routed to sinks by <see cref="StoreWriter.Execute"/>.</summary>
internal sealed partial class EngineLoop
{
    /// <summary>
    /// Stores the decisions of one event or deadline run. <paramref name="before"/> is the ticket as it
    /// was before the event, if one made the change: the decisions earlier than the event came from the
    /// deadlines it ran first and are counted under the severity and issue type of then.
    /// </summary>
    private void StoreDecisions(TicketEntry entry, List<Decision> decisions, long now, LabelsBefore? before = null)
    {
        if (decisions.Count == 0)
        {
            return;
        }

        // Serialised as UTF-8 into the batch's bytes, bound as they are when written: no string per decision.
        var batch = Target;
        foreach (var d in decisions)
        {
            var start = batch.Mark;
            json.Reset(batch.Bytes);
            var earlier = before is { } b && d.At < b.Until ? b : (LabelsBefore?)null;
            var severity = SeverityName(entry, earlier?.SeverityRank ?? entry.Ticket.SeverityRank);
            var issueType = earlier is { } then ? then.IssueType : IssueType(entry);
            JsonSerializer.Serialize(json, DecisionDocument.From(d, entry.Policy.Name, entry.Policy.Version, severity, issueType), EngineJsonContext.Default.DecisionDocument);
            var counted = live && d.Kind is DecisionKind.Escalate or DecisionKind.Page or DecisionKind.SlaBreach or DecisionKind.MissedUpdate;
            batch.Decisions.Add(new DecisionRow(d, start, batch.Mark - start, now, counted, entry.Policy.Name, severity,
                d.Kind == DecisionKind.Escalate ? IssueTypeLabel(entry, issueType) : ""));
        }

        Written();
    }

    private static string? IssueType(TicketEntry entry) => entry.Policy.Compiled.ValueOf(entry.Ticket, "issue_type");

    /// <summary>Issue types label metrics only when the policy lists them (an enum), so labels stay few.</summary>
    private static string IssueTypeLabel(TicketEntry entry, string? issueType) =>
        entry.Policy.Compiled.Model.FindField("issue_type") is { Type: FieldType.Enum } ? issueType ?? "none" : "unlisted";

    /// <summary>
    /// What metrics label a ticket with, as it was before an event changed it. Applying an event first
    /// runs the deadlines due before the event's instant (<c>TicketRuntime.Apply</c>): what they
    /// decided, earlier than <see cref="Until"/>, was decided under this severity and issue type.
    /// </summary>
    private readonly record struct LabelsBefore(Instant Until, int SeverityRank, string? IssueType)
    {
        public static LabelsBefore Of(TicketEntry entry, Instant until) => new(until, entry.Ticket.SeverityRank, EngineLoop.IssueType(entry));
    }
}

/// <summary>The stored and delivered form of a decision (webhook body, file sink line).</summary>
internal sealed record DecisionDocument(
    string Id,
    string Ticket,
    string Policy,
    int PolicyVersion,
    string At,
    string Kind,
    string? Owner,
    string? Rule,
    int? Step,
    int Occurrence,
    int Level,
    string Severity,
    string? IssueType,
    string? Component,
    IReadOnlyList<string>? Fields,
    string Detail)
{
    /// <summary>The document of <paramref name="d"/>, with the ticket's severity and issue type when it was decided (what a pager words its page with).</summary>
    public static DecisionDocument From(Decision d, string policy, int version, string severity, string? issueType) => new(
        d.Id, d.TicketId, policy, version, TicketEventJson.FormatTime(d.At), DecisionKinds.Name(d.Kind), d.Owner, d.Rule,
        d.Step < 0 ? null : d.Step, d.Occurrence, d.Level, severity, issueType, d.Component is { } c ? ModelFormatter.Format(c) : null,
        d.Fields.Count == 0 ? null : d.Fields, d.Detail);
}
