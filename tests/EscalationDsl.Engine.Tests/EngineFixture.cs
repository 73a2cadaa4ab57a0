using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EscalationDsl.Engine;
using EscalationDsl.Engine.Api;
using EscalationDsl.Tests;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// A real engine on 127.0.0.1 (ephemeral port) with a real SQLite file in a temporary folder and a
/// file sink; only the clock is fake. Restart() stops it and starts a new host on the same files.
/// </summary>
internal sealed class EngineFixture : IAsyncDisposable
{
    public const string Key = "test-key-0123456789abcdef";

    private readonly string[] extraArgs;
    private WebApplication? app;

    private EngineFixture(string folder, FakeTimeProvider time, string[] extraArgs)
    {
        Folder = folder;
        Time = time;
        this.extraArgs = extraArgs;
    }

    public string Folder { get; }

    public string Policies => Path.Combine(Folder, "policies");

    public string Database => Path.Combine(Folder, "engine.db");

    public string SinkFile => Path.Combine(Folder, "decisions.jsonl");

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; private set; } = new();

    /// <summary>When set, the next <see cref="StartHostAsync"/> logs to it too, from before the engine starts (its start log).</summary>
    public CapturedLogs? Logs { get; set; }

    /// <summary>The running engine's loop, for tests that post work to it directly.</summary>
    internal Processing.EngineLoop Loop => app!.Services.GetRequiredService<Processing.EngineLoop>();

    /// <summary>The running engine's services.</summary>
    internal IServiceProvider Services => app!.Services;

    public static readonly DateTimeOffset Start = new(2026, 11, 2, 14, 0, 0, TimeSpan.Zero);

    /// <summary>Starts an engine serving the given policy files (name → text), or the shipped support policy.</summary>
    public static async Task<EngineFixture> StartAsync(IReadOnlyDictionary<string, string>? policies = null, params string[] extraArgs)
    {
        var folder = Directory.CreateTempSubdirectory("esc-engine-").FullName;
        Directory.CreateDirectory(Path.Combine(folder, "policies"));
        policies ??= new Dictionary<string, string> { ["support.esc"] = File.ReadAllText(Path.Combine(RepoPaths.Policies, "support.esc")) };
        foreach (var (name, text) in policies)
        {
            File.WriteAllText(Path.Combine(folder, "policies", name), text);
        }

        var fixture = new EngineFixture(folder, new FakeTimeProvider(Start), extraArgs);
        await fixture.StartHostAsync();
        return fixture;
    }

    /// <summary>Starts the engine on the fixture's folder, with other settings than it started with when <paramref name="otherArgs"/> are given.</summary>
    public async Task StartHostAsync(string[]? otherArgs = null)
    {
        var extraArgs = otherArgs ?? this.extraArgs;
        string[] args =
        [
            "--Engine:Listen=http://127.0.0.1:0",
            $"--Engine:Database={Database}",
            $"--Engine:Policies={Policies}",
            $"--Engine:ApiKeys:0={ApiKeys.Hash(Key)}",
            "--Engine:Sinks:0:Name=log",
            "--Engine:Sinks:0:Type=file",
            $"--Engine:Sinks:0:Path={SinkFile}",
            .. extraArgs,
        ];
        app = EngineHost.Build(args, Time);
        if (Logs is not null)
        {
            app.Services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().AddProvider(Logs);
        }

        await app.StartAsync();
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
    }

    public async Task StopHostAsync()
    {
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }

        Http.Dispose();
    }

    public Task<HttpResponseMessage> PostEvent(object e) => Http.PostAsJsonAsync("/v1/events", e);

    /// <summary>Posts the events as one batch (<c>POST /v1/events:batch</c>).</summary>
    public Task<HttpResponseMessage> PostBatch(params object[] events) => Http.PostAsJsonAsync("/v1/events:batch", new { events });

    public async Task<JsonNode> PostEventOk(object e)
    {
        var response = await PostEvent(e);
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return JsonNode.Parse(body)!;
    }

    /// <summary>Checks that the answer is a 400 problem (application/problem+json) with this <c>field</c> (none for null) and <c>detail</c>.</summary>
    public static async Task ShouldBeBadRequest(HttpResponseMessage response, string? field, string detail)
    {
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ((string?)problem["field"]).ShouldBe(field);
        ((string?)problem["detail"]).ShouldBe(detail);
    }

    /// <summary>
    /// Checks that the answer is <c>500 Ticket unavailable</c> for the ticket, with this <c>field</c> (none for null):
    /// set aside, or (<paramref name="running"/>) running from memory while its stored log does not replay.
    /// </summary>
    public static async Task ShouldBeUnavailable(HttpResponseMessage response, string ticket, string? field, bool running = false)
    {
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.InternalServerError);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        ((string?)problem["title"]).ShouldBe("Ticket unavailable");
        ((string?)problem["detail"]).ShouldBe(running
            ? $"The stored log of ticket '{ticket}' cannot be replayed (a damaged row or a bug; the engine's log has the error), so what is rebuilt from it fails: its timeline, and the answer to a retried event. The ticket goes on running from memory (its new events, deadlines and GET /v1/tickets/{ticket}); fix the row before the engine restarts, or the next start sets the ticket aside and every request for it fails."
            : $"Ticket '{ticket}' cannot be rebuilt from its stored log or run (a damaged row, a policy version that no longer binds, or a bug; the engine's log has the error). Its stored events are kept; requests for it fail until the cause is fixed and the engine restarts.");
        ((string?)problem["field"]).ShouldBe(field);
    }

    /// <summary>Stops the engine, damages one stored event by hand, as a broken disk or a hand edit might, and starts it again.</summary>
    public async Task RestartWithDamagedEvent(string eventId)
    {
        await StopHostAsync();
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "UPDATE events SET body = '{\"broken' WHERE event_id = $id";
        command.Parameters.AddWithValue("$id", eventId);
        command.ExecuteNonQuery().ShouldBe(1);
        await StartHostAsync();
    }

    public async Task<JsonNode?> GetJson(string path)
    {
        var response = await Http.GetAsync(path);
        return response.IsSuccessStatusCode ? JsonNode.Parse(await response.Content.ReadAsStringAsync()) : null;
    }

    /// <summary>A ticket's timeline as text (<c>Accept: text/plain</c>), answered 200.</summary>
    public async Task<string> TimelineText(string ticket)
    {
        var answer = await Http.SendAsync(new HttpRequestMessage(HttpMethod.Get, $"/v1/tickets/{ticket}/timeline") { Headers = { Accept = { new MediaTypeWithQualityHeaderValue("text/plain") } } });
        answer.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        return await answer.Content.ReadAsStringAsync();
    }

    /// <summary>Makes the support policy file version 2, with <paramref name="text"/> replaced by <paramref name="by"/>, and reloads it.</summary>
    public async Task RunSupportVersion2(string text = "", string by = "")
    {
        var path = Path.Combine(Policies, "support.esc");
        var version2 = File.ReadAllText(path).Replace("policy \"support\" version 1", "policy \"support\" version 2", StringComparison.Ordinal);
        File.WriteAllText(path, text.Length == 0 ? version2 : version2.Replace(text, by, StringComparison.Ordinal));
        (await Http.PostAsync("/v1/policies:reload", null)).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }

    /// <summary>Moves the fake clock and waits until the engine has run what fell due, and stored it.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        Time.Advance(by);
        await Eventually(async () => (await GetJson("/readyz"))?["scheduler_lag_seconds"]?.GetValue<double>() == 0);
        await Settled();
    }

    /// <summary>
    /// Waits until everything the engine loop has run so far is stored (the store writer has caught
    /// up): a read work item runs only after that. A scheduler tick has no answer to wait for.
    /// </summary>
    public Task Settled() => Read(_ => true);

    /// <summary>Reads the engine loop's state on its thread, once what it has run so far is stored.</summary>
    internal async Task<T> Read<T>(Func<Processing.EngineLoop, T> read)
    {
        var item = new Processing.ReadItem<T>(read);
        Loop.Post(item);
        return await item.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>The decisions delivered to the file sink so far (whole lines only: the sink may be writing one).</summary>
    public List<JsonNode> Delivered()
    {
        if (!File.Exists(SinkFile))
        {
            return [];
        }

        var text = File.ReadAllText(SinkFile);
        return text[..(text.LastIndexOf('\n') + 1)].Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
    }

    /// <summary>
    /// Scrapes <c>/metrics</c> until the text satisfies <paramref name="holds"/> and returns it: the
    /// exporter answers from a cache for 300 ms, so a scrape right after a change may predate it.
    /// </summary>
    public async Task<string> ScrapeUntil(Func<string, bool> holds, string because)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var text = await Http.GetStringAsync("/metrics");
            if (holds(text))
            {
                return text;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException($"metrics not as expected within 30 s: {because}; the last scrape:\n{text}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Polls a condition of the live system (real time, up to 30 s); the engine works asynchronously.</summary>
    public static async Task Eventually(Func<Task<bool>> condition, string? because = null)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new ShouldAssertException("condition not reached within 30 s" + (because is null ? "" : ": " + because));
            }

            await Task.Delay(20);
        }
    }

    public static object Created(string id, string ticket, DateTimeOffset at, string severity = "sev1", string issueType = "network_outage", object? fields = null) => new
    {
        id,
        ticket,
        at = at.ToString("yyyy-MM-ddTHH:mm:ssZ"),
        type = "created",
        severity,
        issue_type = issueType,
        fields = fields ?? new { impact = "production", impact_confirmed = "true" },
    };

    public static object Event(string id, string ticket, DateTimeOffset at, string type, object? extra = null)
    {
        var node = JsonSerializer.SerializeToNode(new { id, ticket, at = at.ToString("yyyy-MM-ddTHH:mm:ssZ"), type })!.AsObject();
        if (extra is not null)
        {
            foreach (var (key, value) in JsonSerializer.SerializeToNode(extra)!.AsObject())
            {
                node[key] = value?.DeepClone();
            }
        }

        return node;
    }

    public static StringContent Raw(string body, string type = "application/json") => new(body, Encoding.UTF8, type);

    public async ValueTask DisposeAsync()
    {
        await StopHostAsync();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
