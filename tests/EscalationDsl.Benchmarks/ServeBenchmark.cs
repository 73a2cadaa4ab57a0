using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using EscalationDsl.Engine;
using EscalationDsl.Engine.Api;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace EscalationDsl.Benchmarks;

/// <summary>
/// The engine under load, through HTTP on loopback with durable commits (SQLite WAL,
/// synchronous=FULL): batch ingest, single-event latency, scheduler lag with many pending
/// deadlines, memory per open ticket; and, in the same run, the raw SQLite append rate.
/// </summary>
internal static class ServeBenchmark
{
    private const string Key = "benchmark-key-0123456789";

    /// <summary>Concurrent batch clients: several producers, so commits group more than one request.</summary>
    private const int Clients = 8;

    public static async Task RunAsync(int pendingTickets)
    {
        var folder = Directory.CreateTempSubdirectory("esc-bench-").FullName;
        try
        {
            await using (var engine = await StartEngine(folder))
            {
                await BatchIngest(engine, folder);
                await SingleEvents(engine);
                await SchedulerLag(engine, pendingTickets);
            }

            await Restart(folder);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Appends rows raw, through the same statement layer the engine uses, into a fresh database
    /// with the engine's events table and indexes (WAL, synchronous=FULL): one transaction per
    /// batch of rows. Returns rows per second.
    /// </summary>
    private static double RawSqlite(string path, IReadOnlyList<RawRow[]> batches)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        Exec(connection, "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;");
        Exec(connection, "CREATE TABLE events (seq INTEGER PRIMARY KEY, kind TEXT NOT NULL, event_id TEXT UNIQUE, ticket_id TEXT NOT NULL, at INTEGER NOT NULL, received_at INTEGER NOT NULL, body TEXT)");
        Exec(connection, "CREATE INDEX events_ticket ON events(ticket_id, seq)");
        using var insert = new EscalationDsl.Engine.Storage.RawStatement(connection,
            "INSERT INTO events (kind, event_id, ticket_id, at, received_at, body) VALUES ('event', $id, $t, $at, $r, $b)");
        var rows = 0;
        var sw = Stopwatch.StartNew();
        foreach (var batch in batches)
        {
            using var tx = connection.BeginTransaction();
            foreach (var row in batch)
            {
                insert.Text(1, row.EventId).Text(2, row.TicketId).Integer(3, row.At).Integer(4, row.At).Utf8(5, row.Body).Run();
            }

            tx.Commit();
            rows += batch.Length;
        }

        var rate = rows / sw.Elapsed.TotalSeconds;
        connection.Close();
        SqliteConnection.ClearAllPools();
        File.Delete(path);
        return rate;
    }

    /// <summary>A row of the events table as the raw append writes it, encoded before timing.</summary>
    private sealed record RawRow(string EventId, string TicketId, long At, byte[] Body);

    /// <summary>
    /// The best case for SQLite: 300,000 small rows (92-byte body) whose event and ticket ids rise
    /// in key order, so every index insert lands at the end of its index; 1,000 rows per commit.
    /// </summary>
    private static List<RawRow[]> SequentialRows()
    {
        var sample = Encoding.UTF8.GetBytes("{\"id\":\"e0000000\",\"ticket\":\"T0000000\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"acknowledged\"}");
        return Enumerable.Range(0, 300)
            .Select(b => Enumerable.Range(b * 1000, 1000).Select(j => new RawRow($"e{j:D7}", $"T{j / 10:D7}", 1_700_000_000_000L + j, sample)).ToArray())
            .ToList();
    }

    /// <summary>
    /// The round's own events as the engine stores them (each event's JSON as sent), in the order of
    /// the requests, split evenly into <paramref name="commits"/> transactions: as many as the engine
    /// made for them, so both sides commit equally often.
    /// </summary>
    private static List<RawRow[]> SameRows(List<byte[]> requests, int commits)
    {
        var rows = new List<RawRow>();
        foreach (var body in requests)
        {
            using var request = JsonDocument.Parse(body);
            foreach (var e in request.RootElement.GetProperty("events").EnumerateArray())
            {
                var at = TicketEventJson.ParseTime(e.GetProperty("at").GetString()!)!.Value;
                rows.Add(new RawRow(e.GetProperty("id").GetString()!, e.GetProperty("ticket").GetString()!, at.ToUnixTimeMilliseconds(), Encoding.UTF8.GetBytes(e.GetRawText())));
            }
        }

        return rows.Chunk((rows.Count + Math.Max(1, commits) - 1) / Math.Max(1, commits)).ToList();
    }

    /// <summary>A timed round's requests (whole tickets, encoded) and how many events they carry.</summary>
    private static (List<byte[]> Requests, int Events) RoundRequests(int round)
    {
        var events = Rebase(SyntheticTickets.Generate(40_000, seed: 100 + round), $"B{round}-");
        return (WholeTickets(events).Select(Body).ToList(), events.Count);
    }

    /// <summary>
    /// A restart on the database the load left (its open tickets, the closed tickets of the batch rounds):
    /// how long the engine takes to load its policies, replay the open tickets' logs and run what fell due.
    /// </summary>
    private static async Task Restart(string folder)
    {
        long rows;
        long open;
        using (var connection = new SqliteConnection($"Data Source={Path.Combine(folder, "engine.db")};Mode=ReadOnly"))
        {
            connection.Open();
            rows = Scalar(connection, "SELECT count(*) FROM events");
            open = Scalar(connection, "SELECT count(*) FROM tickets WHERE closed = 0");
        }

        SqliteConnection.ClearAllPools();
        var sw = Stopwatch.StartNew();
        await using var engine = await StartEngine(folder);
        Console.WriteLine($"  restart: ready in {sw.Elapsed.TotalSeconds:F1} s with {open:N0} open tickets and {rows:N0} stored events and deadline runs");
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static async Task<Engine> StartEngine(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "policies"));
        File.Copy(RepoPaths.Combine("policies", "support.esc"), Path.Combine(folder, "policies", "support.esc"), overwrite: true);
        var app = EngineHost.Build(
        [
            "--Engine:Listen=http://127.0.0.1:0",
            $"--Engine:Database={Path.Combine(folder, "engine.db")}",
            $"--Engine:Policies={Path.Combine(folder, "policies")}",
            $"--Engine:ApiKeys:0={ApiKeys.Hash(Key)}",
            "--Engine:Synchronous=FULL",
            "--Engine:FutureTolerance=365.00:00:00",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return new Engine(app, http);
    }

    private sealed record Engine(WebApplication App, HttpClient Http) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await App.StopAsync();
            await App.DisposeAsync();
        }
    }

