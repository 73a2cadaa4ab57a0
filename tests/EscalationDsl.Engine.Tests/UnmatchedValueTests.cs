using System.Net;
using System.Text.Json.Nodes;
using EscalationDsl.Engine.Policies;
using EscalationDsl.Engine.Processing;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Events;
using NodaTime;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// An accepted event whose text value is one letter off a value the policy compares the field with
/// (<c>awaiting customer</c> for <c>status == awaiting_customer</c>) is stored and applied as sent, and
/// its answer warns of it, as a retry's does; a counter by policy and field counts them. Real HTTP on
/// 127.0.0.1, a real SQLite file, a fake clock.
/// </summary>
public sealed class UnmatchedValueTests
{
    private const string Counted = "esc_event_values_unmatched_total{otel_scope_name=\"EscalationDsl.Engine\",field=\"status\",policy=\"support\"} ";
    private const string StatusWarning = "status 'awaiting customer' is none of the values policy support names for status, and a text value is taken as written; did you mean awaiting_customer?";
    private static readonly DateTimeOffset T0 = EngineFixture.Start;

    private static readonly Dictionary<string, string> Tiers = new()
    {
        ["tiers.esc"] = """
            policy "tiers" version 1
            owners {
                team desk "Desk" reports to lead
                role lead "Lead"
            }
            fields {
                tier text
            }
            severity p1 { acknowledge within 1h }
            escalation gold for p1 when tier in [gold, silver] {
                owner desk
                after 10m unless acknowledged: escalate to next
            }
            pause sla while status == awaiting_customer
            """,
    };

    private static object Status(string id, string ticket, string status, int minutes = 5) =>
        EngineFixture.Event(id, ticket, T0.AddMinutes(minutes), "status", new { status });

    [Fact]
    public async Task AnEventWithAValueOneLetterOffIsAcceptedAsSentWithAWarningThatARetryRepeats()
    {
        await using var engine = await EngineFixture.StartAsync();
        var created = await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", T0));
        var first = await engine.PostEventOk(Status("e2", "INC-1", "awaiting customer"));

        created["warnings"].ShouldBeNull("a clean event's answer has no warnings member");
        first["warnings"]!.ToJsonString().ShouldBe(new JsonArray(new JsonObject
        {
            ["field"] = "status",
            ["value"] = "awaiting customer",
            ["did_you_mean"] = new JsonArray("awaiting_customer"),
            ["message"] = StatusWarning,
        }).ToJsonString());

        // A fact, stored and applied as sent: the status is the misspelt one, and the SLA is not paused.
        var ticket = (await engine.GetJson("/v1/tickets/INC-1"))!;
        ((string?)ticket["fields"]!["status"]).ShouldBe("awaiting customer");
        ticket["sla_paused"]!.GetValue<bool>().ShouldBeFalse();

        // The retry answers as the first time did, recomputed from the log, and is not counted again.
        var again = await engine.PostEventOk(Status("e2", "INC-1", "awaiting customer"));
        again["replayed"]!.GetValue<bool>().ShouldBeTrue();
        first["replayed"] = true;
        again.ToJsonString().ShouldBe(first.ToJsonString());

        await engine.PostEventOk(Status("e3", "INC-1", "Awaiting_customer", minutes: 4));
        var metrics = await engine.ScrapeUntil(t => t.Contains(Counted + "2", StringComparison.Ordinal) || t.Contains(Counted + "3", StringComparison.Ordinal), "two misspelt statuses");
        metrics.ShouldContain(Counted + "2\n", Case.Sensitive, "the retry is not counted");
        metrics.ShouldNotContain("awaiting customer", Case.Sensitive, "the value is never a label");
    }

