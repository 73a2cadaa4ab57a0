using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using NodaTime;

namespace EscalationDsl.Simulation.Replay;

/// <summary>
/// Watches one ticket's replay (its events and the policy's decisions) and builds its <see cref="TicketOutcome"/>.
/// Once the outcome has been reported the track can be started again for another ticket: its lists are
/// reused, so a replay does not allocate them per ticket.
/// </summary>
internal sealed class TicketTrack
{
    private const string NoQueue = "(none)";
    private readonly CompiledPolicy policy;
    private readonly List<(Instant, string)> queues = [];
    private readonly List<(Instant, Instant)> open = [];
    private readonly List<Instant> resolutions = [];
    private readonly List<(SlaComponent, string)> sla = new(5);
    private Instant? openSince;
    private string issueType = "(none)";
    private string category = "(none)";
    /// <summary>The first acknowledgement, and whether the ticket was open then.</summary>
    private (Instant At, bool Open)? acknowledged;
    private Instant? firstUpdate;

    /// <summary>The first engineering assignment in the events, and whether the ticket was open then.</summary>
    private (Instant At, bool Open)? engineeringRecorded;

    /// <summary>The first engineering assignment by an event or the policy, and whether the ticket was open then.</summary>
    private (Instant At, bool Open)? engineeringPolicy;
    private Instant? mitigated;
    private Instant? resolved;
    private int reopens;
    private int seen;

    /// <summary>The owner last asked about, kept across tickets: most assignments and escalations name the same few.</summary>
    private (string? Name, bool Engineering) lastOwner;

    public TicketTrack(CompiledPolicy policy, TicketEvent created, string? queue, string? category)
    {
        this.policy = policy;
        Start(created, queue, category);
    }

    public string Id { get; private set; } = string.Empty;

    public Instant Created { get; private set; }

    /// <summary>How many of the ticket's events were applied, its created event the first.</summary>
    public int EventsApplied { get; private set; }

    public List<Decision> Decisions { get; } = [];

    /// <summary>Starts watching a new ticket; the previous ticket's outcome must no longer be in use (its lists are cleared).</summary>
    public void Start(TicketEvent created, string? queue, string? categoryLabel)
    {
        queues.Clear();
        open.Clear();
        resolutions.Clear();
        sla.Clear();
        Decisions.Clear();
        firstUpdate = mitigated = resolved = null;
        acknowledged = engineeringRecorded = engineeringPolicy = null;
        reopens = 0;
        seen = 0;
        EventsApplied = 0;
        Id = created.TicketId;
        Created = created.At;
        openSince = created.At;
        issueType = created.IssueType ?? "(none)";
        category = string.IsNullOrEmpty(categoryLabel) ? issueType : categoryLabel;
        queues.Add((created.At, Queue(queue ?? created.Owner)));
    }

    /// <summary>Notes one applied event; <paramref name="queue"/> and <paramref name="categoryLabel"/> are the source's labels, if any.</summary>
    public void OnEvent(TicketEvent e, string? queue, string? categoryLabel)
    {
        EventsApplied++;
        var at = e.At;
        switch (e.Kind)
        {
            case TicketEventKind.Acknowledged:
                acknowledged = First(acknowledged, at, openSince is not null);
                break;
            case TicketEventKind.FirstUpdate or TicketEventKind.CustomerUpdate:
                firstUpdate ??= at;
                break;
            case TicketEventKind.Assigned:
                if (e.Engineering || e.Owner is not null && IsEngineering(e.Owner))
                {
                    var open = openSince is not null;
                    engineeringRecorded = First(engineeringRecorded, at, open);
                    engineeringPolicy = First(engineeringPolicy, at, open);
                }

                queue ??= e.Owner;
                break;
            case TicketEventKind.Mitigation:
                mitigated ??= at;
                break;
            case TicketEventKind.Resolved or TicketEventKind.Closed:
                resolved ??= at;
                if (openSince is { } since)
                {
                    resolutions.Add(at);
                    open.Add((since, at));
                    openSince = null;
                }

                break;
            case TicketEventKind.Reopened when openSince is null:
                reopens++;
                openSince = at;

                // The reopen restarts the mitigate clock (runtime.md): only a mitigation after it meets it.
                mitigated = null;
                break;
        }

        if (e.Fields is { } fields)
        {
            for (var i = 0; i < fields.Count; i++)
            {
                var (name, value) = fields[i];
                if (name == "issue_type")
                {
                    issueType = value.Length == 0 ? "(none)" : value;
                    if (categoryLabel is null)
                    {
                        category = issueType;
                    }
                }
            }
        }

        if (!string.IsNullOrEmpty(categoryLabel))
        {
            category = categoryLabel;
        }

        if (queue is not null && Queue(queue) != queues[^1].Item2)
        {
            queues.Add((at, Queue(queue)));
        }
    }

