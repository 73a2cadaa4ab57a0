using System.Collections.Concurrent;
using System.Text;
using System.Text.Json.Nodes;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// Drives an engine with many concurrent requests so that its groups mix them: each ticket belongs
/// to one posting task (its events go out in order), while the tickets of different tasks, tasks
/// that retry answered events, migrations, reads and clock moves interleave. It records every
/// answer and what it expected; <see cref="ConcurrentLoadTests"/> checks the invariants afterwards.
/// </summary>
internal sealed partial class LoadDriver(EngineFixture engine, int tickets, int workers, int seed)
{
    private const string Batch = "/v1/events:batch";
    private readonly ConcurrentQueue<string> justCreated = new();
    private readonly List<(string Json, JsonNode Answer)> answered = [];
    private int finishedWorkers;
    private int answeredEvents;
    private int retried;

    public enum Phase { None, Open, Resolved, Closed }

    /// <summary>The expected lifecycle phase of each ticket, set by its posting task.</summary>
    public ConcurrentDictionary<string, Phase> Tickets { get; } = new(StringComparer.Ordinal);

    /// <summary>Ids of events answered 200 as new (not replayed), and their tickets.</summary>
    public ConcurrentDictionary<string, string> Accepted { get; } = new(StringComparer.Ordinal);

    /// <summary>Ids of new events in refused requests (never sent again).</summary>
    public ConcurrentBag<string> Refused { get; } = [];

    /// <summary>Every answer: method and path, status.</summary>
    public ConcurrentBag<(string Request, int Status)> Answers { get; } = [];

    /// <summary>What went against expectation, in words.</summary>
    public ConcurrentQueue<string> Problems { get; } = new();

    public int Migrations { get; private set; }

    /// <summary>How many answered events the retrying tasks sent again.</summary>
    public int Retried => retried;

