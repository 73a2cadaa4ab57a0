using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace EscalationDsl.Engine.Tests;

/// <summary>Dead letters over HTTP: listed, counted in /metrics, put back in line and delivered once.</summary>
public sealed partial class WebhookDeliveryTests
{
    private const string Page = "INC-1/sev1_production/0/1/1.0";

    private static string Series(string name, string labels) => $"{name}{{otel_scope_name=\"EscalationDsl.Engine\",{labels}}}";

    [Fact]
    public async Task ADeadLetterIsListedCountedAndDeliveredOnceWhenPutBackInLine()
    {
        await using var receiver = await Receiver.StartAsync();
        receiver.Failing = true;
        await using var engine = await EngineFixture.StartAsync(null, WebhookArgs(receiver, maxAttempts: 2));

        // Every configured sink has its delivery series from the start, at 0.
        var fresh = await engine.ScrapeUntil(m => m.Contains(Series("esc_deliveries_dead", "sink=\"hook\"") + " 0", StringComparison.Ordinal), "the gauges start at 0");
        fresh.ShouldContain(Series("esc_delivery_failures_total", "outcome=\"dead\",sink=\"hook\"") + " 0");
        fresh.ShouldContain(Series("esc_delivery_failures_total", "outcome=\"retry\",sink=\"log\"") + " 0");
        fresh.ShouldContain(Series("esc_deliveries_total", "sink=\"hook\"") + " 0");
        fresh.ShouldContain(Series("esc_deliveries_waiting", "sink=\"log\"") + " 0");

        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(15));
        await RetriesRecorded(engine, 1);
        engine.Time.Advance(TimeSpan.FromSeconds(10));
        // The failure is counted when the attempt fails, the gauges move when its dead letter is committed: a scrape
        // between the two (a fresh clone's CI once) sees the one and not yet the other.
        var dead = await engine.ScrapeUntil(m => m.Contains(Series("esc_delivery_failures_total", "outcome=\"dead\",sink=\"hook\"") + " 1", StringComparison.Ordinal)
            && m.Contains(Series("esc_deliveries_dead", "sink=\"hook\"") + " 1", StringComparison.Ordinal), "the page is dead-lettered");
        dead.ShouldContain(Series("esc_deliveries_waiting", "sink=\"hook\"") + " 0");
        dead.ShouldContain("# HELP esc_pages_total Page decisions taken, by policy and rule, whether or not delivered (delivery: esc_deliveries_total).");

        // After a restart the dead letter still counts, and the counters start again from 0, so the next one is an increase.
        await engine.StopHostAsync();
        await engine.StartHostAsync();
        var restarted = await engine.ScrapeUntil(m => m.Contains(Series("esc_deliveries_dead", "sink=\"hook\"") + " 1", StringComparison.Ordinal), "the dead letter is counted at start");
        restarted.ShouldContain(Series("esc_delivery_failures_total", "outcome=\"dead\",sink=\"hook\"") + " 0");

        var listed = await engine.GetJson("/v1/deliveries?status=dead");
        var entry = listed!["deliveries"]!.AsArray().ShouldHaveSingleItem()!;
        ((string?)entry["decision"]).ShouldBe(Page);
        ((string?)entry["ticket"]).ShouldBe("INC-1");
        ((string?)entry["sink"]).ShouldBe("hook");
        ((string?)entry["kind"]).ShouldBe("page");
        ((int?)entry["attempts"]).ShouldBe(2);
        ((string?)entry["last_error"]).ShouldBe($"HTTP 500 from {receiver.Url}");
        ((string?)entry["decided_at"]).ShouldBe("2026-11-02T14:15:00Z");
        ((string?)entry["dead_at"]).ShouldBe("2026-11-02T14:15:10Z");
        (await engine.GetJson("/v1/deliveries?status=dead&sink=log"))!["deliveries"]!.AsArray().ShouldBeEmpty();
        await EngineFixture.ShouldBeBadRequest(await engine.Http.GetAsync("/v1/deliveries?status=pending"), "status", "Only dead-lettered deliveries are listed: give status=dead, not 'pending'.");

        var encoded = Uri.EscapeDataString(Page);
        using (var anonymous = new HttpClient { BaseAddress = engine.Http.BaseAddress })
        {
            (await anonymous.PostAsync($"/v1/deliveries/{encoded}:retry", null)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await anonymous.GetAsync("/v1/deliveries?status=dead")).StatusCode.ShouldBe(HttpStatusCode.OK, "a read, open as the other reads");
        }