    [Fact]
    public async Task EveryEventOfABatchHasItsOwnWarningsInJsonAndJsonLines()
    {
        await using var engine = await EngineFixture.StartAsync(Tiers);
        object[] events =
        [
            new { id = "b1", ticket = "T-1", at = "2026-11-02T14:00:00Z", type = "created", severity = "p1", fields = new { tier = "Gold" } },
            new { id = "b2", ticket = "T-1", at = "2026-11-02T14:01:00Z", type = "field_set", fields = new { tier = "silver" } },
            new { id = "b3", ticket = "T-1", at = "2026-11-02T14:02:00Z", type = "status", status = "awaiting_custmer", fields = new { tier = "slver" } },
            new { id = "b2", ticket = "T-1", at = "2026-11-02T14:01:00Z", type = "field_set", fields = new { tier = "silver" } },
        ];
        var json = await engine.PostBatch(events);
        json.StatusCode.ShouldBe(HttpStatusCode.OK, await json.Content.ReadAsStringAsync());
        var results = JsonNode.Parse(await json.Content.ReadAsStringAsync())!["results"]!.AsArray();

        results.Select(r => r!["warnings"]?.AsArray().Select(w => $"{w!["field"]}={w["value"]}→{string.Join("|", w["did_you_mean"]!.AsArray())}").ToList()).ShouldBe(
        [
            ["fields.tier=Gold→gold"],
            null,
            ["status=awaiting_custmer→awaiting_customer", "fields.tier=slver→silver"],
            null,
        ]);
        ((string?)results[2]!["warnings"]![1]!["message"]).ShouldBe(
            "tier 'slver' is none of the values policy tiers names for tier, and a text value is taken as written; did you mean silver?");

        // The same events as JSON Lines, for another ticket: the same warnings.
        var lines = string.Join("\n", events.Select(e => System.Text.Json.JsonSerializer.Serialize(e).Replace("T-1", "T-2", StringComparison.Ordinal)));
        var ndjson = await engine.Http.PostAsync("/v1/events:batch", EngineFixture.Raw(lines.Replace("\"b", "\"n", StringComparison.Ordinal), "application/x-ndjson"));
        ndjson.StatusCode.ShouldBe(HttpStatusCode.OK, await ndjson.Content.ReadAsStringAsync());
        var fromLines = JsonNode.Parse(await ndjson.Content.ReadAsStringAsync())!["results"]!.AsArray();
        fromLines.Select(r => r!["warnings"]?.ToJsonString()).ShouldBe(results.Select(r => r!["warnings"]?.ToJsonString()));

        await engine.ScrapeUntil(
            t => t.Contains("esc_event_values_unmatched_total{otel_scope_name=\"EscalationDsl.Engine\",field=\"tier\",policy=\"tiers\"} 4\n", StringComparison.Ordinal)
                && t.Contains("esc_event_values_unmatched_total{otel_scope_name=\"EscalationDsl.Engine\",field=\"status\",policy=\"tiers\"} 2\n", StringComparison.Ordinal),
            "two batches of a misspelt status and two misspelt tiers each, the repeated event not counted");
    }

    [Fact]
    public void AnEventWithoutSuchAValueAllocatesNothingForTheCheck()
    {
        // The batch ingest path is tight: a clean event pays lookups, never an allocation.
        var text = Tiers["tiers.esc"];
        var version = new PolicyVersion(CompiledPolicy.Compile(SemanticModel.Create("tiers.esc", text)), text, "tiers.esc");
        var clean = new TicketEvent
        {
            TicketId = "T-1",
            At = Instant.FromUtc(2026, 11, 2, 14, 0),
            Kind = TicketEventKind.Status,
            Status = "in_progress",
            Fields = [KeyValuePair.Create("tier", "gold")],
        };
        EngineLoop.Warnings(version, clean, null).ShouldBeNull();
        EngineLoop.Warnings(version, clean with { Status = "awaiting_custmer" }, null).ShouldNotBeNull();

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            EngineLoop.Warnings(version, clean, null);
        }

        (GC.GetAllocatedBytesForCurrentThread() - before).ShouldBe(0);
    }
}
