using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using NodaTime;

namespace EscalationDsl.Engine.Tests.Agreement;

/// <summary>
/// One ticket as the simulator replayed it (its events and the policy's decisions, from the
/// simulator's own callbacks): the per-ticket facts both the engine's metrics and the report are
/// built from, so the test can say how each one groups them.
/// </summary>
internal sealed class ReplayedTicket(string id)
{
    private readonly List<(Instant At, string Severity)> severities = [];
    private readonly List<(Instant At, string IssueType)> issueTypes = [];
    private bool done;

    public string Id { get; } = id;

    public Instant Created { get; private set; }

    /// <summary>The first acknowledgement, and whether the ticket was open then.</summary>
    private (Instant At, bool Open)? firstAcknowledgement;

    /// <summary>The first acknowledgement if the ticket was open then: one first made once resolved (a late click) is no response.</summary>
    public Instant? Acknowledged => firstAcknowledgement is { Open: true } first ? first.At : null;

    /// <summary>The ticket was first acknowledged once resolved or closed.</summary>
    public bool AcknowledgedLate => firstAcknowledgement is { Open: false };

    /// <summary>The first assignment to engineering, by an event or by the policy, and whether the ticket was open then.</summary>
    public (Instant At, bool Open)? Engineering { get; private set; }

    public List<Decision> Decisions { get; } = [];

    public string FinalSeverity => severities[^1].Severity;

    public string FinalIssueType => issueTypes[^1].IssueType;

    /// <summary>The severity at an instant: an event's change counts from its own instant on.</summary>
    public string SeverityAt(Instant at) => severities.Last(s => s.At <= at).Severity;

    public string IssueTypeAt(Instant at) => issueTypes.Last(s => s.At <= at).IssueType;

    public void OnEvent(TicketEvent e, CompiledPolicy policy)
    {
        switch (e.Kind)
        {
            case TicketEventKind.Created:
                Created = e.At;
                severities.Add((e.At, e.Severity!));
                issueTypes.Add((e.At, e.IssueType ?? "none"));
                break;
            case TicketEventKind.SeverityChanged:
                severities.Add((e.At, e.Severity!));
                break;
            case TicketEventKind.Acknowledged:
                firstAcknowledgement ??= (e.At, !done);
                break;
            case TicketEventKind.Assigned when e.Engineering || policy.Model.FindOwner(e.Owner!)?.IsEngineering == true:
                Engineered(e.At, !done);
                break;
            case TicketEventKind.Resolved or TicketEventKind.Closed:
                done = true;
                break;
            case TicketEventKind.Reopened:
                done = false;
                break;
        }

        foreach (var (name, value) in e.Fields ?? [])
        {
            if (name == "issue_type")
            {
                issueTypes.Add((e.At, value));
            }
        }
    }

    /// <summary>Notes a decision (they come once the ticket is finished); the policy acts only on open tickets.</summary>
    public void OnDecision(Decision d, CompiledPolicy policy)
    {
        Decisions.Add(d);
        if (d.Kind is DecisionKind.Assign or DecisionKind.Escalate && policy.Model.FindOwner(d.Owner!)?.IsEngineering == true)
        {
            Engineered(d.At, open: true);
        }
    }

    private void Engineered(Instant at, bool open)
    {
        if (Engineering is null || at < Engineering.Value.At)
        {
            Engineering = (at, open);
        }
    }
}