    /// <summary>Notes the decisions added since the last call.</summary>
    public void OnDecisions()
    {
        for (; seen < Decisions.Count; seen++)
        {
            var d = Decisions[seen];
            if (d.Kind is DecisionKind.Assign or DecisionKind.Escalate && d.Owner is not null && IsEngineering(d.Owner))
            {
                engineeringPolicy = First(engineeringPolicy, d.At, open: true); // the policy acts on open tickets only
            }
        }
    }

    /// <summary>The outcome once the ticket is finished (called once per ticket); <paramref name="end"/> closes a period still open. The outcome shares the track's lists until it is started again.</summary>
    public TicketOutcome Complete(Ticket ticket, Instant end)
    {
        OnDecisions();
        // The cadence is reported from missed-update decisions, not as a clock.
        policy.AddSlaStatuses(ticket, sla);
        sla.RemoveAll(static s => s.Item1 == SlaComponent.Update);

        // The track ends here: the period still open closes in the list itself.
        if (openSince is { } since)
        {
            open.Add((since, end < since ? since : end));
            openSince = null;
        }

        if (policy.ValueOf(ticket, "issue_type") is { } finalIssue)
        {
            issueType = finalIssue;
        }

        return new TicketOutcome
        {
            Id = Id,
            Ticket = ticket,
            Created = Created,
            Severity = policy.Model.Severities[ticket.SeverityRank].Name,
            IssueType = issueType,
            Category = category,
            Queues = queues,
            Open = open,
            Acknowledged = OpenAt(acknowledged),
            FirstUpdate = firstUpdate,
            EngineeringRecorded = OpenAt(engineeringRecorded),
            EngineeringWithPolicy = OpenAt(engineeringPolicy),
            Mitigated = mitigated,
            Resolved = resolved,
            Resolutions = resolutions,
            Reopens = reopens,
            Done = ticket.IsDone,
            Decisions = Decisions,
            Sla = sla,
        };
    }

    private static (Instant At, bool Open)? First((Instant At, bool Open)? before, Instant at, bool open) =>
        before is { } b && b.At <= at ? b : (at, open);

    /// <summary>
    /// A ticket's first acknowledgement or engineering assignment counts only when the ticket was open:
    /// one acknowledged or handed to engineering once resolved or closed (a late click, a follow-up) got
    /// no response to the incident, and the engine's histograms, which see the first of each only,
    /// leave it out too (docs/engine.md).
    /// </summary>
    private static Instant? OpenAt((Instant At, bool Open)? first) => first is { Open: true } f ? f.At : null;

    private bool IsEngineering(string owner)
    {
        if (!ReferenceEquals(owner, lastOwner.Name))
        {
            lastOwner = (owner, policy.Model.FindOwner(owner)?.IsEngineering == true);
        }

        return lastOwner.Engineering;
    }

    private static string Queue(string? name) => string.IsNullOrEmpty(name) ? NoQueue : name;
}
