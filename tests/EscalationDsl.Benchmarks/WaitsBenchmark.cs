using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Time;
using NodaTime;

namespace EscalationDsl.Benchmarks;

/// <summary>
/// Long business-time waits recomputed at every pause and resume, as a ticket's deadline is: a New York business
/// calendar (mon..fri 09:00-17:00), an hour's SLA pause every afternoon for three years, and a wait of 87,000
/// business hours (about 42 years) or 3,600 business days from the ticket's creation, recomputed after each pause
/// starts and ends, with and without the trace `esc explain` records. Median of 5 runs after 1 warm-up.
/// </summary>
internal static class WaitsBenchmark
{
    private const int Days = 3 * 365;

    public static void Run()
    {
        const string source = """
            policy "waits" version 1
            calendar biz "America/New_York" { hours mon..fri 09:00-17:00 holiday 2026-12-25 "Christmas" }
            severity s1 { resolve within 87000 business hours }
            """;
        var policy = CompiledPolicy.Compile(SemanticModel.Create(new SourceText("waits.esc", source)));
        var calendar = policy.Calendar(policy.Model.Calendars[0]);
        var start = Instant.FromUtc(2026, 1, 1, 0, 0).ToUnixTimeMilliseconds();
        Console.WriteLine($"waits: a pause of an hour every afternoon for {Days:N0} days, the wait recomputed after each pause starts and ends ({2 * Days:N0} times)");
        foreach (var traced in new[] { false, true })
        {
            Report($"87,000 business hours{(traced ? ", traced" : "")}", traced, (pauses, trace) => TimeArithmetic.AddBusinessMinutes(start, 87_000 * 60, calendar, pauses, trace));
            Report($"3,600 business days{(traced ? ", traced" : "")}", traced, (pauses, trace) => TimeArithmetic.AddBusinessDays(start, 3_600, calendar, pauses, trace));
        }

        void Report(string what, bool traced, Func<PauseSet, List<string>?, long?> wait)
        {
            var median = Measure.Median(1, 5, () =>
            {
                var pauses = new PauseSet();
                for (var day = 0; day < Days; day++)
                {
                    var at = start + day * 86_400_000L + 19 * 3_600_000L;
                    pauses.Begin(at);
                    wait(pauses, traced ? [] : null);
                    pauses.End(at + 3_600_000L);
                    wait(pauses, traced ? [] : null);
                }
            });
            Console.WriteLine($"  {what}: median {median.TotalMilliseconds:F0} ms in all, {median.TotalMilliseconds * 1000 / (2 * Days):F1} µs per recompute");
        }
    }
}