    public async Task RunAsync(string policyText)
    {
        var ids = Enumerable.Range(0, tickets).Select(i => $"T-{i:D3}").ToList();
        foreach (var id in ids)
        {
            Tickets[id] = Phase.None;
        }

        var plans = ids.Select((id, i) => (Id: id, Worker: i % workers, Steps: new Random(seed + i).Next(3, 8))).ToList();
        var total = plans.Sum(p => p.Steps);
        var posting = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
        {
            try
            {
                await Post(w, plans.Where(p => p.Worker == w).Select(p => (p.Id, p.Steps)).ToList());
            }
            finally
            {
                Interlocked.Increment(ref finishedWorkers);
            }
        })).ToList();
        var others = new[]
        {
            Task.Run(() => Retry(1)), Task.Run(() => Retry(2)), Task.Run(() => Retry(3)),
            Task.Run(() => Read(1)), Task.Run(() => Read(2)), Task.Run(Migrate), Task.Run(() => Drive(total, policyText)),
        };
        await Task.WhenAll(posting.Concat(others));
    }

    private bool Posting => Volatile.Read(ref finishedWorkers) < workers;

    /// <summary>Checks one event's answer and records it; <paramref name="after"/> is the phase it leads to (null for a retry).</summary>
    private void Check(JsonNode result, string json, bool retry, Phase? after)
    {
        var id = (string)JsonNode.Parse(json)!["id"]!;
        var state = (string?)result["state"];
        if ((bool?)result["replayed"] != retry || (string?)result["event"] != id)
        {
            Problems.Enqueue($"event {json} answered {result.ToJsonString()}: replayed should be {retry}");
        }

        if (after is { } phase && PhaseOf(state) != phase)
        {
            Problems.Enqueue($"event {json} answered state {state}; expected a state of phase {phase}");
        }

        if (!retry)
        {
            Accepted[id] = (string)JsonNode.Parse(json)!["ticket"]!;
            Interlocked.Increment(ref answeredEvents);
            lock (answered)
            {
                answered.Add((json, result));
            }
        }
    }

    public static Phase PhaseOf(string? state) => state switch
    {
        "closed" => Phase.Closed,
        "resolved" => Phase.Resolved,
        null => Phase.None,
        _ => Phase.Open,
    };

    /// <summary>Exact retries of answered events, alone or a few together: answered as at first, stored once.</summary>
    private async Task Retry(int task)
    {
        var random = new Random(seed + 7 * task);
        while (Posting)
        {
            List<(string Json, JsonNode Answer)> pick;
            lock (answered)
            {
                pick = answered.Count == 0 ? [] : Enumerable.Range(0, random.Next(1, 4)).Select(_ => answered[random.Next(answered.Count)]).DistinctBy(a => a.Json).ToList();
            }

            if (pick.Count == 0)
            {
                await Task.Delay(5);
                continue;
            }

            var single = pick.Count == 1;
            Interlocked.Add(ref retried, pick.Count);
            var (status, answer) = await Send(HttpMethod.Post, single ? "/v1/events" : Batch, single ? pick[0].Json : "{\"events\":[" + string.Join(",", pick.Select(p => p.Json)) + "]}");
            if (status != 200)
            {
                Problems.Enqueue($"a retry of {string.Join(", ", pick.Select(p => p.Json))} answered {status} {answer?.ToJsonString()}");
                continue;
            }

            var results = single ? [answer!] : answer!["results"]!.AsArray().Select(r => r!).ToList();
            for (var i = 0; i < pick.Count; i++)
            {
                var (json, original) = pick[i];
                Check(results[i], json, retry: true, after: null);

                // The original answer, recomputed from the log (the versions differ only in number).
                string Meaning(JsonNode r) => $"{r["state"]} late={r["late"]} " + string.Join(";", r["decisions"]!.AsArray().Select(d => $"{d!["kind"]} {d["owner"]} {d["at"]}"));
                if (Meaning(results[i]) != Meaning(original))
                {
                    Problems.Enqueue($"a retry of {json} answered {results[i].ToJsonString()}; at first {original.ToJsonString()}");
                }
            }
        }
    }

    /// <summary>
    /// Migrations of every other ticket just created (their groups mix with the tickets' next events):
    /// to the same version at first, to a new one after each reload.
    /// </summary>
    private async Task Migrate()
    {
        var skip = false;
        while (Posting)
        {
            if (!justCreated.TryDequeue(out var id))
            {
                await Task.Delay(5);
                continue;
            }

            if (skip = !skip)
            {
                continue;
            }

            Migrations++;
            var (status, answer) = await Send(HttpMethod.Post, $"/v1/tickets/{id}:migrate", null);
            if (status != 200)
            {
                Problems.Enqueue($"migrating {id} answered {status} {answer?.ToJsonString()}");
            }
        }
    }

    /// <summary>Reads of tickets and timelines while they change, and of a ticket that does not exist.</summary>
    private async Task Read(int task)
    {
        var random = new Random(seed + 11 * task);
        while (Posting)
        {
            var id = $"T-{random.Next(tickets):D3}";
            var known = Tickets[id] != Phase.None;
            foreach (var path in new[] { $"/v1/tickets/{id}", $"/v1/tickets/{id}/timeline", "/v1/tickets/NOBODY" })
            {
                var (status, answer) = await Send(HttpMethod.Get, path, null);
                var expected = path.Contains("NOBODY", StringComparison.Ordinal) ? 404 : known ? 200 : -1;
                if (expected != -1 && status != expected || status is not (200 or 404))
                {
                    Problems.Enqueue($"GET {path} answered {status} {answer?.ToJsonString()}; expected {expected}");
                }
            }
        }
    }

    /// <summary>Moves the clock (deadlines run between groups) and loads new policy versions as the events come in.</summary>
    private async Task Drive(int total, string policyText)
    {
        (double At, Func<Task> Act)[] steps =
        [
            (0.15, () => engine.AdvanceAsync(new TimeSpan(0, 17, 13))),
            (0.30, () => LoadVersion(policyText, 2)),
            (0.45, () => engine.AdvanceAsync(new TimeSpan(0, 23, 7))),
            (0.60, () => LoadVersion(policyText, 3)),
            (0.65, MigrateAll),
            (0.70, () => engine.AdvanceAsync(new TimeSpan(0, 41, 29))),
            (0.85, () => engine.AdvanceAsync(new TimeSpan(1, 3, 11))),
        ];
        foreach (var (at, act) in steps)
        {
            while (Posting && Volatile.Read(ref answeredEvents) < at * total * 0.8)
            {
                await Task.Delay(5);
            }

            await act();
        }
    }

    /// <summary>A new version that differs only in its number: every ticket can move to it.</summary>
    private async Task LoadVersion(string policyText, int version)
    {
        var file = Path.Combine(engine.Policies, "support.esc");
        File.WriteAllText(file + ".new", policyText.Replace("policy \"support\" version 1", $"policy \"support\" version {version}", StringComparison.Ordinal));
        File.Move(file + ".new", file, overwrite: true);
        var (status, answer) = await Send(HttpMethod.Post, "/v1/policies:reload", null);
        if (status != 200)
        {
            Problems.Enqueue($"reloading the policies answered {status} {answer?.ToJsonString()}");
        }
    }

    private async Task MigrateAll()
    {
        var (status, answer) = await Send(HttpMethod.Post, "/v1/policies/support:migrate", null);
        if (status != 200)
        {
            Problems.Enqueue($"migrating every ticket answered {status} {answer?.ToJsonString()}");
        }
    }

    public async Task<(int Status, JsonNode? Answer)> Send(HttpMethod method, string path, string? body)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await engine.Http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        Answers.Add(($"{method} {path}", status));
        return (status, text.Length > 0 && text[0] is '{' or '[' ? JsonNode.Parse(text) : null);
    }
}
