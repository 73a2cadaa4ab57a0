using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Simulation.Reporting.Building;

/// <summary>Running totals of one severity (or of all tickets).</summary>
internal sealed class SeverityAcc
{
    public long Tickets { get; set; }

    public DurationHistogram Response { get; } = new();

    public DurationHistogram EngineeringPolicy { get; } = new();

    public DurationHistogram EngineeringRecorded { get; } = new();

    /// <summary>Indexed by <see cref="SlaComponent"/>; null where no ticket had the component.</summary>
    public SlaAcc?[] Sla { get; } = SlaAcc.ByComponent();

    public long TicketsWithUpdates { get; set; }

    public long MissedIntervals { get; set; }

    public long TicketsMissing { get; set; }

    /// <summary>
    /// Adds another group's tickets and durations: every ticket is in one severity, so the figures of all
    /// tickets are the severities' added up once, not a fourth set of histograms filled per ticket.
    /// </summary>
    public void AddDurations(SeverityAcc other)
    {
        Tickets += other.Tickets;
        Response.Add(other.Response);
        EngineeringPolicy.Add(other.EngineeringPolicy);
        EngineeringRecorded.Add(other.EngineeringRecorded);
    }
}

/// <summary>Met, breached and pending counts of one SLA component in one group.</summary>
internal sealed class SlaAcc
{
    public long Met { get; set; }

    public long Breached { get; set; }

    public long Pending { get; set; }

    /// <summary>How many SLA components there are: the length of arrays indexed by <see cref="SlaComponent"/>.</summary>
    public static readonly int ComponentCount = Enum.GetValues<SlaComponent>().Length;

    /// <summary>An empty array of cells indexed by <see cref="SlaComponent"/>.</summary>
    public static SlaAcc?[] ByComponent() => new SlaAcc?[ComponentCount];

    /// <summary>Counts one ticket's final status of the component: <c>met</c>, <c>breached</c>, or anything else as pending.</summary>
    public void Add(string status)
    {
        switch (status)
        {
            case "met": Met++; break;
            case "breached": Breached++; break;
            default: Pending++; break;
        }
    }

    public SlaCell Cell() => new(Met, Breached, Pending, Met + Breached == 0 ? null : Math.Round((double)Met / (Met + Breached), 4));
}

/// <summary>
/// A number of tickets in which each ticket counts once, however often it is added: the report builder
/// numbers the tickets it folds in (from 1), so remembering the last one replaces a per-ticket scratch set.
/// A mutable struct: keep it in a field and call <see cref="Add"/> on the field itself.
/// </summary>
internal struct TicketCount
{
    private long last;

    public long Value { get; private set; }

    public void Add(long ticket)
    {
        if (ticket != last)
        {
            last = ticket;
            Value++;
        }
    }
}

/// <summary>The SLA figures of the tickets in one queue, by component.</summary>
internal sealed class QueueSlaAcc
{
    /// <summary>Tickets with any component counted in the queue.</summary>
    public TicketCount Tickets;

    /// <summary>Indexed by <see cref="SlaComponent"/>; null where no ticket of the queue had the component.</summary>
    public SlaAcc?[] Components { get; } = SlaAcc.ByComponent();
}

/// <summary>What one rule decided.</summary>
internal sealed class RuleAcc
{
    /// <summary>The index of the rule's first step among all steps (<see cref="PolicyCoverage.FirstStep"/>).</summary>
    public required int FirstStep { get; init; }

    /// <summary>Tickets the rule decided anything for.</summary>
    public TicketCount Tickets;

    public long Escalations { get; set; }

    public long Pages { get; set; }

    public long Notifications { get; set; }

    /// <summary>The pages among <see cref="Notifications"/>.</summary>
    public PagesAsNotifications PagesAsNotifications { get; set; }

    public long Other { get; set; }
}

/// <summary>Escalation totals of an issue type, category or queue.</summary>
internal sealed class GroupAcc
{
    public TicketCount Tickets;

    /// <summary>Tickets escalated while in the group (a queue: escalated while it held them).</summary>
    public TicketCount EscalatedTickets;

    public long Escalations { get; set; }

    public long Pages { get; set; }

    public long Notifications { get; set; }

    public GroupRow Row(string key) => Row(key, Tickets.Value, EscalatedTickets.Value, Escalations, Pages, Notifications);

    /// <summary>A row from totals: the escalation rate is computed and rounded as for every group.</summary>
    public static GroupRow Row(string key, long tickets, long escalatedTickets, long escalations, long pages, long notifications) =>
        new(key, tickets, escalatedTickets, tickets == 0 ? 0 : Math.Round((double)escalatedTickets / tickets, 4), escalations, pages, notifications);
}

/// <summary>Decisions addressed to one owner.</summary>
internal sealed class OwnerAcc
{
    public long Escalations { get; set; }

    public long Pages { get; set; }

    public long Notifications { get; set; }

    public long Assignments { get; set; }

    public long Reminders { get; set; }
}

/// <summary>Totals of the tickets created in one week.</summary>
internal sealed class WeekAcc
{
    public long Created { get; set; }

    public DurationHistogram Response { get; } = new();

    public DurationHistogram EngineeringPolicy { get; } = new();

    public DurationHistogram EngineeringRecorded { get; } = new();

    public long EscalatedTickets { get; set; }

    public long Escalations { get; set; }

    public long Pages { get; set; }

    public long AfterHoursPages { get; set; }

    public long Breaches { get; set; }

    public long MissedUpdates { get; set; }
}
