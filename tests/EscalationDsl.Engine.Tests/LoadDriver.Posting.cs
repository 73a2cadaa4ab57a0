using System.Text.Json.Nodes;

namespace EscalationDsl.Engine.Tests;

/// <summary>The posting tasks: each sends its own tickets' events in order, with refusals and retries mixed in.</summary>
internal sealed partial class LoadDriver
{
    /// <summary>One posting task: its tickets, step by step, as singles and small batches.</summary>
    private async Task Post(int worker, List<(string Id, int Steps)> mine)
    {
        var random = new Random(seed * 31 + worker);
        var left = mine.ToDictionary(t => t.Id, t => t.Steps, StringComparer.Ordinal);
        var mineAnswered = new List<string>();
        var serial = 0;
        while (left.Count > 0)
        {
            var chosen = left.Keys.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToList();
            var first = chosen[0];

            // Every fifth ticket is created twice at once, as a created-resolved-closed batch and a
            // single created with another id: exactly one of them may create it.
            if (Tickets[first] == Phase.None && int.Parse(first[2..]) % 5 == 0)
            {
                await RaceCreate(first, random, serial++);
                Step(left, first, 3);
                continue;
            }

            var events = new List<(string Json, string? Ticket, Phase After, string Type)>();
            var phases = new Dictionary<string, Phase>(StringComparer.Ordinal);
            foreach (var id in chosen)
            {
                phases[id] = Tickets[id];
                for (var n = random.Next(1, 3); n > 0 && left[id] - events.Count(e => e.Ticket == id) > 0; n--)
                {
                    var (type, after) = Next(phases[id], random);
                    events.Add((EventJson($"{id}-{worker}-{serial++}", id, type, random), id, after, type));
                    phases[id] = after;
                }
            }

            var retries = random.Next(8) == 0 && mineAnswered.Count > 0 ? 1 : 0;
            if (retries == 1)
            {
                events.Insert(random.Next(events.Count + 1), (mineAnswered[random.Next(mineAnswered.Count)], null, Phase.None, "retry"));
            }

            // One request in eight holds an event the engine must refuse, and so refuses whole.
            string? field = null;
            var expected = 200;
            if (random.Next(8) == 0)
            {
                var at = random.Next(events.Count + 1);
                var bad = random.Next(2) == 0;
                events.Insert(at, (bad
                    ? EventJson($"bad-{worker}-{serial++}", $"BAD-{worker}-{serial}", "created", random, severity: "sev9")
                    : EventJson($"ghost-{worker}-{serial++}", $"GHOST-{worker}-{serial}", "customer_update", random), null, Phase.None, "invalid"));
                expected = bad ? 400 : 404;
                field = bad ? "severity" : "ticket";
            }

            var single = events.Count == 1 && random.Next(2) == 0;
            var body = single ? events[0].Json : "{\"events\":[" + string.Join(",", events.Select(e => e.Json)) + "]}";
            var (status, answer) = await Send(HttpMethod.Post, single ? "/v1/events" : Batch, body);
            var index = events.FindIndex(e => e.Type == "invalid");
            var fieldPath = index < 0 ? null : single ? field : $"events[{index}].{field}";
            if (status != expected || (expected != 200 && (string?)answer?["field"] != fieldPath))
            {
                Problems.Enqueue($"{body} answered {status} {answer?.ToJsonString()}; expected {expected} {fieldPath}");
            }

            if (status != 200)
            {
                foreach (var e in events.Where(e => e.Type != "retry"))
                {
                    Refused.Add((string)JsonNode.Parse(e.Json)!["id"]!);
                }

                continue;
            }

            var results = single ? [answer!] : answer!["results"]!.AsArray().Select(r => r!).ToList();
            for (var i = 0; i < events.Count; i++)
            {
                var (json, ticket, after, type) = events[i];
                Check(results[i], json, type == "retry", ticket is null ? null : after);
                if (ticket is not null)
                {
                    Tickets[ticket] = after;
                    Step(left, ticket, 1);
                    mineAnswered.Add(json);
                    if (type == "created")
                    {
                        justCreated.Enqueue(ticket);
                    }
                }
            }
        }
    }

