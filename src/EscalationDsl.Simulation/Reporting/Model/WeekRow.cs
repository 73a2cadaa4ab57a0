using NodaTime;

namespace EscalationDsl.Simulation.Reporting;

/// <summary>Figures for the tickets created in one week (Monday to Sunday in the report's zone).</summary>
/// <param name="Week">The Monday the week starts on.</param>
/// <param name="Created">Tickets created in the week.</param>
/// <param name="FirstResponse">Their time to first response.</param>
/// <param name="EngineeringWithPolicy">Their time to first engineering assignment, with the policy.</param>
/// <param name="EngineeringRecorded">Their time to first engineering assignment, as recorded.</param>
/// <param name="EscalatedTickets">Of them, escalated by the policy.</param>
/// <param name="Escalations">Escalate decisions for them.</param>
/// <param name="Pages">Pages for them.</param>
/// <param name="AfterHoursPages">Of those, after hours.</param>
/// <param name="Breaches">SLA breaches for them.</param>
/// <param name="MissedUpdates">Missed update intervals for them.</param>
/// <param name="PeakOpen">The most tickets open at any whole hour of the week (all tickets, not only those created in it).</param>
public sealed record WeekRow(
    LocalDate Week,
    long Created,
    DurationStats FirstResponse,
    DurationStats EngineeringWithPolicy,
    DurationStats EngineeringRecorded,
    long EscalatedTickets,
    long Escalations,
    long Pages,
    long AfterHoursPages,
    long Breaches,
    long MissedUpdates,
    long PeakOpen);
