using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EscalationDsl.Engine.Tests;

/// <summary>The engine over real HTTP with a real SQLite file; only the clock is fake.</summary>
public sealed class EngineEndToEndTests
{
    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    [Theory]
    [InlineData("support", 200, "ok")]
    [InlineData("suport", 503, "'suport' is not loaded (loaded: support); did you mean 'support'?")]
    [InlineData("helpdesk", 503, "'helpdesk' is not loaded (loaded: support)")]
    public async Task ReadinessSaysWhetherTheDefaultPolicyIsLoaded(string policy, int status, string said)
    {
        await using var engine = await EngineFixture.StartAsync(null, $"--Engine:DefaultPolicy={policy}");

        var response = await engine.Http.GetAsync("/readyz");

        ((int)response.StatusCode).ShouldBe(status);
        ((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["default_policy"]).ShouldBe(said);
    }

    [Fact]
    public async Task ACreatedEventNamingAMisspeltPolicyGetsTheLoadedNameItIsNear()
    {
        await using var engine = await EngineFixture.StartAsync();

        var response = await engine.PostEvent(EngineFixture.Event("e1", "INC-1", T0, "created", new { policy = "suport", severity = "sev1" }));

        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.BadRequest);
        ((string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]).ShouldBe("Policy 'suport' is not loaded (loaded: support); did you mean 'support'?");
    }

