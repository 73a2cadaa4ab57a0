using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using EscalationDsl.Engine.Api;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Tests;
using Microsoft.Data.Sqlite;
using NodaTime;
using Xunit.Abstractions;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// Starts the real `esc serve` in a child process, streams ticket events at it, kills it with
/// SIGKILL at random moments and restarts it on the same files. Afterwards every acknowledged event
/// is stored once and every decision the events imply is stored once and delivered.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    private const string Key = "crash-test-key-0123456789";

    [Fact]
    public async Task KillNineAtRandomMomentsLosesNoAcknowledgedEventAndNoDueDecision()
    {
        var folder = Directory.CreateTempSubdirectory("esc-crash-").FullName;
        var policies = Path.Combine(folder, "policies");
        Directory.CreateDirectory(policies);
        File.Copy(Path.Combine(RepoPaths.Policies, "support.esc"), Path.Combine(policies, "support.esc"));
        var database = Path.Combine(folder, "engine.db");
        var sink = Path.Combine(folder, "decisions.jsonl");

        var tickets = Tickets(60);
        var random = new Random(20261126);
        var acknowledged = new HashSet<string>(StringComparer.Ordinal);
        var next = 0;
        for (var cycle = 0; next < tickets.Count; cycle++)
        {
            cycle.ShouldBeLessThan(12, "the stream should finish within a few crash cycles");
            await using var server = await Server.StartAsync(folder, database, policies, sink);
            var killAfter = random.Next(8, 25);
            var sent = 0;
            var killing = Task.CompletedTask;
            while (next < tickets.Count)
            {
                if (sent == killAfter)
                {
                    // Kill while a request is in flight: it may or may not have committed.
                    var inFlight = server.Post(tickets[next]);
                    await Task.Delay(random.Next(0, 3));
                    server.Kill();
                    try
                    {
                        if ((await inFlight).IsSuccessStatusCode)
                        {
                            Acknowledge(tickets[next], acknowledged);
                            next++;
                        }
                    }
                    catch (HttpRequestException)
                    {
                    }
                    catch (TaskCanceledException)
                    {
                    }

                    break;
                }

                var response = await server.Post(tickets[next]);
                response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
                Acknowledge(tickets[next], acknowledged);
                next++;
                sent++;
            }

            output.WriteLine($"cycle {cycle}: {next}/{tickets.Count} tickets sent");
        }

        // A last, clean run: it fires what is due, delivers the outbox, and stops gracefully.
        await using (var server = await Server.StartAsync(folder, database, policies, sink))
        {
            var expected = ExpectedDecisions(tickets);
            await EngineFixture.Eventually(
                () => Task.FromResult(Delivered(sink).IsSupersetOf(expected)),
                "every decision is delivered to the file sink");
            await server.StopAsync();
        }

        TornLinesAreWrittenAgainWhole(sink);
        using var connection = new SqliteConnection($"Data Source={database}");
        connection.Open();
        var storedEvents = Column(connection, "SELECT event_id FROM events WHERE kind = 'event'");
        storedEvents.ShouldBeUnique();
        storedEvents.ToHashSet().IsSupersetOf(acknowledged).ShouldBeTrue("every acknowledged event is stored");
        storedEvents.Count.ShouldBe(tickets.Sum(t => t.Count));

        var storedDecisions = Column(connection, "SELECT decision_id FROM decisions");
        storedDecisions.ShouldBeUnique();
        storedDecisions.ToHashSet().SetEquals(ExpectedDecisions(tickets)).ShouldBeTrue("the stored decisions are exactly those the events imply");
        output.WriteLine($"{storedEvents.Count} events, {storedDecisions.Count} decisions, {File.ReadAllLines(sink).Length} sink lines");
        Directory.Delete(folder, recursive: true);
    }

    private static void Acknowledge(List<TicketEvent> batch, HashSet<string> acknowledged)
    {
        foreach (var e in batch)
        {
            acknowledged.Add(e.EventId!);
        }
    }

    /// <summary>Tickets whose whole lives lie days in the past, each sent as one batch, all closed at the end.</summary>
    private static List<List<TicketEvent>> Tickets(int count)
    {
        var random = new Random(7);
        var start = SystemClock.Instance.GetCurrentInstant() - Duration.FromDays(3);
        var result = new List<List<TicketEvent>>();
        for (var i = 0; i < count; i++)
        {
            var id = $"CRASH-{i:D3}";
            var t = start + Duration.FromMinutes(i * 7);
            var n = 0;
            TicketEvent E(TicketEventKind kind, int minutes) => new() { EventId = $"{id}-{n++}", TicketId = id, At = t + Duration.FromMinutes(minutes), Kind = kind };
            var severity = (i % 3) switch { 0 => "sev1", 1 => "sev2", _ => "sev3" };
            result.Add(
            [
                E(TicketEventKind.Created, 0) with { Severity = severity, IssueType = "database", Fields = [KeyValuePair.Create("impact", "production"), KeyValuePair.Create("impact_confirmed", "true")] },
                E(TicketEventKind.Acknowledged, random.Next(5, 40)),
                E(TicketEventKind.CustomerUpdate, random.Next(41, 90)),
                E(TicketEventKind.Mitigation, random.Next(91, 200)) with { Mitigation = "contained" },
                E(TicketEventKind.Resolved, random.Next(201, 400)),
                E(TicketEventKind.Closed, random.Next(401, 600)),
            ]);
        }

        return result;
    }

    private static HashSet<string> ExpectedDecisions(List<List<TicketEvent>> tickets)
    {
        var model = SemanticModel.Create(new SourceText("support.esc", File.ReadAllText(Path.Combine(RepoPaths.Policies, "support.esc"))));
        var runtime = new TicketRuntime(CompiledPolicy.Compile(model));
        var decisions = new List<Decision>();
        foreach (var events in tickets)
        {
            var ticket = runtime.Open(events[0], decisions);
            foreach (var e in events.Skip(1))
            {
                runtime.Apply(ticket, e, decisions);
            }
        }

        return decisions.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// The decision ids in the file sink's whole lines (the engine may be writing the last one). A line
    /// that is not JSON is a record torn by a kill, checked by <see cref="TornLinesAreWrittenAgainWhole"/>.
    /// </summary>
    private static HashSet<string> Delivered(string sink)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in SinkLines(sink))
        {
            if (Record(line) is { } record)
            {
                ids.Add(record["id"]!.GetValue<string>());
            }
        }

        return ids;
    }

    /// <summary>A line that is not JSON can only be the start of a record cut by a kill, which the file also holds whole.</summary>
    private static void TornLinesAreWrittenAgainWhole(string sink)
    {
        var lines = SinkLines(sink);
        foreach (var torn in lines.Where(l => Record(l) is null))
        {
            lines.ShouldContain(whole => whole.Length > torn.Length && whole.StartsWith(torn, StringComparison.Ordinal), $"a line that is not JSON is a torn record written again whole: {torn}");
        }
    }

    private static string[] SinkLines(string sink)
    {
        var text = File.Exists(sink) ? File.ReadAllText(sink) : "";
        return text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    private static System.Text.Json.Nodes.JsonNode? Record(string line)
    {
        try
        {
            return System.Text.Json.Nodes.JsonNode.Parse(line);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static List<string> Column(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    /// <summary>`esc serve` in a child process.</summary>
    private sealed class Server : IAsyncDisposable
    {
        private readonly Process process;
        private readonly HttpClient http;

        private Server(Process process, Uri url)
        {
            this.process = process;
            http = new HttpClient { BaseAddress = url, Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        }

        public static async Task<Server> StartAsync(string folder, string database, string policies, string sink)
        {
            var esc = EscDll();
            var start = new ProcessStartInfo("dotnet")
            {
                WorkingDirectory = folder,
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                ArgumentList =
                {
                    esc, "serve", "--listen", "http://127.0.0.1:0", "--db", database, "--policies", policies,
                    $"--Engine:ApiKeys:0={ApiKeys.Hash(Key)}", "--Engine:Synchronous=FULL",
                    "--Engine:Sinks:0:Name=log", "--Engine:Sinks:0:Type=file", $"--Engine:Sinks:0:Path={sink}",
                },
            };
            var process = Process.Start(start)!;
            process.OutputDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
            var log = new System.Text.StringBuilder();
            process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    listening.TrySetException(new InvalidOperationException("esc serve exited:\n" + log));
                    return;
                }

                log.AppendLine(e.Data);
                // esc serve's entry, in the simple format: `info: EscalationDsl.Cli.Serve[0] Listening on URL`.
                const string marker = "EscalationDsl.Cli.Serve[0] Listening on ";
                if (e.Data.IndexOf(marker, StringComparison.Ordinal) is var at and >= 0)
                {
                    listening.TrySetResult(new Uri(e.Data[(at + marker.Length)..].Split(',')[0].Trim()));
                }
            };
            process.BeginErrorReadLine();
            var url = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return new Server(process, url);
        }

        public Task<HttpResponseMessage> Post(List<TicketEvent> batch) =>
            http.PostAsJsonAsync("/v1/events:batch", new
            {
                events = batch.Select(e => new
                {
                    id = e.EventId,
                    ticket = e.TicketId,
                    at = TicketEventJson.FormatTime(e.At),
                    type = TicketEventKinds.Name(e.Kind),
                    severity = e.Severity,
                    issue_type = e.IssueType,
                    status = e.Mitigation,
                    fields = e.Fields?.ToDictionary(f => f.Key, f => f.Value),
                }),
            });

        public void Kill()
        {
            if (!process.HasExited)
            {
                process.Kill(); // SIGKILL on Linux: no shutdown code runs
                process.WaitForExit();
            }
        }

        public async Task StopAsync()
        {
            if (!process.HasExited)
            {
                // SIGTERM: the host shuts down gracefully.
                Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
                await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            }
        }

        public ValueTask DisposeAsync()
        {
            Kill();
            http.Dispose();
            process.Dispose();
            return ValueTask.CompletedTask;
        }

        private static string EscDll()
        {
            var configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
            var path = RepoPaths.Combine("src", "EscalationDsl.Cli", "bin", configuration, "net10.0", "esc.dll");
            File.Exists(path).ShouldBeTrue($"{path} is built with the solution");
            return path;
        }
    }
}
