using System.Text.Json;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Engine.Processing;

/// <summary>Decisions for the outbox, stored exactly once per id and routed to sinks by <see cref="StoreWriter.Execute"/>.</summary>
internal sealed partial class EngineLoop
{
    private void StoreDecisions(TicketEntry entry, List<Decision> decisions, long now)
    {
        if (decisions.Count == 0)
        {
            return;
        }

        // Serialised as UTF-8 into the batch's bytes, bound as they are when written: no string per decision.
        var batch = Target;
        var severity = SeverityName(entry);
        foreach (var d in decisions)
        {
            var start = batch.Mark;
            json.Reset(batch.Bytes);
            JsonSerializer.Serialize(json, DecisionDocument.From(d, entry.Policy.Name, entry.Policy.Version), EngineJsonContext.Default.DecisionDocument);
            var counted = live && d.Kind is DecisionKind.Escalate or DecisionKind.Page or DecisionKind.SlaBreach or DecisionKind.MissedUpdate;
            batch.Decisions.Add(new DecisionRow(d, start, batch.Mark - start, now, counted, severity, d.Kind == DecisionKind.Escalate ? IssueTypeLabel(entry) : ""));
        }

        Written();
    }

    /// <summary>Issue types label metrics only when the policy lists them (an enum), so labels stay few.</summary>
    private static string IssueTypeLabel(TicketEntry entry)
    {
        var policy = entry.Policy.Compiled;
        if (policy.Model.FindField("issue_type") is not { Type: FieldType.Enum })
        {
            return "unlisted";
        }

        return policy.ValueOf(entry.Ticket, "issue_type") ?? "none";
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
    string? Component,
    IReadOnlyList<string>? Fields,
    string Detail)
{
    public static DecisionDocument From(Decision d, string policy, int version) => new(
        d.Id, d.TicketId, policy, version, TicketEventJson.FormatTime(d.At), DecisionKinds.Name(d.Kind), d.Owner, d.Rule,
        d.Step < 0 ? null : d.Step, d.Occurrence, d.Level, d.Component is { } c ? ModelFormatter.Format(c) : null,
        d.Fields.Count == 0 ? null : d.Fields, d.Detail);
}
