using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Simulation.Reporting.Building;

/// <summary>Running totals of one severity (or of all tickets).</summary>
internal sealed class SeverityAcc
{
    public long Tickets { get; set; }

    public DurationHistogram Response { get; } = new();

    public DurationHistogram EngineeringPolicy { get; } = new();

    public DurationHistogram EngineeringRecorded { get; } = new();

    public Dictionary<SlaComponent, SlaAcc> Sla { get; } = [];

    public long TicketsWithUpdates { get; set; }

    public long MissedIntervals { get; set; }

    public long TicketsMissing { get; set; }
}

/// <summary>Met, breached and pending counts of one SLA component in one group.</summary>
internal sealed class SlaAcc
{
    public long Met { get; set; }

    public long Breached { get; set; }

    public long Pending { get; set; }

    public SlaCell Cell() => new(Met, Breached, Pending, Met + Breached == 0 ? null : Math.Round((double)Met / (Met + Breached), 4));
}

/// <summary>What one rule decided.</summary>
internal sealed class RuleAcc
{
    public long Tickets { get; set; }

    public long Escalations { get; set; }

    public long Pages { get; set; }

    public long Notifications { get; set; }

    public long Other { get; set; }
}

/// <summary>Escalation totals of an issue type, category or queue.</summary>
internal sealed class GroupAcc
{
    public long Tickets { get; set; }

    public long EscalatedTickets { get; set; }

    public long Escalations { get; set; }

    public long Pages { get; set; }

    public long Notifications { get; set; }

    public GroupRow Row(string key) =>
        new(key, Tickets, EscalatedTickets, Tickets == 0 ? 0 : Math.Round((double)EscalatedTickets / Tickets, 4), Escalations, Pages, Notifications);
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