    private static async Task BatchIngest(Engine engine, string folder)
    {
        // Real-looking tickets stamped from now on, as a live feed would send them (the engine's clock
        // tolerance is widened so a ticket's later events may be sent ahead of time): deadlines fall
        // due later, so this measures ingest, and the scheduler is measured separately below. Each
        // request carries whole tickets (about 1000 events), since concurrent requests may land in any order.
        //
        // Warm-up: the same load on other tickets, repeated until the JIT has finished tiering up
        // the hot paths (a round compiles fewer than 100 methods), so the figure is what a running
        // server sustains. On 2 busy cores the JIT's background tier-up thread takes several rounds;
        // timed while it was still at work, a quarter of the CPU went to it.
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        for (var round = 1; round <= 12; round++)
        {
            await PostConcurrently(engine, WholeTickets(Rebase(SyntheticTickets.Generate(20_000, seed: 11 + round), $"W{round}-")).Select(Body).ToList());
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            var fresh = now - compiled;
            compiled = now;
            if (fresh < 100 || round == 12)
            {
                Console.WriteLine($"  warm-up: {round} rounds of 20,000 tickets, the last compiling {fresh} methods");
                break;
            }
        }

        // Three timed rounds, each followed by two raw SQLite runs on the same disk, so all figures
        // see the same machine state: the round's own events appended in the order of its requests
        // with as many commits as the engine made for them (same rows, same table, same durability,
        // no engine), and the best case (small rows with ever-rising keys). Median ratios with ranges.
        var same = new List<double>();
        var best = new List<double>();
        for (var round = 1; round <= 3; round++)
        {
            // Only the encoded request bodies stay referenced while the engine is timed: the load's
            // events as objects (hundreds of MB) would otherwise sit in the engine's heap, which a
            // separate client process would not burden, and every full collection would trace them.
            // What the benchmark itself left (the last round's raw rows) is collected before timing.
            var (batches, eventCount) = RoundRequests(round);
            GC.Collect();
            var commits = 0;
            using (var counter = new MeterListener())
            {
                counter.InstrumentPublished = (instrument, l) =>
                {
                    if (instrument.Meter.Name == "EscalationDsl.Engine" && instrument.Name == "esc.store_commit")
                    {
                        l.EnableMeasurementEvents(instrument);
                    }
                };
                counter.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref commits));
                counter.Start();
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var paused = GC.GetTotalPauseDuration();
                var (gen1, gen2) = (GC.CollectionCount(1), GC.CollectionCount(2));
                var allocated = GC.GetTotalAllocatedBytes();
                var sw = Stopwatch.StartNew();
                await PostConcurrently(engine, batches);
                var rate = eventCount / sw.Elapsed.TotalSeconds;
                var cores = (Process.GetCurrentProcess().TotalProcessorTime - cpu) / sw.Elapsed;
                var gc = $"GC paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:F0} ms ({GC.CollectionCount(1) - gen1} gen1, {GC.CollectionCount(2) - gen2} full collections), {(GC.GetTotalAllocatedBytes() - allocated) / eventCount:N0} bytes allocated per event";
                counter.Dispose();
                var rawSame = RawSqlite(Path.Combine(folder, $"raw{round}.db"), SameRows(batches, commits));
                var rawBest = RawSqlite(Path.Combine(folder, $"best{round}.db"), SequentialRows());
                same.Add(rate / rawSame);
                best.Add(rate / rawBest);
                Console.WriteLine($"  round {round}: batch ingest ({Clients} clients, about 1000 events per request) {Measure.Rate(rate)} events/s over {eventCount:N0} events in {commits} commits, using {cores:F2} of {Environment.ProcessorCount} cores (engine and clients), {gc}; "
                    + $"raw SQLite append of the same events in as many commits: {Measure.Rate(rawSame)} rows/s ({rate / rawSame:P0}); "
                    + $"best-case raw append (92-byte rows, rising keys, 1000 per commit): {Measure.Rate(rawBest)} rows/s ({rate / rawBest:P0})");
            }
        }

        same.Sort();
        best.Sort();
        Console.WriteLine($"  batch ingest / raw append of the same events: median {same[1]:P0} (range {same[0]:P0}-{same[2]:P0}); / best-case raw append: median {best[1]:P0} (range {best[0]:P0}-{best[2]:P0})");
    }

    private static async Task PostConcurrently(Engine engine, List<byte[]> batches)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, Clients).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches.Count)
            {
                // The response is read through and dropped, not buffered: the load generator shares
                // the machine with the engine, so it should cost as little as it can.
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events:batch") { Content = Json(batches[i]) };
                using var response = await engine.Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                await (await response.Content.ReadAsStreamAsync()).CopyToAsync(Stream.Null);
            }
        }));
    }

    private static async Task SingleEvents(Engine engine)
    {
        const int clients = 32;
        const int perClient = 600;
        var latencies = new List<double>[clients];
        var now = SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(1);
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            latencies[c] = new List<double>(perClient);
            for (var i = 0; i < perClient; i += 2)
            {
                var ticket = $"S{c:D2}-{i:D5}";
                foreach (var (kind, extra) in new[] { ("created", ",\"severity\":\"sev3\",\"issue_type\":\"other\""), ("acknowledged", "") })
                {
                    var body = $"{{\"id\":\"{ticket}-{kind}\",\"ticket\":\"{ticket}\",\"at\":\"{TicketEventJson.FormatTime(now)}\",\"type\":\"{kind}\"{extra}}}";
                    var start = Stopwatch.GetTimestamp();
                    (await engine.Http.PostAsync("/v1/events", Json(body))).EnsureSuccessStatusCode();
                    latencies[c].Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
            }
        }));
        var all = latencies.SelectMany(l => l).Order().ToList();
        Console.WriteLine($"  single events ({clients} clients, one event per request): {Measure.Rate(all.Count / sw.Elapsed.TotalSeconds)} events/s, latency p50 {Percentile(all, 0.5):F1} ms, p99 {Percentile(all, 0.99):F1} ms");
    }

    private static async Task SchedulerLag(Engine engine, int pending)
    {
        // Tickets whose first deadline lies well in the future hold `pending` deadlines; a few
        // thousand sev1 tickets fall due over the next 20 seconds and the scheduler's lag on them is measured.
        var lags = new List<double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "EscalationDsl.Engine" && instrument.Name is "esc.scheduler_lag" or "esc.store_commit")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        var commits = new List<double>();
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            var into = instrument.Name == "esc.scheduler_lag" ? lags : commits;
            lock (into)
            {
                into.Add(value * 1000);
            }
        });

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var before = GC.GetTotalMemory(true);
        var now = SystemClock.Instance.GetCurrentInstant();
        var sw = Stopwatch.StartNew();
        const int batch = 2000;
        for (var i = 0; i < pending; i += batch)
        {
            var sb = new StringBuilder("{\"events\":[");
            for (var j = i; j < Math.Min(pending, i + batch); j++)
            {
                sb.Append(j == i ? "" : ",").Append($"{{\"id\":\"P{j}\",\"ticket\":\"P{j}\",\"at\":\"{TicketEventJson.FormatTime(now)}\",\"type\":\"created\",\"severity\":\"sev2\",\"issue_type\":\"other\"}}");
            }

            (await engine.Http.PostAsync("/v1/events:batch", Json(sb.Append("]}").ToString()))).EnsureSuccessStatusCode();
        }

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var after = GC.GetTotalMemory(true);
        // Field values of these tickets: the value array and the issue_type string. The ticket id is
        // user data too, of the length the user chooses; both figures are printed.
        var policy = EscalationDsl.Runtime.CompiledPolicy.Compile(EscalationDsl.Language.Semantics.SemanticModel.Create("support.esc", File.ReadAllText(RepoPaths.Combine("policies", "support.esc"))));
        static long StringBytes(int length) => 22 + 2 * length + 7 & ~7L;
        var values = 24 + 8L * policy.ValueSlotCount + StringBytes("other".Length);
        var id = StringBytes($"P{pending / 2}".Length);
        var perTicket = (after - before) / (double)pending;
        Console.WriteLine($"  {pending:N0} open tickets with pending deadlines created in {sw.Elapsed.TotalSeconds:F1} s; engine memory {perTicket:F0} bytes per open ticket, {perTicket - values:F0} beside its field values (record, clocks, index and queue entry, and the {id}-byte id string), {perTicket - values - id:F0} beside its field values and id");

        listener.Start();
        var paused = GC.GetTotalPauseDuration();
        var fullCollections = GC.CollectionCount(2);
        const int due = 5_000;
        var first = SystemClock.Instance.GetCurrentInstant() - Duration.FromMinutes(15) + Duration.FromSeconds(3);
        var events = new StringBuilder("{\"events\":[");
        for (var k = 0; k < due; k++)
        {
            var at = first + Duration.FromMilliseconds(k * 4);
            events.Append(k == 0 ? "" : ",").Append($"{{\"id\":\"D{k}\",\"ticket\":\"D{k}\",\"at\":\"{TicketEventJson.FormatTime(at)}\",\"type\":\"created\",\"severity\":\"sev1\",\"issue_type\":\"other\",\"fields\":{{\"impact\":\"degraded\"}}}}");
        }

        (await engine.Http.PostAsync("/v1/events:batch", Json(events.Append("]}").ToString()))).EnsureSuccessStatusCode();
        await Task.Delay(TimeSpan.FromSeconds(28));
        listener.Dispose();
        List<double> sorted;
        lock (lags)
        {
            sorted = lags.Order().ToList();
        }

        Console.WriteLine($"  scheduler lag with {pending + due:N0} pending deadlines: {sorted.Count:N0} deadline runs, p50 {Percentile(sorted, 0.5):F1} ms, p99 {Percentile(sorted, 0.99):F1} ms, max {(sorted.Count == 0 ? 0 : sorted[^1]):F1} ms"
            + $" (meanwhile the process paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:F0} ms for garbage collection, {GC.CollectionCount(2) - fullCollections} full collections;"
            + $" the slowest of {commits.Count:N0} commits took {(commits.Count == 0 ? 0 : commits.Max()):F0} ms)");
    }

    /// <summary>The requests of a batch load: whole tickets, 90 to a request (about 1000 events), each in time order.</summary>
    private static List<TicketEvent[]> WholeTickets(List<TicketEvent> events) =>
        events.GroupBy(e => e.TicketId).Chunk(90).Select(tickets => tickets.SelectMany(t => t).OrderBy(e => e.At).ToArray()).ToList();

    private static List<TicketEvent> Rebase(List<TicketEvent> events, string prefix)
    {
        var shift = SystemClock.Instance.GetCurrentInstant() - events[0].At;
        return events.Select((e, i) => e with { At = e.At + shift, TicketId = prefix + e.TicketId, EventId = $"{prefix}{i}" }).ToList();
    }

    private static byte[] Body(TicketEvent[] events)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteStartArray("events");
            foreach (var e in events)
            {
                TicketEventJson.Write(writer, e with { Policy = null });
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    // Bodies are encoded once, before timing: the clients share the engine's cores, and encoding
    // each request again would measure them rather than the engine.
    private static ByteArrayContent Json(string body) => Json(Encoding.UTF8.GetBytes(body));

    private static ByteArrayContent Json(byte[] body) =>
        new(body) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } };

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)(p * sorted.Count))];

    private static void Exec(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
