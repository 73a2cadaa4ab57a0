using System.Text.Json.Nodes;

namespace EscalationDsl.Engine.Tests;

/// <summary><c>esc_scheduler_overdue_seconds</c>: a scheduler that stops running deadlines shows in /metrics.</summary>
public sealed class SchedulerOverdueTests
{
    private const string Overdue = "esc_scheduler_overdue_seconds{otel_scope_name=\"EscalationDsl.Engine\"}";

    /// <summary>True when the scrape gives the gauge exactly this value (not 900 for 90, nor 0.5 for 0).</summary>
    private static bool Shows(string metrics, int seconds) =>
        System.Text.RegularExpressions.Regex.IsMatch(metrics, System.Text.RegularExpressions.Regex.Escape(Overdue) + $" {seconds}(\\.0+)?(\\s|$)");

    [Fact]
    public async Task AStalledSchedulerShowsHowLongTheEarliestDueDeadlineHasWaited()
    {
        await using var engine = await EngineFixture.StartAsync();
        await engine.ScrapeUntil(m => Shows(m, 0), "nothing is due at start");
        await engine.PostEventOk(EngineFixture.Created("e1", "INC-1", EngineFixture.Start));
        var next = DateTimeOffset.Parse((string)(await engine.GetJson("/v1/tickets/INC-1"))!["next_deadline"]!, System.Globalization.CultureInfo.InvariantCulture);

        // The engine loop is held up (as by a long request or a stuck disk): due deadlines do not run.
        using var held = new SemaphoreSlim(0);
        engine.Loop.Post(new Processing.ReadItem<bool>(_ => held.Wait(TimeSpan.FromSeconds(60))));
        try
        {
            engine.Time.Advance(next - EngineFixture.Start + TimeSpan.FromSeconds(90));
            await engine.ScrapeUntil(m => Shows(m, 90), "the deadline is 90 s overdue");
        }
        finally
        {
            held.Release();
        }

        await engine.ScrapeUntil(m => Shows(m, 0), "the deadline ran once the loop went on");
        ((JsonNode?)(await engine.GetJson("/v1/tickets/INC-1"))!["clocks"]).ShouldNotBeNull();
    }
}
