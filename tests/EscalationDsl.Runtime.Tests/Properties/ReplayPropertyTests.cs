using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using NodaTime;

namespace EscalationDsl.Runtime.Tests.Properties;

/// <summary>
/// Properties of the runtime on fixed-seed random event streams: deterministic replay, one
/// runtime serving many tickets, path independence of AdvanceTo, zero-length pauses, unique ids.
/// </summary>
public sealed class ReplayPropertyTests
{
    private const int Streams = 500;

    private static readonly Dictionary<string, CompiledPolicy> Policies = new()
    {
        ["support"] = TicketScript.Shipped("support"),
        ["kitchen-sink"] = TicketScript.Compile(PropertyPolicies.KitchenSink),
    };

    public static TheoryData<string> PolicyNames => [.. Policies.Keys];

    private static Instant End(List<TicketEvent> events) => events[^1].At + Duration.FromDays(1);

    [Theory]
    [MemberData(nameof(PolicyNames))]
    public void ReplayingTheSameEventsGivesTheSameDecisions(string name)
    {
        var policy = Policies[name];
        var tickets = new RandomTickets(policy, new Random(7));
        var shared = new TicketRuntime(policy);
        var total = 0;
        for (var i = 0; i < Streams; i++)
        {
            // Once on a runtime that has run every earlier ticket, once on a fresh one.
            var events = tickets.Stream($"T{i}", 25);
            var first = RandomTickets.Run(policy, events, End(events), runtime: shared);
            var second = RandomTickets.Run(policy, events, End(events));
            RandomTickets.ShouldDecideAlike(second, first, events, $"stream {i}");
            total += first.Count;
        }

        // The streams must exercise the policy, or the property says nothing.
        total.ShouldBeGreaterThan(Streams * 5);
    }

    [Theory]
    [MemberData(nameof(PolicyNames))]
    public void DecisionIdsAreNeverProducedTwiceForOneTicket(string name)
    {
        var policy = Policies[name];
        var tickets = new RandomTickets(policy, new Random(11));
        var runtime = new TicketRuntime(policy);
        for (var i = 0; i < Streams; i++)
        {
            var events = tickets.Stream($"T{i}", 40);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var line in RandomTickets.Run(policy, events, End(events), runtime: runtime))
            {
                var id = line[..line.IndexOf('|', StringComparison.Ordinal)];
                if (!seen.Add(id))
                {
                    throw new ShouldAssertException($"stream {i}: {id} was produced twice\nevents:\n  {string.Join("\n  ", events.Select(RandomTickets.Describe))}");
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(PolicyNames))]
    public void OneRuntimeServingInterleavedTicketsDecidesAsOneRuntimePerTicket(string name)
    {
        var policy = Policies[name];
        var tickets = new RandomTickets(policy, new Random(13));
        for (var batch = 0; batch < Streams / 10; batch++)
        {
            var streams = Enumerable.Range(0, 10).Select(i => tickets.Stream($"B{batch}T{i}", 20)).ToList();
            var alone = streams.Select(s => RandomTickets.Run(policy, s, End(s))).ToList();

            // All ten tickets on one runtime, their events interleaved in global time order.
            var runtime = new TicketRuntime(policy);
            var decisions = streams.Select(_ => new List<Decision>()).ToList();
            var open = new Ticket?[streams.Count];
            foreach (var (e, index) in streams.SelectMany((s, index) => s.Select(e => (e, index))).OrderBy(x => x.e.At).ThenBy(x => x.index))
            {
                if (e.Kind == TicketEventKind.Created)
                {
                    open[index] = runtime.Open(e, decisions[index]);
                }
                else
                {
                    runtime.Apply(open[index]!, e, decisions[index]);
                }
            }

            for (var i = 0; i < streams.Count; i++)
            {
                runtime.AdvanceTo(open[i]!, End(streams[i]), decisions[i]);
                RandomTickets.ShouldDecideAlike([.. decisions[i].Select(RandomTickets.Render)], alone[i], streams[i], $"batch {batch}, ticket {i}");
            }
        }
    }

    [Theory]
    [MemberData(nameof(PolicyNames))]
    public void AdvancingTimeBetweenEventsChangesNothing(string name)
    {
        var policy = Policies[name];
        var tickets = new RandomTickets(policy, new Random(17));
        var advances = new Random(19);
        var runtime = new TicketRuntime(policy);
        for (var i = 0; i < Streams; i++)
        {
            var events = tickets.Stream($"T{i}", 25);
            var plain = RandomTickets.Run(policy, events, End(events), runtime: runtime);
            var advanced = RandomTickets.Run(policy, events, End(events), (from, to) => RandomInstants(advances, from, to), runtime);
            RandomTickets.ShouldDecideAlike(advanced, plain, events, $"stream {i}");
        }
    }

    /// <summary>Up to three instants in [from, to): never at `to`, where the next event counts as in time.</summary>
    private static IEnumerable<Instant> RandomInstants(Random random, Instant from, Instant to)
    {
        var span = (to - from).TotalTicks;
        if (span <= 0)
        {
            return [];
        }

        return Enumerable.Range(0, random.Next(4))
            .Select(_ => from + Duration.FromTicks(random.NextInt64((long)span)))
            .Order()
            .ToList();
    }

    [Theory]
    [MemberData(nameof(PolicyNames))]
    public void AZeroLengthPauseChangesNoDecision(string name)
    {
        var policy = Policies[name];
        var tickets = new RandomTickets(policy, new Random(23));
        var inserts = new Random(29);
        var runtime = new TicketRuntime(policy);
        for (var i = 0; i < Streams; i++)
        {
            var events = tickets.Stream($"T{i}", 25);
            var plain = RandomTickets.Run(policy, events, End(events), runtime: runtime);
            var withPauses = WithZeroLengthPauses(events, inserts);
            var paused = RandomTickets.Run(policy, withPauses, End(events), runtime: runtime);
            RandomTickets.ShouldDecideAlike(paused, plain, withPauses, $"stream {i}");
        }
    }

    /// <summary>
    /// Inserts "status awaiting_customer" and, at the same instant, the status back, after random
    /// events (at their instant or later, before the next one) while the ticket is not waiting on the customer.
    /// </summary>
    private static List<TicketEvent> WithZeroLengthPauses(List<TicketEvent> events, Random random)
    {
        var result = new List<TicketEvent>();
        string? status = null;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            result.Add(e);
            status = e.Kind == TicketEventKind.Status ? e.Status : status;
            if (status == "awaiting_customer" || random.Next(3) != 0)
            {
                continue;
            }

            var at = e.At;
            if (i + 1 < events.Count && random.Next(2) == 0)
            {
                var gap = (events[i + 1].At - e.At).TotalTicks;
                at += gap > 0 ? Duration.FromTicks(random.NextInt64((long)gap)) : Duration.Zero;
            }

            var restore = status ?? "in_progress";
            result.Add(new TicketEvent { TicketId = e.TicketId, At = at, Kind = TicketEventKind.Status, Status = "awaiting_customer" });
            result.Add(new TicketEvent { TicketId = e.TicketId, At = at, Kind = TicketEventKind.Status, Status = restore });
            status = restore;
        }

        return result;
    }
}
