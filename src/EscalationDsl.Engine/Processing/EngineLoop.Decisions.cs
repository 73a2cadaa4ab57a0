using System.Text.Json;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Engine.Processing;

/// <summary>Writing decisions to the outbox (exactly once per id) and routing them to sinks.</summary>
internal sealed partial class EngineLoop
{
    private void StoreDecisions(TicketEntry entry, List<Decision> decisions, long now)
    {
        foreach (var d in decisions)
        {
            // Serialised as UTF-8 into a reused buffer and bound as it is: no string per decision.
            decisionBody.ResetWrittenCount();
            decisionWriter.Reset(decisionBody);
            JsonSerializer.Serialize(decisionWriter, DecisionDocument.From(d, entry.Policy.Name, entry.Policy.Version), EngineJsonContext.Default.DecisionDocument);
            var inserted = store.InsertDecision.Typed.Text(1, d.Id).Text(2, d.TicketId).Integer(3, d.At.ToUnixTimeMilliseconds()).Text(4, DecisionKinds.Name(d.Kind))
                .Text(5, d.Owner).Text(6, d.Rule).Utf8(7, decisionBody.WrittenSpan).Integer(8, now).Run();
            if (inserted == 0)
            {
                continue; // produced before (a replay after a restart): stored and routed already
            }

            foreach (var sink in sinks.For(d))
            {
                store.InsertDelivery.Typed.Text(1, d.Id).Text(2, sink).Integer(3, now).Run();
                newDeliveries = true;
            }

            if (live)
            {
                Count(entry, d);
            }
        }
    }

    private void Count(TicketEntry entry, Decision d)
    {
        var model = entry.Policy.Compiled.Model;
        var severity = model.Severities[entry.Ticket.SeverityRank].Name;
        switch (d.Kind)
        {
            case DecisionKind.Escalate:
                Metrics.Escalations.Add(1,
                    new KeyValuePair<string, object?>("rule", d.Rule),
                    new KeyValuePair<string, object?>("issue_type", IssueTypeLabel(entry)));
                break;
            case DecisionKind.Page:
                Metrics.Pages.Add(1, new KeyValuePair<string, object?>("rule", d.Rule));
                break;
            case DecisionKind.SlaBreach:
                Metrics.SlaBreaches.Add(1,
                    new KeyValuePair<string, object?>("component", d.Component is { } c ? ModelFormatter.Format(c) : "unknown"),
                    new KeyValuePair<string, object?>("severity", severity));
                break;
            case DecisionKind.MissedUpdate:
                Metrics.MissedUpdates.Add(1, new KeyValuePair<string, object?>("severity", severity));
                break;
        }
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
