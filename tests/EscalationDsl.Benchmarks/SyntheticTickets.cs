using EscalationDsl.Runtime.Events;
using NodaTime;

namespace EscalationDsl.Benchmarks;

/// <summary>
/// A reproducible stream of ticket events for policies/support.esc: about ten events per ticket
/// (acknowledgement, assignment, status changes, customer updates, mitigation, resolution),
/// interleaved across tickets in time order like a real queue.
/// </summary>
internal static class SyntheticTickets
{
    private static readonly string[] Severities = ["sev1", "sev2", "sev3", "sev3", "sev2"];
    private static readonly string[] IssueTypes = ["network_outage", "database", "auth_failure", "performance", "other"];
    private static readonly string[] Impacts = ["production", "degraded", "minor"];

    public static List<TicketEvent> Generate(int tickets, int seed = 42)
    {
        var random = new Random(seed);
        var start = Instant.FromUtc(2026, 11, 2, 8, 0);
        var events = new List<TicketEvent>(tickets * 11);
        for (var i = 0; i < tickets; i++)
        {
            var id = $"T{i:D7}";
            var t = start + Duration.FromSeconds(i * 20L + random.Next(20));
            var minutes = 0L;
            TicketEvent At(TicketEventKind kind, long offset) => new() { TicketId = id, At = t + Duration.FromMinutes(offset), Kind = kind };

            events.Add(At(TicketEventKind.Created, 0) with
            {
                Severity = Severities[random.Next(Severities.Length)],
                IssueType = IssueTypes[random.Next(IssueTypes.Length)],
                Fields = [KeyValuePair.Create("impact", Impacts[random.Next(Impacts.Length)])],
            });
            events.Add(At(TicketEventKind.Acknowledged, minutes += random.Next(2, 25)));
            events.Add(At(TicketEventKind.Assigned, minutes += random.Next(5, 40)) with { Owner = "oncall_eng", Engineering = true });
            events.Add(At(TicketEventKind.FirstUpdate, minutes += random.Next(1, 20)));
            if (random.Next(3) == 0)
            {
                events.Add(At(TicketEventKind.Status, minutes += random.Next(10, 60)) with { Status = "awaiting_customer" });
                events.Add(At(TicketEventKind.Status, minutes += random.Next(30, 300)) with { Status = "in_progress" });
            }

            events.Add(At(TicketEventKind.CustomerUpdate, minutes += random.Next(20, 90)));
            events.Add(At(TicketEventKind.FieldSet, minutes += random.Next(5, 60)) with { Fields = [KeyValuePair.Create("root_cause", "config change")] });
            events.Add(At(TicketEventKind.Mitigation, minutes += random.Next(5, 60)) with { Mitigation = "contained" });
            events.Add(At(TicketEventKind.CustomerUpdate, minutes += random.Next(20, 90)));
            events.Add(At(TicketEventKind.Resolved, minutes += random.Next(30, 600)));
            events.Add(At(TicketEventKind.Closed, minutes += random.Next(60, 2000)));
        }

        events.Sort((a, b) => a.At.CompareTo(b.At));
        return events;
    }
}