        var unknown = await engine.Http.PostAsync("/v1/deliveries/NOPE:retry", null);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var wrongSink = await engine.Http.PostAsync($"/v1/deliveries/{encoded}:retry?sink=pager", null);
        wrongSink.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        ((string?)JsonNode.Parse(await wrongSink.Content.ReadAsStringAsync())!["detail"]).ShouldBe($"Decision '{Page}' has no delivery to sink 'pager'; it went to: hook, log.");
        var delivered = await engine.Http.PostAsync($"/v1/deliveries/{encoded}:retry?sink=log", null);
        delivered.StatusCode.ShouldBe(HttpStatusCode.Conflict, "the file sink has it");
        ((string?)JsonNode.Parse(await delivered.Content.ReadAsStringAsync())!["detail"]).ShouldBe($"No delivery of decision '{Page}' is dead-lettered (log: delivered); only a dead-lettered delivery is put back in line.");

        receiver.Failing = false;
        var retried = await engine.Http.PostAsync($"/v1/deliveries/{encoded}:retry", null);
        retried.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await retried.Content.ReadFromJsonAsync<JsonNode>())!["sinks"]!.AsArray().Select(s => (string?)s).ShouldBe(["hook"]);
        var again = await engine.Http.PostAsync($"/v1/deliveries/{encoded}:retry", null);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);

        await EngineFixture.Eventually(() => Task.FromResult(receiver.Calls.Any(c => c.Status == 200)), "the page is sent again");
        var sent = await engine.ScrapeUntil(m => m.Contains(Series("esc_deliveries_total", "sink=\"hook\"") + " 1", StringComparison.Ordinal)
            && m.Contains(Series("esc_deliveries_waiting", "sink=\"hook\"") + " 0", StringComparison.Ordinal), "the delivery is counted and committed");
        sent.ShouldContain(Series("esc_deliveries_dead", "sink=\"hook\"") + " 0");
        (await engine.GetJson("/v1/deliveries?status=dead"))!["deliveries"]!.AsArray().ShouldBeEmpty();

        engine.Time.Advance(TimeSpan.FromHours(1));
        await Task.Delay(300);
        receiver.Calls.Select(c => (c.Decision, c.Status)).ShouldBe([(Page, 500), (Page, 500), (Page, 200)]);
        receiver.Calls.ShouldAllBe(c => c.SignatureValid);
    }

    [Fact]
    public async Task ADeadLetterOfASinkNoLongerConfiguredIsNotPutBackInLine()
    {
        // It would use up its attempts again with no sink to send it, and dead-letter it again (firing the alert).
        await using var receiver = await Receiver.StartAsync();
        receiver.Failing = true;
        await using var engine = await EngineFixture.StartAsync(null, WebhookArgs(receiver, maxAttempts: 1));
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(15));
        await engine.ScrapeUntil(m => m.Contains(Series("esc_delivery_failures_total", "outcome=\"dead\",sink=\"hook\"") + " 1", StringComparison.Ordinal), "the page is dead-lettered");

        await engine.StopHostAsync();
        await engine.StartHostAsync([]);
        var retried = await engine.Http.PostAsync($"/v1/deliveries/{Uri.EscapeDataString(Page)}:retry", null);

        retried.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        ((string?)JsonNode.Parse(await retried.Content.ReadAsStringAsync())!["detail"]).ShouldBe($"Decision '{Page}' was dead-lettered to 'hook', which the settings no longer configure; configure the sink again (Engine:Sinks) to send it.");
        (await engine.GetJson("/v1/deliveries?status=dead"))!["deliveries"]!.AsArray().Count.ShouldBe(1, "it stays dead-lettered");
        (await engine.GetJson("/v1/deliveries?status=dead&sink=hook"))!["deliveries"]!.AsArray().Count.ShouldBe(1, "a sink no longer configured still lists its dead letters");
    }

    [Fact]
    public async Task DeadLettersAreListedAPageAtATimeWithALinkToTheNextPage()
    {
        // The list stopped at 1000 without saying more were dead-lettered.
        await using var receiver = await Receiver.StartAsync();
        receiver.Failing = true;
        await using var engine = await EngineFixture.StartAsync(null, WebhookArgs(receiver, maxAttempts: 1));
        await engine.PostBatch(EngineFixture.Created("e1", "INC-1", T0), EngineFixture.Created("e2", "INC-2", T0), EngineFixture.Created("e3", "INC-3", T0));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(15));
        for (var dead = 1; dead <= 3; dead++)
        {
            // A dead letter rests its sink for the backoff: the next page is tried after it.
            await engine.ScrapeUntil(m => m.Contains(Series("esc_deliveries_dead", "sink=\"hook\"") + $" {dead}", StringComparison.Ordinal), $"{dead} pages are dead-lettered");
            engine.Time.Advance(TimeSpan.FromSeconds(10));
        }

        static List<string> Decisions(JsonNode page) => [.. page["deliveries"]!.AsArray().Select(d => (string)d!["decision"]!)];
        var all = (await engine.GetJson("/v1/deliveries?status=dead"))!;
        var oldestFirst = Decisions(all);
        oldestFirst.Count.ShouldBe(3);
        all["next"].ShouldBeNull("all are listed");

        var first = (await engine.GetJson("/v1/deliveries?status=dead&sink=hook&limit=2"))!;
        Decisions(first).ShouldBe(oldestFirst[..2]);
        var next = ((string?)first["next"]).ShouldNotBeNull();
        next.ShouldStartWith("/v1/deliveries?status=dead&sink=hook&limit=2&after=");

        // A delivery put back in line between two pages does not shift the next page.
        receiver.Failing = false;
        (await engine.Http.PostAsync($"/v1/deliveries/{Uri.EscapeDataString(oldestFirst[0])}:retry", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = (await engine.GetJson(next))!;
        Decisions(second).ShouldBe(oldestFirst[2..]);
        second["next"].ShouldBeNull("no dead letter follows");

        (await engine.GetJson("/v1/deliveries?status=dead&limit=1000"))!["next"].ShouldBeNull();
        (await engine.GetJson("/v1/deliveries?status=dead&limit=1&sink=log"))!["deliveries"]!.AsArray().ShouldBeEmpty();

        foreach (var limit in new[] { "0", "1001", "two", "-1", "", "1%00", "%2B1" }) // int.TryParse takes a trailing "\0"
        {
            await EngineFixture.ShouldBeBadRequest(
                await engine.Http.GetAsync($"/v1/deliveries?status=dead&limit={limit}"), "limit", $"limit is how many deliveries a page lists, 1 to 1000, not '{Uri.UnescapeDataString(limit)}'.");
        }

        await EngineFixture.ShouldBeBadRequest(
            await engine.Http.GetAsync("/v1/deliveries?status=dead&after=INC-2"), "after", "after takes the cursor that ends a page's next link, not 'INC-2'; leave it out for the first page.");

        // A crash hunt and a review: a misspelt parameter or sink listed everything, or nothing, as if that were the answer.
        await EngineFixture.ShouldBeBadRequest(
            await engine.Http.GetAsync("/v1/deliveries?status=dead&limt=2"), "limt", "GET /v1/deliveries reads no parameter 'limt'; it reads status, sink, limit, after (did you mean limit?).");
        await EngineFixture.ShouldBeBadRequest(
            await engine.Http.GetAsync("/v1/deliveries?status=dead&sink=hoook"), "sink", "No sink 'hoook' is configured, and none by that name has dead-lettered deliveries; the sinks are log, hook (did you mean hook?).");
        await EngineFixture.ShouldBeBadRequest(
            await engine.Http.PostAsync($"/v1/deliveries/{Uri.EscapeDataString(oldestFirst[1])}:retry?snk=hook", null), "snk", "POST /v1/deliveries/{id}:retry reads no parameter 'snk'; it reads sink (did you mean sink?).");
    }

    [Fact]
    public async Task ADeadLetterPutBackInLineIsSentAtOnceAndStillBeforeItsSinksNewerDecisions()
    {
        // It waited for the rest its sink took after the dead letter: the backoff a next attempt would have had.
        await using var receiver = await Receiver.StartAsync();
        receiver.Failing = true;
        await using var engine = await EngineFixture.StartAsync(null, WebhookArgs(receiver, maxAttempts: 1, backoff: "00:10:00", maxBackoff: "00:10:00"));
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));
        await engine.PostEventOk(EngineFixture.Created("e2", "INC-2", T0.AddMinutes(1)));
        await engine.AdvanceAsync(TimeSpan.FromMinutes(16));
        await engine.ScrapeUntil(m => m.Contains(Series("esc_deliveries_dead", "sink=\"hook\"") + " 1", StringComparison.Ordinal), "the first page is dead-lettered");
        await Task.Delay(200);
        receiver.Calls.Select(c => (c.Decision, c.Status)).ShouldBe([(Page, 500)], "the sink rests: INC-2's page waits");

        receiver.Failing = false;
        (await engine.Http.PostAsync($"/v1/deliveries/{Uri.EscapeDataString(Page)}:retry", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // The clock does not move: the rest is over because the operator asked.
        await EngineFixture.Eventually(() => Task.FromResult(receiver.Calls.Count == 3), "the retried page and the one behind it are sent at once");
        receiver.Calls.Select(c => (c.Decision, c.Status)).ShouldBe([(Page, 500), (Page, 200), ("INC-2/sev1_production/0/1/1.0", 200)]);
    }
}