    /// <summary>Creates a ticket twice at once; whichever is stored first decides its phase.</summary>
    private async Task RaceCreate(string id, Random random, int serial)
    {
        var batch = "{\"events\":[" + string.Join(",",
            EventJson($"{id}-a{serial}", id, "created", random, severity: "sev1"),
            EventJson($"{id}-b{serial}", id, "resolved", random),
            EventJson($"{id}-c{serial}", id, "closed", random)) + "]}";
        var alone = EventJson($"{id}-d{serial}", id, "created", random, severity: "sev2");
        var answers = await Task.WhenAll(Send(HttpMethod.Post, Batch, batch), Send(HttpMethod.Post, "/v1/events", alone));
        var (batchStatus, batchAnswer) = answers[0];
        var (aloneStatus, aloneAnswer) = answers[1];
        if ((batchStatus, aloneStatus) is not ((200, 409) or (409, 200))
            || (string?)(batchStatus == 409 ? batchAnswer : aloneAnswer)?["field"] != (batchStatus == 409 ? "events[0].ticket" : "ticket"))
        {
            Problems.Enqueue($"ticket {id} created at once by a batch ({batchStatus} {batchAnswer?.ToJsonString()}) and alone ({aloneStatus} {aloneAnswer?.ToJsonString()}): exactly one may create it, the other is 409 Ticket exists");
        }

        if (batchStatus == 200)
        {
            var events = JsonNode.Parse(batch)!["events"]!.AsArray().Select(e => e!.ToJsonString()).ToList();
            var results = batchAnswer!["results"]!.AsArray();
            Check(results[0]!, events[0], false, Phase.Open);
            Check(results[1]!, events[1], false, Phase.Resolved);
            Check(results[2]!, events[2], false, Phase.Closed);
            Tickets[id] = Phase.Closed;
            Refused.Add($"{id}-d{serial}");
            justCreated.Enqueue(id);
        }
        else if (aloneStatus == 200)
        {
            Check(aloneAnswer!, alone, false, Phase.Open);
            Tickets[id] = Phase.Open;
            Refused.Add($"{id}-a{serial}");
            Refused.Add($"{id}-b{serial}");
            Refused.Add($"{id}-c{serial}");
            justCreated.Enqueue(id);
        }
    }

    private static void Step(Dictionary<string, int> left, string id, int by)
    {
        left[id] -= by;
        if (left[id] <= 0)
        {
            left.Remove(id);
        }
    }

    private static (string Type, Phase After) Next(Phase phase, Random random) => phase switch
    {
        Phase.None => ("created", Phase.Open),
        Phase.Open => random.Next(6) switch
        {
            0 => ("acknowledged", Phase.Open),
            1 => ("customer_update", Phase.Open),
            2 or 3 => ("resolved", Phase.Resolved),
            _ => ("closed", Phase.Closed),
        },
        Phase.Resolved => random.Next(3) switch { 0 => ("closed", Phase.Closed), 1 => ("reopened", Phase.Open), _ => ("customer_update", Phase.Resolved) },
        _ => random.Next(3) == 0 ? ("customer_update", Phase.Closed) : ("reopened", Phase.Open),
    };

    private string EventJson(string id, string ticket, string type, Random random, string? severity = null)
    {
        var node = new JsonObject
        {
            ["id"] = id,
            ["ticket"] = ticket,
            ["at"] = engine.Time.GetUtcNow().ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["type"] = type,
        };
        if (type == "created")
        {
            node["severity"] = severity ?? $"sev{random.Next(1, 4)}";
            node["issue_type"] = random.Next(3) switch { 0 => "network_outage", 1 => "database", _ => "other" };
            node["fields"] = new JsonObject { ["impact"] = random.Next(2) == 0 ? "production" : "degraded", ["impact_confirmed"] = "true" };
        }

        return node.ToJsonString();
    }
}
