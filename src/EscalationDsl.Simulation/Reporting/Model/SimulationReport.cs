using System.Text.Json.Serialization;

namespace EscalationDsl.Simulation.Reporting;

/// <summary>
/// Everything <c>esc sim</c> reports, as data: renderers (text, Markdown, JSON, HTML) only format it.
/// Durations are whole seconds; shares are fractions from 0 to 1, rounded to four decimals.
/// </summary>
/// <param name="Policy">The policy replayed.</param>
/// <param name="Input">What was read.</param>
/// <param name="Period">The time span covered and the zone weeks are cut in.</param>
/// <param name="Tickets">Ticket counts.</param>
/// <param name="Caveats">What the input cannot tell, one sentence each.</param>
/// <param name="Response">Time to first response and to first engineering assignment.</param>
/// <param name="Sla">SLA compliance per component.</param>
/// <param name="Escalations">Escalations, pages and notifications.</param>
/// <param name="AfterHours">Pages outside business hours.</param>
/// <param name="CustomerUpdates">Missed customer update intervals.</param>
/// <param name="Load">Open tickets per queue over time.</param>
/// <param name="Review">Tickets and issue types worth a look.</param>
/// <param name="Weeks">Weekly figures, by the week tickets were created.</param>
/// <param name="WeeklyTable">True when the weekly table was asked for (<c>--by week</c>); the HTML charts use <paramref name="Weeks"/> either way.</param>
/// <param name="Top">
/// The <c>--top</c> value, or null without it. With it, the tables per rule, issue type, category,
/// owner and queue hold only their <c>Top</c> largest rows and say what they left out, and the review
/// lists hold at most min(<c>Top</c>, 15) entries.
/// </param>
public sealed record SimulationReport(
    PolicySummary Policy,
    InputSummary Input,
    PeriodSummary Period,
    TicketSummary Tickets,
    IReadOnlyList<string> Caveats,
    ResponseSection Response,
    SlaSection Sla,
    EscalationSection Escalations,
    AfterHoursSection AfterHours,
    CustomerUpdateSection CustomerUpdates,
    LoadSection Load,
    ReviewSection Review,
    IReadOnlyList<WeekRow> Weeks,
    bool WeeklyTable,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Top = null);
