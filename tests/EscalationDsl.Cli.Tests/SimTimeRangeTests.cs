namespace EscalationDsl.Cli.Tests;

/// <summary>
/// Times an offset carries past the last instant of year 9999 (or before the first of -9998): NodaTime
/// cannot hold them, and `esc sim` ended with an internal error instead of a bad row or a usage error.
/// </summary>
public sealed class SimTimeRangeTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("esc-sim-times-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData(".jsonl", 2, "{\"ticket\":\"T1\",\"at\":\"2026-11-02T14:00:00Z\",\"type\":\"created\",\"severity\":\"sev1\"}\n{\"ticket\":\"T1\",\"at\":\"9999-12-31T23:59:59-14:00\",\"type\":\"acknowledged\"}\n")]
    [InlineData(".csv", 3, "ticket,at,type,severity\nT1,2026-11-02T14:00:00Z,created,sev1\nT1,9999-12-31T23:59:59-14:00,acknowledged,\n")]
    public void AnEventTimePastYear9999IsABadRow(string extension, int line, string events)
    {
        var tickets = Write("events" + extension, events);

        var result = Esc.Run("sim", "policies/support.esc", "--tickets", tickets, "--quiet");

        result.ExitCode.ShouldBe(0);
        result.Error.ShouldBe($"{tickets}:{line}: at: '9999-12-31T23:59:59-14:00' is not an ISO 8601 time with an offset, such as 2026-11-26T14:05:00Z\n");
    }

    [Fact]
    public void AMappedLocalTimePastYear9999IsABadRow()
    {
        var map = Write("map.json", """{ "ticket": "Ticket", "time": "When", "timeFormat": "dd/MM/yyyy HH:mm", "timeZone": "America/New_York", "type": "Action", "severity": "Priority" }""");
        var tickets = Write("export.csv", "Ticket,When,Action,Priority\nT1,02/11/2026 09:00,created,sev1\nT1,31/12/9999 23:00,acknowledged,\n");

        var result = Esc.Run("sim", "policies/support.esc", "--map", map, "--tickets", tickets, "--quiet");

        result.ExitCode.ShouldBe(0);
        result.Error.ShouldBe($"{tickets}:3: When: '31/12/9999 23:00' is not a time like 29/02/2016 01:16 (dd/MM/yyyy HH:mm)\n");
    }

    [Theory]
    [InlineData("--from", "9999-12-31T23:59:59-14:00")]
    [InlineData("--to", "-9998-01-01T00:00:00+14:00")]
    public void ABoundPastWhatAnInstantHoldsIsAUsageError(string option, string bound)
    {
        var result = Esc.Run("sim", "policies/support.esc", "--tickets", "policies/events/week-of-tickets.jsonl", option, bound);

        result.ExitCode.ShouldBe(ExitCodes.Usage);
        result.Error.ShouldBe($"esc: {option}: '{bound}' is not a date such as 2016-03-01 (midnight in America/New_York) or an ISO 8601 time with an offset such as 2016-03-01T00:00:00Z\n");
    }

    [Fact]
    public void AFromDateWhoseMidnightComesBeforeEveryInstantTakesEveryTicket()
    {
        // Midnight of -9998-01-01 in Berlin, the default calendar's zone, is an hour before the first instant.
        var tickets = Write("events.jsonl", """
            {"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev2"}
            {"ticket":"T1","at":"2026-11-02T16:00:00Z","type":"closed"}

            """);

        var result = Esc.Run("sim", "policies/saas-follow-the-sun.esc", "--tickets", tickets, "--from", "-9998-01-01", "--quiet");

        result.Error.ShouldBeEmpty();
        result.ExitCode.ShouldBe(0);
        result.Out.ShouldContain("1 ticket created 2026-11-02 14:00Z to 2026-11-02 14:00Z (--from -9998-01-01 00:00Z)");
    }

    [Fact]
    public void ATimeFieldPastYear9999CountsAsNoTime()
    {
        // `since occurred_at` reads the field when the rule starts; a time after 2199 is no time (docs/language.md).
        var policy = Write("since.esc", File.ReadAllText(EscalationDsl.Tests.RepoPaths.Combine("policies", "support.esc"))
            .Replace("every 60m since customer_update while not contained", "every 60m since occurred_at while not contained", StringComparison.Ordinal));
        var tickets = Write("events.jsonl", """
            {"ticket":"T1","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev1","fields":{"impact":"production","occurred_at":"9999-12-31T23:59:59-14:00"}}
            {"ticket":"T1","at":"2026-11-02T16:00:00Z","type":"closed"}

            """);

        var result = Esc.Run("sim", policy, "--tickets", tickets, "--quiet");

        result.Error.ShouldBeEmpty();
        result.ExitCode.ShouldBe(0);
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }
}
