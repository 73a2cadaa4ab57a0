using System.Runtime.InteropServices;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Time;
using EscalationDsl.Simulation.Replay;
using EscalationDsl.Simulation.Sources;
using NodaTime;

namespace EscalationDsl.Simulation.Reporting.Building;

/// <summary>
/// Folds finished tickets into running totals, then builds the <see cref="SimulationReport"/>. Nothing
/// per ticket is kept except the bounded review lists, so memory does not grow with the history.
/// </summary>
internal sealed partial class ReportBuilder
{
    private readonly CompiledPolicy policy;
    private readonly SimulationOptions options;
    private readonly IEventSource source;
    private readonly DateTimeZone zone;
    private readonly BusinessCalendar? calendar;
    private readonly Dictionary<string, SeverityAcc> severities = new(StringComparer.Ordinal);
    private readonly Dictionary<string, QueueSlaAcc> slaByQueue = new(StringComparer.Ordinal);
    private readonly long[] decisionsByKind = new long[Enum.GetValues<DecisionKind>().Length];
    private readonly Dictionary<string, RuleAcc> rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GroupAcc> issueTypes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GroupAcc> categories = new(StringComparer.Ordinal);
    private readonly Dictionary<string, GroupAcc> queues = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OwnerAcc> owners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Total, long After)> afterHoursByRule = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Total, long After)> afterHoursByOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<LocalDate, WeekAcc> weeks = [];
    private readonly LoadTracker load = new();
    private readonly PolicyCoverage coverage;
    private readonly int reviewSize;
    private readonly TopList repeatedMisses;
    private readonly TopList earlyEscalations;
    private readonly TopList lateEscalations;

    /// <summary>The ticket being added, counted from 1: an accumulator that remembers the last ticket it counted counts each ticket once without a scratch set.</summary>
    private long ticket;
    private long repeatedMissTickets;
    private long earlyEscalationTickets;
    private long lateEscalationTickets;
    private long resolved;
    private long open;
    private long reopened;
    private long escalated;
    private long paged;
    private long breached;
    private long pages;
    private long afterHoursPages;
    private bool categoriesDiffer;
    private Instant? firstCreated;
    private Instant? lastCreated;
    private (Instant From, Instant To, WeekAcc Week)? lastWeek;

    public ReportBuilder(CompiledPolicy policy, SimulationOptions options, IEventSource source)
    {
        this.policy = policy;
        this.options = options;
        this.source = source;
        zone = PolicyFacts.DefaultZone(policy.Model);
        calendar = PolicyFacts.DefaultCalendar(policy.Model) is { } model ? policy.Calendar(model) : null;
        foreach (var severity in policy.Model.Severities)
        {
            severities[severity.Name] = new SeverityAcc();
        }

        coverage = new PolicyCoverage(policy);
        reviewSize = Math.Min(options.TopCount, options.Top ?? int.MaxValue);
        repeatedMisses = new TopList(reviewSize, descending: true);
        earlyEscalations = new TopList(reviewSize, descending: false);
        lateEscalations = new TopList(reviewSize, descending: false);
    }

    /// <summary>Adds one finished ticket.</summary>
    public void Add(in TicketOutcome t)
    {
        ticket++;
        firstCreated = firstCreated is { } f && f <= t.Created ? f : t.Created;
        lastCreated = lastCreated is { } l && l >= t.Created ? l : t.Created;
        if (t.Done)
        {
            resolved++;
        }
        else
        {
            open++;
        }

        if (t.Reopens > 0)
        {
            reopened++;
        }

        var week = Week(t.Created);
        week.Created++;
        var severity = severities[t.Severity];
        AddDurations(severity, t);
        AddDurations(week.Response, week.EngineeringPolicy, week.EngineeringRecorded, t);
        AddSla(severity, t);
        AddDecisions(t, severity, week);
        coverage.Add(t.Ticket);
        AddLoad(t);
        AddReview(t);
        if (t.Category != t.IssueType)
        {
            categoriesDiffer = true;
        }
    }

    private static void AddDurations(SeverityAcc acc, in TicketOutcome t)
    {
        acc.Tickets++;
        AddDurations(acc.Response, acc.EngineeringPolicy, acc.EngineeringRecorded, t);
    }

    private static void AddDurations(DurationHistogram response, DurationHistogram withPolicy, DurationHistogram recorded, in TicketOutcome t)
    {
        Measure(response, t.Created, t.Acknowledged);
        Measure(withPolicy, t.Created, t.EngineeringWithPolicy);
        Measure(recorded, t.Created, t.EngineeringRecorded);
    }

    private static void Measure(DurationHistogram histogram, Instant from, Instant? to)
    {
        if (to is { } end)
        {
            histogram.Add((long)(end - from).TotalSeconds);
        }
        else
        {
            histogram.Missing++;
        }
    }

    private void AddSla(SeverityAcc severity, in TicketOutcome t)
    {
        // A ticket's components mostly end in the same queue: the last one found needs no lookup.
        string? lastQueue = null;
        QueueSlaAcc? byQueue = null;
        foreach (var (component, status) in t.Sla)
        {
            var cell = severity.Sla[(int)component] ??= new SlaAcc();
            cell.Add(status);
            var when = status switch
            {
                "met" => MetAt(t, component),
                "breached" => LastBreach(t, component),
                _ => t.Open.Count > 0 ? t.Open[^1].To : t.Created,
            };

            var queue = t.QueueAt(when);
            if (!ReferenceEquals(queue, lastQueue))
            {
                ref var acc = ref CollectionsMarshal.GetValueRefOrAddDefault(slaByQueue, queue, out _);
                byQueue = acc ??= new QueueSlaAcc();
                lastQueue = queue;
            }

            byQueue!.Tickets.Add(ticket);
            (byQueue.Components[(int)component] ??= new SlaAcc()).Add(status);
        }
    }

    /// <summary>When a breached component was breached: its last breach, since mitigate and resolve restart at a reopen and the status is that of the last cycle.</summary>
    private static Instant LastBreach(in TicketOutcome t, SlaComponent component)
    {
        for (var i = t.Decisions.Count - 1; i >= 0; i--)
        {
            if (t.Decisions[i] is { Kind: DecisionKind.SlaBreach } d && d.Component == component)
            {
                return d.At;
            }
        }

        return t.Created;
    }

    /// <summary>
    /// When a met component was met: its own event, or the resolution that ended its clock. Mitigate and
    /// resolve restart at a reopen, so theirs are of the last cycle: the mitigation since the reopen, the
    /// last resolution.
    /// </summary>
    private static Instant MetAt(in TicketOutcome t, SlaComponent component)
    {
        Instant? at = component switch
        {
            SlaComponent.Acknowledge => t.Acknowledged,
            SlaComponent.FirstUpdate => t.FirstUpdate,
            SlaComponent.Assign => t.EngineeringWithPolicy,
            SlaComponent.Mitigate => t.Mitigated,
            _ => null,
        };
        var resolved = component is SlaComponent.Mitigate or SlaComponent.Resolve
            ? t.Done && t.Resolutions.Count > 0 ? t.Resolutions[^1] : (Instant?)null
            : t.Resolved;
        if (resolved is { } r && (at is null || r < at))
        {
            at = r;
        }

        return at ?? t.Created;
    }

    private WeekAcc Week(Instant created)
    {
        if (lastWeek is { } last && created >= last.From && created < last.To)
        {
            return last.Week;
        }

        var key = Weeks.Start(created, zone);
        if (!weeks.TryGetValue(key, out var week))
        {
            weeks[key] = week = new WeekAcc();
        }

        // Tickets mostly come in order of creation: remember the week's instants, if one offset holds for
        // all of it (then exactly the instants in between are in it), so the next ticket needs no zone lookup.
        var offset = zone.GetUtcOffset(created);
        var from = key.AtMidnight().WithOffset(offset).ToInstant();
        var to = from + Duration.FromDays(7);
        var interval = zone.GetZoneInterval(from);
        lastWeek = interval.WallOffset == offset && (!interval.HasEnd || interval.End >= to) ? (from, to, week) : null;
        return week;
    }
}
