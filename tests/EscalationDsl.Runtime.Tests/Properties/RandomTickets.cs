using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using NodaTime;

namespace EscalationDsl.Runtime.Tests.Properties;

/// <summary>
/// Random but valid event streams for a compiled policy (fixed seed), and running them through a
/// runtime. Streams are in time order; several events may share an instant.
/// </summary>
internal sealed class RandomTickets(CompiledPolicy policy, Random random)
{
    private static readonly string[] Statuses = ["awaiting_customer", "in_progress", "waiting_on_vendor"];

    private readonly string[] severities = [.. policy.Model.Severities.Select(s => s.Name)];
    private readonly string[] owners = [.. policy.Model.Owners.Select(o => o.Name), "someone_else"];
    private readonly FieldModel[] settable = [.. policy.Model.Fields.Where(f => policy.KnowsField(f.Name) && f.Name != "status")];
    private readonly string[] flags = [.. policy.Model.Fields.Where(f => f.Type == FieldType.Flag && policy.KnowsField(f.Name)).Select(f => f.Name)];

    public CompiledPolicy Policy => policy;

    /// <summary>A created event and up to <paramref name="count"/> more, starting somewhere in 2026.</summary>
    public List<TicketEvent> Stream(string ticketId, int count)
    {
        var at = Instant.FromUtc(2026, 1, 1, 0, 0) + Duration.FromSeconds(random.NextInt64(365L * 86_400));
        var events = new List<TicketEvent>
        {
            new()
            {
                TicketId = ticketId,
                At = at,
                Kind = TicketEventKind.Created,
                Severity = Pick(severities),
                IssueType = policy.Model.FindField("issue_type") is { Type: FieldType.Enum } issue ? Pick([.. issue.Values]) : null,
                Fields = RandomFields(random.Next(4)),
            },
        };
        for (var i = 0; i < count; i++)
        {
            at += random.Next(10) switch
            {
                0 => Duration.Zero,
                1 => Duration.FromMilliseconds(random.Next(1, 60_000)),
                < 8 => Duration.FromMinutes(random.Next(1, 90)),
                _ => Duration.FromHours(random.Next(1, 60)),
            };
            events.Add(RandomEvent(ticketId, at));
        }

        foreach (var e in events)
        {
            policy.Validate(e).ShouldBeNull();
        }

        return events;
    }

    private TicketEvent RandomEvent(string ticketId, Instant at)
    {
        var e = new TicketEvent { TicketId = ticketId, At = at, Kind = TicketEventKind.Acknowledged };
        return random.Next(20) switch
        {
            0 => e,
            1 => e with { Kind = TicketEventKind.FirstUpdate },
            2 or 3 => e with { Kind = TicketEventKind.CustomerUpdate },
            4 => e with { Kind = TicketEventKind.Assigned, Owner = Pick(owners), Engineering = random.Next(3) == 0 },
            5 or 6 or 7 => e with { Kind = TicketEventKind.FieldSet, Fields = RandomFields(1 + random.Next(2)) },
            8 => e with { Kind = TicketEventKind.SeverityChanged, Severity = Pick(severities) },
            9 => e with { Kind = TicketEventKind.Flagged, Flag = Pick(flags) },
            10 => e with { Kind = TicketEventKind.WorkaroundFailed },
            11 => e with { Kind = TicketEventKind.Mitigation, Mitigation = random.Next(2) == 0 ? "planned" : "contained" },
            12 or 13 => e with { Kind = TicketEventKind.Status, Status = Pick(Statuses) },
            14 => e with { Kind = TicketEventKind.Resolved },
            15 => e with { Kind = TicketEventKind.Closed },
            16 or 17 => e with { Kind = TicketEventKind.Reopened },
            _ => e with { Kind = TicketEventKind.Acknowledged, Fields = RandomFields(1) },
        };
    }

    private List<KeyValuePair<string, string>> RandomFields(int count)
    {
        var fields = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < count; i++)
        {
            var field = Pick(settable);
            var value = field.Type switch
            {
                FieldType.Enum => Pick([.. field.Values, ""]),
                FieldType.Flag => Pick(["true", "false", "yes", "0"]),
                FieldType.Number => random.Next(-5, 50).ToString(System.Globalization.CultureInfo.InvariantCulture),
                FieldType.Time => Pick(["2026-06-01T10:00:00Z", "2026-11-02T15:30:00-05:00", "2027-01-01T00:00:00Z", ""]),
                _ => Pick(["", "x", "dns", "cache"]),
            };
            fields.Add(KeyValuePair.Create(field.Name, value));
        }

        return fields;
    }

    private T Pick<T>(T[] items) => items[random.Next(items.Length)];

    /// <summary>An event on one line, for failure messages.</summary>
    public static string Describe(TicketEvent e) =>
        $"{e.At} {TicketEventKinds.Name(e.Kind)} {e.Severity}{e.Owner}{(e.Engineering ? " engineering" : "")}{e.Flag}{e.Status}{e.Mitigation} {string.Join(" ", (e.Fields ?? []).Select(f => $"{f.Key}={f.Value}"))}";

    /// <summary>
    /// Compares two runs of the same stream; on a difference, names the first differing decision and
    /// lists the events (the whole lists would bury it).
    /// </summary>
    public static void ShouldDecideAlike(List<string> actual, List<string> expected, IEnumerable<TicketEvent> events, string context)
    {
        if (actual.SequenceEqual(expected))
        {
            return;
        }

        var i = 0;
        while (i < actual.Count && i < expected.Count && actual[i] == expected[i])
        {
            i++;
        }

        var message = $"{context}: decision {i} differs\n  expected: {(i < expected.Count ? expected[i] : "(none)")}\n  actual:   {(i < actual.Count ? actual[i] : "(none)")}\nevents:\n  "
            + string.Join("\n  ", events.Select(Describe));
        throw new Shouldly.ShouldAssertException(message);
    }

    /// <summary>Everything a decision says, on one line, so runs compare exactly.</summary>
    public static string Render(Decision d) =>
        $"{d.Id}|{d.At}|{DecisionKinds.Name(d.Kind)}|{d.Owner}|{d.Rule}#{d.Step}x{d.Occurrence}|L{d.Level}|{d.Component}|{string.Join(",", d.Fields)}|{d.Detail}";

    /// <summary>
    /// Runs a stream on <paramref name="runtime"/> (a fresh one when null), calling
    /// <paramref name="advances"/> for instants to AdvanceTo between each event and the next, and
    /// finally AdvanceTo <paramref name="end"/>.
    /// </summary>
    public static List<string> Run(CompiledPolicy policy, IReadOnlyList<TicketEvent> events, Instant end, Func<Instant, Instant, IEnumerable<Instant>>? advances = null, TicketRuntime? runtime = null)
    {
        runtime ??= new TicketRuntime(policy);
        var decisions = new List<Decision>();
        var ticket = runtime.Open(events[0], decisions);
        for (var i = 1; i <= events.Count; i++)
        {
            var next = i < events.Count ? events[i].At : end;
            foreach (var instant in advances?.Invoke(events[i - 1].At, next) ?? [])
            {
                runtime.AdvanceTo(ticket, instant, decisions);
            }

            if (i < events.Count)
            {
                runtime.Apply(ticket, events[i], decisions);
            }
        }

        runtime.AdvanceTo(ticket, end, decisions);
        return [.. decisions.Select(Render)];
    }
}
