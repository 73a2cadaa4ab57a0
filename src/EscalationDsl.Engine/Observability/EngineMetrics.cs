using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using EscalationDsl.Runtime.Machine;

namespace EscalationDsl.Engine.Observability;

/// <summary>
/// The engine's instruments (docs/engine.md lists them with their labels). Labels are bounded:
/// policy names, severities, rules, SLA components, states, owners, event types and sinks come from the
/// policies and the configuration; issue types only when the policy declares them as an enum. Every
/// series about tickets carries its policy's name, so two policies that share a severity or rule name keep apart.
/// </summary>
internal sealed class EngineMetrics : IDisposable
{
    public const string MeterName = "EscalationDsl.Engine";

    /// <summary>Bucket boundaries for ticket response times in seconds: 1 min to 3 days.</summary>
    public static readonly double[] ResponseBuckets = [60, 300, 900, 1800, 3600, 7200, 14400, 28800, 86400, 259200];

    /// <summary>
    /// Bucket boundaries for scheduler lag (and commit times) in seconds: 1 ms to 60 s, past the
    /// default readiness threshold of 30 s, so a lag that fails <c>/readyz</c> shows in its bucket.
    /// </summary>
    public static readonly double[] LagBuckets = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 10, 30, 60];

    private readonly Meter meter;
    private readonly Counter<long> unmatchedValues;
    private readonly string[] stateNames;

    /// <summary>Open tickets by policy and owner (names the policies declare; empty for none), then by state.</summary>
    private readonly ConcurrentDictionary<(string Policy, string Owner), int[]> open = new();
    private readonly long[] eventsByKind = new long[Runtime.Events.TicketEventKinds.All.Count];

    /// <summary>Creates the instruments on a meter from the host's factory, so two engines in one process keep apart.</summary>
    public EngineMetrics(IMeterFactory factory, EngineOptions options)
    {
        Delivery = new DeliveryCounts(options.Sinks.Select(s => s.Name));
        meter = factory.Create(new MeterOptions(MeterName));
        stateNames = Enum.GetNames<TicketPhase>().Select(n => n.ToLowerInvariant()).ToArray();
        TimeToFirstResponse = meter.CreateHistogram<double>("esc.time_to_first_response", "s", "Time from creation to the first acknowledgement, by policy and severity.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ResponseBuckets });
        TimeToEngineeringAssignment = meter.CreateHistogram<double>("esc.time_to_engineering_assignment", "s", "Time from creation to the first assignment to engineering, by policy and severity.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = ResponseBuckets });
        Escalations = meter.CreateCounter<long>("esc.escalations", null, "Escalations decided, by policy, rule and issue type.");
        Pages = meter.CreateCounter<long>("esc.pages", null, "Page decisions taken, by policy and rule, whether or not delivered (delivery: esc_deliveries_total).");
        SlaBreaches = meter.CreateCounter<long>("esc.sla_breaches", null, "SLA targets missed, by policy, component and severity.");
        MissedUpdates = meter.CreateCounter<long>("esc.missed_update_intervals", null, "Customer update intervals missed, by policy and severity.");
        // Counted in an array and observed at scrape time: the engine loop counts every event, and
        // a counter's Add per event (tag lookup, aggregation) costs as much as much of its other work.
        meter.CreateObservableCounter("esc.events", ObserveEvents, null, "Events accepted, by type.");
        SchedulerLag = meter.CreateHistogram<double>("esc.scheduler_lag", "s", "How long after falling due the scheduler starts running a deadline; deadlines already due when scheduled are caught up and not counted.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });
        StoreCommit = meter.CreateHistogram<double>("esc.store_commit", "s", "How long each group's commit took: appending it to the write-ahead log and syncing it to disk.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LagBuckets });
        meter.CreateObservableGauge("esc.scheduler_overdue", ObserveOverdue, "s", "How long the earliest deadline that fell due has waited to run; 0 when none is due.");
        meter.CreateObservableCounter("esc.delivery_failures", Delivery.ObserveFailures, null, "Failed delivery attempts, by sink and outcome (retry, dead).");
        meter.CreateObservableCounter("esc.deliveries", Delivery.ObserveDelivered, null, "Decisions delivered, by sink.");
        meter.CreateObservableGauge("esc.deliveries_waiting", Delivery.ObserveWaiting, null, "Deliveries waiting to be sent or retried, by sink.");
        meter.CreateObservableGauge("esc.deliveries_dead", Delivery.ObserveDead, null, "Dead-lettered deliveries not put back in line, by sink.");
        PolicyRefusals = meter.CreateCounter<long>("esc.policy_refusals", null, "Policy file texts refused at load or reload, each text once (a reload of a file still refused is not counted again).");
        meter.CreateObservableGauge("esc.policy_files_refused", () => RefusedFiles(), null, "Policy files refused now (their errors are in /readyz and GET /v1/policies).");
        unmatchedValues = meter.CreateCounter<long>("esc.event_values_unmatched", null, "Text values of accepted events one letter off a value the policy compares the field with (so never matched), by policy and field.");
        meter.CreateObservableGauge("esc.open_tickets", ObserveOpen, null, "Open tickets by policy, state and owner.");
    }

    public Histogram<double> TimeToFirstResponse { get; }

    public Histogram<double> TimeToEngineeringAssignment { get; }

    public Counter<long> Escalations { get; }

    public Counter<long> Pages { get; }

    public Counter<long> SlaBreaches { get; }

    public Counter<long> MissedUpdates { get; }

    public Histogram<double> SchedulerLag { get; }

    public Histogram<double> StoreCommit { get; }

    /// <summary>Deliveries by sink (counters and gauges), every configured sink from the start.</summary>
    public DeliveryCounts Delivery { get; }

    /// <summary>How long the earliest due deadline has waited to run (the scheduler's, once it is made); zero when none.</summary>
    public Func<TimeSpan> Overdue { private get; set; } = () => TimeSpan.Zero;

    public Counter<long> PolicyRefusals { get; }

    /// <summary>How many policy files are refused now (the registry's, once the engine loop is made); zero before.</summary>
    public Func<int> RefusedFiles { private get; set; } = () => 0;

    /// <summary>The <c>policy</c> label: the policy's name (few, from the policy files).</summary>
    public static KeyValuePair<string, object?> Policy(string name) => new("policy", name);

    /// <summary>Moves one ticket in the open-ticket gauge, from where it counted to where it counts now.</summary>
    public void MoveTicket(OpenPlace from, OpenPlace to)
    {
        if (from != to)
        {
            Count(from, -1);
            Count(to, 1);
        }
    }

    private void Count(OpenPlace place, int delta)
    {
        if (place.State is { } state)
        {
            var counts = open.GetOrAdd((place.Policy, place.Owner ?? ""), static (_, length) => new int[length], stateNames.Length);
            Interlocked.Add(ref counts[(int)state], delta);
        }
    }

    /// <summary>Counts one accepted event of the given kind.</summary>
    public void CountEvent(Runtime.Events.TicketEventKind kind) => Interlocked.Increment(ref eventsByKind[(int)kind]);

    /// <summary>
    /// Counts a probably misspelt value of an accepted event, by policy and field: both come from the
    /// policy (only fields its conditions compare have any), never the value, so the series stay few.
    /// </summary>
    public void UnmatchedValue(string policy, string field) =>
        unmatchedValues.Add(1, Policy(policy), new KeyValuePair<string, object?>("field", field));

    /// <summary>Forgets all open-ticket counts (before tickets are reloaded).</summary>
    public void ResetOpen()
    {
        foreach (var counts in open.Values)
        {
            Array.Clear(counts);
        }
    }

    /// <summary>Open tickets by policy, state and owner; a ticket without an owner has no owner label.</summary>
    private IEnumerable<Measurement<int>> ObserveOpen()
    {
        foreach (var ((policy, owner), counts) in open)
        {
            for (var i = 0; i < counts.Length; i++)
            {
                if (Volatile.Read(ref counts[i]) is > 0 and var count)
                {
                    yield return owner.Length == 0
                        ? new Measurement<int>(count, Policy(policy), new KeyValuePair<string, object?>("state", stateNames[i]))
                        : new Measurement<int>(count, Policy(policy), new KeyValuePair<string, object?>("state", stateNames[i]), new KeyValuePair<string, object?>("owner", owner));
                }
            }
        }
    }

    private double ObserveOverdue() => Overdue().TotalSeconds;

    private IEnumerable<Measurement<long>> ObserveEvents()
    {
        for (var i = 0; i < eventsByKind.Length; i++)
        {
            var count = Interlocked.Read(ref eventsByKind[i]);
            if (count > 0)
            {
                yield return new Measurement<long>(count, new KeyValuePair<string, object?>("type", Runtime.Events.TicketEventKinds.All[i]));
            }
        }
    }

    public void Dispose()
    {
        // The factory owns the meter and disposes it with the host.
    }
}