    [Fact]
    public async Task Sev1TicketPagesAtFifteenMinutesEscalatesAndDeescalates()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));

        await engine.AdvanceAsync(TimeSpan.FromMinutes(15));
        await EngineFixture.Eventually(() => Task.FromResult(engine.Delivered().Any(d => (string?)d["kind"] == "page")), "the 15-minute page is delivered");
        var page = engine.Delivered().Single(d => (string?)d["kind"] == "page");
        page["owner"]!.GetValue<string>().ShouldBe("oncall_eng");
        page["at"]!.GetValue<string>().ShouldBe("2026-11-02T14:15:00Z");
        page["id"]!.GetValue<string>().ShouldBe("INC-1/sev1_production/0/1/1.0");

        await engine.AdvanceAsync(TimeSpan.FromMinutes(15));
        var ticket = (await engine.GetJson("/v1/tickets/INC-1"))!;
        ticket["state"]!.GetValue<string>().ShouldBe("escalated");
        ticket["owner"]!.GetValue<string>().ShouldBe("commander");
        ticket["escalation_level"]!.GetValue<int>().ShouldBe(1);

        var contained = await engine.PostEventOk(EngineFixture.Event("e2", "INC-1", T0.AddMinutes(35), "mitigation", new { status = "contained" }));
        contained["decisions"]!.AsArray().Select(d => (string?)d!["kind"]).ShouldBe(["stop_paging", "enter_monitor"]);
        (await engine.GetJson("/v1/tickets/INC-1"))!["state"]!.GetValue<string>().ShouldBe("monitoring");
    }

    [Fact]
    public async Task ARuleSelectedByBusinessHoursStartsWhenTheOfficeClosesWithNoEvent()
    {
        // The office closes at 17:00Z, three hours after creation; nothing else happens to the ticket.
        const string Night = """
            policy "night" version 1
            calendar office "UTC" { hours mon..fri 09:00-17:00 }
            owners {
                group oncall "On-call" engineering
            }
            severity sev1 { }
            escalation night for sev1 when not during office {
                immediately: page oncall
            }
            """;
        await using var engine = await EngineFixture.StartAsync(new Dictionary<string, string> { ["night.esc"] = Night });
        await engine.PostEventOk(EngineFixture.Event("e1", "INC-N", T0, "created", new { severity = "sev1" }));

        await engine.AdvanceAsync(TimeSpan.FromHours(3));
        await EngineFixture.Eventually(() => Task.FromResult(engine.Delivered().Any(d => (string?)d["kind"] == "page")), "the page at the office's close is delivered");
        var page = engine.Delivered().Single(d => (string?)d["kind"] == "page");
        page["at"]!.GetValue<string>().ShouldBe("2026-11-02T17:00:00Z");

        // A restart replays the ticket and does not page again.
        await engine.StopHostAsync();
        await engine.StartHostAsync();
        await engine.AdvanceAsync(TimeSpan.FromMinutes(30));
        engine.Delivered().Count(d => (string?)d["kind"] == "page").ShouldBe(1);
    }

    [Fact]
    public async Task TheTimelineSaysHowLateAnAcknowledgementAfterTheTargetCame()
    {
        // The trace is the runtime's, so the engine's timeline shows what esc explain shows.
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(20));
        await engine.PostEventOk(EngineFixture.Event("e2", "INC-1", T0.AddMinutes(20), "acknowledged"));

        var timeline = (await engine.GetJson("/v1/tickets/INC-1/timeline"))!["timeline"]!.AsArray();
        timeline.Select(e => ((string?)e!["kind"], (string?)e["text"])).ShouldContain(("sla", "SLA acknowledge late: 5m after its target, 2026-11-02T14:15:00Z (it stays breached)"));
    }

    [Fact]
    public async Task ASecondCreatedEventForATicketIsAConflict()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-3", T0));

        var response = await engine.PostEvent(EngineFixture.Created("e2", "INC-3", T0));

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task WritesWithoutAValidKeyAreUnauthorizedAndReadsAreOpen()
    {
        await using var engine = await EngineFixture.StartAsync();
        using var anonymous = new HttpClient { BaseAddress = engine.Http.BaseAddress };
        using var wrong = new HttpClient { BaseAddress = engine.Http.BaseAddress };
        wrong.DefaultRequestHeaders.Authorization = new("Bearer", "not-the-key-0123456789");

        (await anonymous.PostAsJsonAsync("/v1/events", EngineFixture.Created("e1", "T", T0))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrong.PostAsJsonAsync("/v1/events", EngineFixture.Created("e1", "T", T0))).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/v1/policies")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await engine.GetJson("/v1/tickets/T")).ShouldBeNull();
    }

    [Fact]
    public async Task ReadsNeedAKeyWhenConfigured()
    {
        await using var engine = await EngineFixture.StartAsync(null, "--Engine:RequireKeyForReads=true");
        using var anonymous = new HttpClient { BaseAddress = engine.Http.BaseAddress };

        (await anonymous.GetAsync("/v1/policies")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.GetAsync("/healthz")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await engine.Http.GetAsync("/v1/policies")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ABatchWithOneBadEventStoresNothing()
    {
        await using var engine = await EngineFixture.StartAsync();

        var response = await engine.PostBatch(
            EngineFixture.Created("b1", "INC-4", T0),
            EngineFixture.Event("b2", "INC-4", T0.AddMinutes(1), "acknowledged"),
            EngineFixture.Event("b3", "INC-4", T0.AddMinutes(2), "flagged", new { flag = "nonsense" }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["field"]!.GetValue<string>().ShouldBe("events[2].flag");
        (await engine.GetJson("/v1/tickets/INC-4")).ShouldBeNull();
    }

    [Fact]
    public async Task AFieldSetEventWithoutFieldsIsRefusedNamingFields()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("f1", "INC-5", T0));

        var response = await engine.PostEvent(EngineFixture.Event("f2", "INC-5", T0.AddMinutes(1), "field_set", new { fields = new { } }));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        problem["field"]!.GetValue<string>().ShouldBe("fields");
        ((string?)problem["detail"]).ShouldStartWith("Event 'f2': fields: a field_set event needs the fields it sets");
    }

    [Fact]
    public async Task ABatchAppliesEveryEventInOrder()
    {
        await using var engine = await EngineFixture.StartAsync();

        var response = await engine.PostBatch(
            EngineFixture.Created("b1", "INC-5", T0),
            EngineFixture.Event("b2", "INC-5", T0.AddMinutes(1), "acknowledged"),
            EngineFixture.Event("b3", "INC-5", T0.AddMinutes(2), "assigned", new { owner = "oncall_eng" }));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var results = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["results"]!.AsArray();
        results.Select(r => (string?)r!["state"]).ShouldBe(["open", "acknowledged", "assigned"]);
    }

    [Fact]
    public async Task ASinkWithOwnersReceivesOnlyTheirDecisions()
    {
        var commanderFile = Path.Combine(Path.GetTempPath(), $"esc-commander-{Guid.NewGuid():N}.jsonl");
        await using var engine = await EngineFixture.StartAsync(null,
            "--Engine:Sinks:1:Name=commander", "--Engine:Sinks:1:Type=file", $"--Engine:Sinks:1:Path={commanderFile}", "--Engine:Sinks:1:Owners:0=commander");
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-7", T0));

        await engine.AdvanceAsync(TimeSpan.FromMinutes(15));
        // All three: the SLA breach (frontline) may go out in a later round of the dispatcher than the step's two.
        await EngineFixture.Eventually(() => Task.FromResult(File.Exists(commanderFile) && engine.Delivered().Count >= 3), "the 15-minute decisions are delivered");

        engine.Delivered().Select(d => (string?)d["owner"]).ShouldBe(["frontline", "commander", "oncall_eng"], ignoreOrder: true);
        File.ReadAllLines(commanderFile).Select(l => (string?)JsonNode.Parse(l)!["owner"]).ShouldBe(["commander"]);

        // What a pager words its page with comes with the decision: the ticket's severity and issue type then.
        var page = JsonNode.Parse(File.ReadAllLines(commanderFile).Single())!;
        ((string?)page["severity"]).ShouldBe("sev1");
        ((string?)page["issue_type"]).ShouldBe("network_outage");
        File.Delete(commanderFile);
    }

    [Fact]
    public async Task MetricsExposeTheGuidesSeriesWithTheServiceName()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-6", T0));
        await engine.PostEventOk(EngineFixture.Event("e2", "INC-6", T0.AddMinutes(5), "acknowledged"));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(31));

        var metrics = await engine.Http.GetStringAsync("/metrics");

        metrics.ShouldContain("esc_time_to_first_response_seconds_bucket{otel_scope_name=\"EscalationDsl.Engine\",policy=\"support\",severity=\"sev1\",le=\"300\"} 1");
        metrics.ShouldContain("esc_sla_breaches_total{otel_scope_name=\"EscalationDsl.Engine\",component=\"first_update\",policy=\"support\",severity=\"sev1\"} 1");
        metrics.ShouldContain("esc_escalations_total{otel_scope_name=\"EscalationDsl.Engine\",issue_type=\"network_outage\",policy=\"support\",rule=\"sev1_production\"} 1");
        metrics.ShouldContain("esc_open_tickets{otel_scope_name=\"EscalationDsl.Engine\",owner=\"commander\",policy=\"support\",state=\"escalated\"} 1");
        metrics.ShouldContain("esc_events_total{otel_scope_name=\"EscalationDsl.Engine\",type=\"created\"} 1");
        metrics.ShouldContain("esc_events_total{otel_scope_name=\"EscalationDsl.Engine\",type=\"acknowledged\"} 1");
        metrics.ShouldContain("esc_scheduler_lag_seconds_bucket");
        metrics.ShouldMatch(@"esc_store_commit_seconds_count\{[^}]*\} [1-9]");
        metrics.ShouldContain("service_name=\"escalationdsl-engine\"");
    }

    [Fact]
    public async Task AnEngineeringAssignmentMadeByAPolicyStepIsTimedLikeOneMadeByAnEvent()
    {
        // sev1_production: `after 30m unless engineering_assigned: assign oncall_eng`. The histogram was
        // recorded after events only, so an assignment the deadline run made was never counted.
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("s1", "INC-S", T0));
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-E", T0));
        await engine.PostEventOk(EngineFixture.Event("e2", "INC-E", T0.AddMinutes(4), "assigned", new { owner = "backend" }));

        await engine.AdvanceAsync(TimeSpan.FromMinutes(31));

        var metrics = await engine.ScrapeUntil(m => m.Contains("esc_time_to_engineering_assignment_seconds_count{otel_scope_name=\"EscalationDsl.Engine\",policy=\"support\",severity=\"sev1\"} 2", StringComparison.Ordinal),
            "both assignments are timed: the event's and the step's");
        metrics.ShouldContain("esc_time_to_engineering_assignment_seconds_bucket{otel_scope_name=\"EscalationDsl.Engine\",policy=\"support\",severity=\"sev1\",le=\"300\"} 1");
        metrics.ShouldContain("esc_time_to_engineering_assignment_seconds_bucket{otel_scope_name=\"EscalationDsl.Engine\",policy=\"support\",severity=\"sev1\",le=\"1800\"} 2");
        metrics.ShouldContain("esc_time_to_engineering_assignment_seconds_sum{otel_scope_name=\"EscalationDsl.Engine\",policy=\"support\",severity=\"sev1\"} 2040");
    }

    [Theory]
    [InlineData("assigned", "esc_time_to_engineering_assignment_seconds")]
    [InlineData("acknowledged", "esc_time_to_first_response_seconds")]
    public async Task AnAssignmentOrAcknowledgementOfAResolvedTicketIsNotTimed(string type, string histogram)
    {
        // Handed to engineering once resolved (a follow-up) or acknowledged then (a late click) is no
        // response; esc sim leaves it out too. The runtime keeps the first of each only, so the one after
        // the reopen is not timed either.
        object? To(string owner) => type == "assigned" ? new { owner } : null;
        await using var engine = await EngineFixture.StartAsync();
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-F", T0));
        await engine.PostEventOk(EngineFixture.Event("e2", "INC-F", T0.AddMinutes(1), "resolved"));
        await engine.PostEventOk(EngineFixture.Event("e3", "INC-F", T0.AddMinutes(2), type, To("backend")));
        await engine.PostEventOk(EngineFixture.Event("e4", "INC-F", T0.AddMinutes(3), "reopened"));
        await engine.PostEventOk(EngineFixture.Event("e5", "INC-F", T0.AddMinutes(4), type, To("network")));
        await engine.PostEventOk(EngineFixture.Created("o1", "INC-O", T0));
        await engine.PostEventOk(EngineFixture.Event("o2", "INC-O", T0.AddMinutes(4), type, To("backend")));

        var metrics = await engine.ScrapeUntil(m => m.Contains($"esc_events_total{{otel_scope_name=\"EscalationDsl.Engine\",type=\"{type}\"}} 3", StringComparison.Ordinal), "every event is taken");
        metrics.ShouldContain($"{histogram}_count{{otel_scope_name=\"EscalationDsl.Engine\",policy=\"support\",severity=\"sev1\"}} 1", Case.Sensitive, "INC-O alone is timed");
        metrics.ShouldContain($"{histogram}_sum{{otel_scope_name=\"EscalationDsl.Engine\",policy=\"support\",severity=\"sev1\"}} 240");
    }

    [Fact]
    public async Task DeadlinesAnEventRunsFirstAreCountedUnderTheSeverityAndIssueTypeBeforeIt()
    {
        // A batch of history (or an event that reaches the engine before the scheduler ran what fell due)
        // first runs the deadlines due before the event: the breaches, the escalations and the on-call
        // assignment were decided while the ticket was a sev1 network outage, so they count as one,
        // not under the severity and issue type the event then sets (the simulator's moments too).
        await using var engine = await EngineFixture.StartAsync();
        var response = await engine.PostBatch(
            EngineFixture.Created("h1", "INC-H", T0.AddMinutes(-70)),
            EngineFixture.Event("h2", "INC-H", T0.AddMinutes(-1), "severity_changed", new { severity = "sev2", fields = new { issue_type = "database" } }));
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());

        var metrics = await engine.ScrapeUntil(m => m.Contains("esc_events_total{otel_scope_name=\"EscalationDsl.Engine\",type=\"severity_changed\"} 1", StringComparison.Ordinal), "the batch is counted");
        metrics.ShouldContain("esc_sla_breaches_total{otel_scope_name=\"EscalationDsl.Engine\",component=\"acknowledge\",policy=\"support\",severity=\"sev1\"} 1");
        metrics.ShouldNotContain("severity=\"sev2\"");
        metrics.ShouldContain("esc_escalations_total{otel_scope_name=\"EscalationDsl.Engine\",issue_type=\"network_outage\",policy=\"support\",rule=\"sev1_production\"} 2");
        metrics.ShouldNotContain("issue_type=\"database\"");
        metrics.ShouldContain("esc_time_to_engineering_assignment_seconds_count{otel_scope_name=\"EscalationDsl.Engine\",policy=\"support\",severity=\"sev1\"} 1");
    }

    [Fact]
    public async Task OpenTicketsAreCountedByStateAndOwnerAndRebuiltAfterARestart()
    {
        await using var engine = await EngineFixture.StartAsync();
        static string Open(string labels, int count) => $"esc_open_tickets{{otel_scope_name=\"EscalationDsl.Engine\",{labels}}} {count}\n";
        static int Series(string metrics) => metrics.Split('\n').Count(l => l.StartsWith("esc_open_tickets{", StringComparison.Ordinal));
        await engine.PostEventOk(EngineFixture.Created("a1", "INC-A", T0));
        await engine.PostEventOk(EngineFixture.Created("b1", "INC-B", T0, "sev3", "other"));
        await engine.ScrapeUntil(m => m.Contains(Open("owner=\"frontline\",policy=\"support\",state=\"open\"", 2)) && Series(m) == 1, "both new tickets are frontline's");

        // An assignment moves a ticket to its new owner; one to an owner the policy does not declare leaves it without one.
        await engine.PostEventOk(EngineFixture.Event("a2", "INC-A", T0.AddMinutes(1), "assigned", new { owner = "oncall_eng" }));
        await engine.PostEventOk(EngineFixture.Event("b2", "INC-B", T0.AddMinutes(1), "assigned", new { owner = "contractor" }));
        await engine.ScrapeUntil(m => m.Contains(Open("owner=\"oncall_eng\",policy=\"support\",state=\"assigned\"", 1)) && m.Contains(Open("policy=\"support\",state=\"open\"", 1)) && Series(m) == 2,
            "INC-A is on-call's, INC-B has no owner, and no open ticket is frontline's");

        // A closed ticket leaves the gauge; a restart counts the open ones again, by owner.
        await engine.PostEventOk(EngineFixture.Event("a3", "INC-A", T0.AddMinutes(1), "resolved"));
        await engine.PostEventOk(EngineFixture.Event("a4", "INC-A", T0.AddMinutes(3), "closed"));
        await engine.ScrapeUntil(m => m.Contains(Open("policy=\"support\",state=\"open\"", 1)) && Series(m) == 1, "closed INC-A is not counted");
        await engine.StopHostAsync();
        await engine.StartHostAsync();
        await engine.ScrapeUntil(m => m.Contains(Open("policy=\"support\",state=\"open\"", 1)) && Series(m) == 1, "the restarted engine counts INC-B alone");
    }

    [Fact]
    public async Task SchedulerLagCountsOnlyDeadlinesTheSchedulerRunsOnItsTimer()
    {
        await using var engine = await EngineFixture.StartAsync();

        // Created 16 minutes ago: the 15-minute page is overdue on arrival and is caught up at once.
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0.AddMinutes(-16)));
        await EngineFixture.Eventually(() => Task.FromResult(engine.Delivered().Any(d => (string?)d["kind"] == "page")), "the overdue page runs");
        (await Lag(engine)).ShouldBe((0, 0.0));

        // The next deadline is the scheduler's own: 3 s late when the clock jumps 3 s past it.
        var next = DateTimeOffset.Parse((await engine.GetJson("/v1/tickets/INC-1"))!["next_deadline"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        await engine.AdvanceAsync(next - T0 + TimeSpan.FromSeconds(3));
        await EngineFixture.Eventually(async () => (await Lag(engine)).Count > 0, "the scrape shows the sample (it is cached for 300 ms)");
        (await Lag(engine)).ShouldBe((1, 3.0));
    }

    /// <summary>The count and sum of esc_scheduler_lag_seconds (zero before the first sample).</summary>
    private static async Task<(long Count, double Sum)> Lag(EngineFixture engine)
    {
        var metrics = await engine.Http.GetStringAsync("/metrics");
        double Value(string name) => metrics.Split('\n')
            .Where(l => l.StartsWith(name + "{", StringComparison.Ordinal) || l.StartsWith(name + " ", StringComparison.Ordinal))
            .Select(l => double.Parse(l[(l.LastIndexOf('}') + 2)..].Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture))
            .SingleOrDefault();
        return ((long)Value("esc_scheduler_lag_seconds_count"), Value("esc_scheduler_lag_seconds_sum"));
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheEndpoints()
    {
        await using var engine = await EngineFixture.StartAsync();

        var doc = JsonNode.Parse(await engine.Http.GetStringAsync("/openapi/v1.json"))!;

        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        paths.ShouldContain("/v1/events");
        paths.ShouldContain("/v1/events:batch");
        paths.ShouldContain("/v1/tickets/{id}");
        paths.ShouldContain("/v1/tickets/{id}/timeline");
        paths.ShouldContain("/v1/tickets/{id}:migrate");
        paths.ShouldContain("/v1/policies");

        // What engine.md documents each operation answers, and which need the key.
        string[] Codes(string path, string method) => doc["paths"]![path]![method]!["responses"]!.AsObject().Select(r => r.Key).ToArray();
        bool Secured(string path, string method) => doc["paths"]![path]![method]!["security"]?.AsArray().Any(r => r!.AsObject().ContainsKey("apiKey")) == true;
        foreach (var events in new[] { "/v1/events", "/v1/events:batch" })
        {
            Codes(events, "post").ShouldBe(["200", "400", "401", "404", "409", "413", "415", "500", "503"], ignoreOrder: true);
        }

        // Any of them fails with 500 on a bug (and reload and migrate when storing fails or the engine stops).
        foreach (var (path, method) in new[] { ("/v1/policies", "get"), ("/v1/policies:reload", "post"), ("/v1/policies/{name}:migrate", "post"), ("/v1/tickets/{id}", "get") })
        {
            Codes(path, method).ShouldContain("500", $"{method} {path}");
        }

        Codes("/v1/policies:reload", "post").ShouldContain("401");
        Codes("/v1/policies/{name}:migrate", "post").ShouldContain("401");
        Codes("/v1/tickets/{id}:migrate", "post").ShouldContain("401");
        Codes("/v1/deliveries/{id}:retry", "post").ShouldBe(["200", "400", "401", "404", "409", "500", "503"], ignoreOrder: true);
        Codes("/v1/deliveries", "get").ShouldBe(["200", "400", "500"], ignoreOrder: true);
        Secured("/v1/deliveries/{id}:retry", "post").ShouldBeTrue();
        Secured("/v1/deliveries", "get").ShouldBeFalse("reads are open unless Engine:RequireKeyForReads");
        var listed = doc["paths"]!["/v1/deliveries"]!["get"]!;
        var limit = listed["parameters"]!.AsArray().Single(p => (string?)p!["name"] == "limit")!;
        ((string?)limit["schema"]!["type"]).ShouldBe("integer");
        ((int?)limit["schema"]!["minimum"]).ShouldBe(1);
        ((int?)limit["schema"]!["maximum"]).ShouldBe(1000);
        listed["parameters"]!.AsArray().Select(p => (string?)p!["name"]).ShouldBe(["status", "sink", "limit", "after"], ignoreOrder: true);
        doc["components"]!["schemas"]!["DeliveryList"]!["properties"]!["next"].ShouldNotBeNull();
        var scheme = doc["components"]!["securitySchemes"]!["apiKey"]!;
        ((string?)scheme["type"]).ShouldBe("http");
        ((string?)scheme["scheme"]).ShouldBe("bearer");
        foreach (var write in new[] { "/v1/events", "/v1/events:batch", "/v1/policies:reload", "/v1/policies/{name}:migrate", "/v1/tickets/{id}:migrate" })
        {
            Secured(write, "post").ShouldBeTrue(write);
        }

        Secured("/v1/tickets/{id}", "get").ShouldBeFalse("reads are open unless Engine:RequireKeyForReads");
        Secured("/healthz", "get").ShouldBeFalse();
    }

    [Fact]
    public async Task TheOpenApiDocumentAsksAKeyForReadsWhenTheyNeedOne()
    {
        await using var engine = await EngineFixture.StartAsync(null, "--Engine:RequireKeyForReads=true");

        var doc = JsonNode.Parse(await engine.Http.GetStringAsync("/openapi/v1.json"))!;

        doc["paths"]!["/v1/tickets/{id}"]!["get"]!["security"].ShouldNotBeNull();
        doc["paths"]!["/v1/tickets/{id}"]!["get"]!["responses"]!["401"].ShouldNotBeNull("a read without a key is answered 401");
        doc["paths"]!["/readyz"]!["get"]!["security"]!.AsArray().ShouldBeEmpty("/readyz is always open");
        doc["paths"]!["/readyz"]!["get"]!["responses"]!["401"].ShouldBeNull();
    }

    [Fact]
    public async Task HealthAndReadinessAnswer()
    {
        await using var engine = await EngineFixture.StartAsync();

        (await engine.Http.GetStringAsync("/healthz")).ShouldBe("ok\n");
        var ready = (await engine.GetJson("/readyz"))!;
        ready["status"]!.GetValue<string>().ShouldBe("ready");
        ready["database"]!.GetValue<string>().ShouldBe("ok");
    }
}
