using Xunit.Abstractions;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// Many concurrent requests, so that the loop's groups mix new tickets, closes, reopens, retries,
/// refused requests, migrations, deadline runs and reads: the log, the tickets table, the tickets in
/// memory and a restarted engine must still agree. Seeds are fixed, but the interleaving is the
/// machine's: the test asserts what must hold whatever it is.
/// </summary>
public sealed class ConcurrentLoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ConcurrentGroupsKeepTheLogTheTicketRowsAndARestartedEngineInAgreement()
    {
        await using var engine = await EngineFixture.StartAsync();
        var driver = new LoadDriver(engine, tickets: 300, workers: 12, seed: 20261102);
        await driver.RunAsync(File.ReadAllText(Path.Combine(engine.Policies, "support.esc")));

        output.WriteLine($"{driver.Answers.Count} answers: {string.Join(", ", driver.Answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} x {g.Key}"))}; {driver.Accepted.Count} events stored, {driver.Refused.Count} refused, {driver.Migrations} migrations, {driver.Retried} retries");
        output.WriteLine(string.Join(", ", driver.Answers.GroupBy(a => System.Text.RegularExpressions.Regex.Replace(a.Request, "T-[0-9]+", "T")).Select(g => $"{g.Key}: {g.Count()}")));
        driver.Problems.Take(20).ShouldBeEmpty();
        driver.Answers.Where(a => a.Status >= 500).Take(20).ShouldBeEmpty("any 500 is a bug");
        driver.Answers.Select(a => a.Status).Distinct().Order().ShouldBeSubsetOf([200, 400, 404, 409]);
        driver.Migrations.ShouldBeGreaterThan(20);
        driver.Refused.ShouldNotBeEmpty();

        // Let every deadline that is due run, so a restart finds nothing to catch up on.
        await EngineFixture.Eventually(() => Task.FromResult(engine.Loop.NextDue > engine.Time.GetUtcNow().ToUnixTimeMilliseconds()), "every due deadline ran");

        // 1. The log holds each answered event once, and nothing of a refused request.
        var stored = Query(engine, "SELECT event_id, ticket_id, count(*) FROM events WHERE kind = 'event' GROUP BY event_id", r => (Id: r.GetString(0), Ticket: r.GetString(1), Count: r.GetInt64(2)));
        stored.Where(s => s.Count != 1).ShouldBeEmpty();
        stored.Select(s => s.Id).Order(StringComparer.Ordinal).ShouldBe(driver.Accepted.Keys.Order(StringComparer.Ordinal));
        stored.Where(s => driver.Accepted[s.Id] != s.Ticket).ShouldBeEmpty();
        driver.Refused.Where(id => driver.Accepted.ContainsKey(id)).ShouldBeEmpty();

        // 2. Each ticket's row agrees with what the engine answers, and its closed flag with its state.
        var created = driver.Tickets.Where(t => t.Value != LoadDriver.Phase.None).Select(t => t.Key).Order(StringComparer.Ordinal).ToList();
        created.Count.ShouldBeGreaterThan(250);
        var rows = Query(engine, "SELECT ticket_id, closed, state, owner, severity, escalation_level FROM tickets", r => (Id: r.GetString(0), Row: $"closed={r.GetInt64(1)} {r.GetString(2)} owner={(r.IsDBNull(3) ? null : r.GetString(3))} {r.GetString(4)} level={r.GetInt64(5)}"))
            .ToDictionary(r => r.Id, r => r.Row, StringComparer.Ordinal);
        rows.Keys.Order(StringComparer.Ordinal).ShouldBe(created);
        var before = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in created)
        {
            var ticket = await Get(driver, $"/v1/tickets/{id}");
            var state = (string)ticket["state"]!;
            var expected = $"closed={(state == "closed" ? 1 : 0)} {state} owner={(string?)ticket["owner"]} {ticket["severity"]} level={ticket["escalation_level"]}";
            rows[id].ShouldBe(expected, $"the tickets row of {id}");
            LoadDriver.PhaseOf(state).ShouldBe(driver.Tickets[id], $"the state of {id} after its events");
            var timeline = await Get(driver, $"/v1/tickets/{id}/timeline");
            timeline["state"]!.ToJsonString().ShouldBe(ticket.ToJsonString(), $"{id}: its log replays to the ticket in memory");
            before[id] = ticket.ToJsonString();
        }

        // 4. Decisions are stored once each, for tickets that exist.
        Query(engine, "SELECT decision_id FROM decisions GROUP BY decision_id HAVING count(*) > 1", r => r.GetString(0)).ShouldBeEmpty();
        Query(engine, "SELECT decision_id FROM decisions WHERE ticket_id NOT IN (SELECT ticket_id FROM tickets)", r => r.GetString(0)).ShouldBeEmpty();
        Query(engine, "SELECT count(*) FROM decisions", r => r.GetInt64(0)).Single().ShouldBeGreaterThan(0);

        // 3. A restart on the same file rebuilds every ticket as it was, and counts the open ones as the rows do.
        await engine.StopHostAsync();
        await engine.StartHostAsync();
        foreach (var id in created)
        {
            (await Get(driver, $"/v1/tickets/{id}")).ToJsonString().ShouldBe(before[id], $"{id} after the restart");
        }

        var open = Query(engine, "SELECT count(*) FROM tickets WHERE closed = 0", r => r.GetInt64(0)).Single();
        open.ShouldBeGreaterThan(0);
        (await engine.GetJson("/readyz"))!["open_tickets"]!.GetValue<long>().ShouldBe(open);
        driver.Answers.Where(a => a.Status >= 500).ShouldBeEmpty();
    }

    private static async Task<JsonNode> Get(LoadDriver driver, string path)
    {
        var (status, answer) = await driver.Send(HttpMethod.Get, path, null);
        status.ShouldBe(200, $"GET {path}: {answer?.ToJsonString()}");
        return answer!;
    }

    private static List<T> Query<T>(EngineFixture engine, string sql, Func<SqliteDataReader, T> read)
    {
        using var connection = new SqliteConnection($"Data Source={engine.Database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<T>();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
