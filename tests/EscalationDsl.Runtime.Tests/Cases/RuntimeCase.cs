using Xunit.Abstractions;

namespace EscalationDsl.Runtime.Tests.Cases;

/// <summary>
/// One row of a runtime table: a small policy (rules, optionally severities), an event script
/// (<see cref="TicketScript.Run"/>) and exactly the decisions the spec says come out, as
/// "+offset kind owner [component]" lines. Optionally the ticket snapshot after the script.
/// </summary>
internal sealed record RuntimeCase(string Name, string Body, string Script, params string[] Expected)
{
    /// <summary>Severity declarations; the plain ones (no SLA targets) when null.</summary>
    public string? Severities { get; init; }

    /// <summary>The expected <see cref="TicketScript.SnapshotLine"/>, or null not to check it.</summary>
    public string? Snapshot { get; init; }

    /// <summary>The expected <see cref="TicketScript.ClockLines"/>, or null not to check them.</summary>
    public string[]? Clocks { get; init; }

    /// <summary>The expected next deadline after the script (an offset such as "+1h", or "-" for none), or null not to check it.</summary>
    public string? NextDeadline { get; init; }

    /// <summary>Where "+0m" is: a Monday, 09:00 in New York.</summary>
    public string Start { get; init; } = "2026-11-02T14:00:00Z";

    public void Verify(ITestOutputHelper? output = null)
    {
        var policy = TicketScript.Compile(PolicyText.With(Body, Severities));
        var script = new TicketScript(policy, Start);
        script.Run(Script);
        if (output is not null)
        {
            foreach (var entry in script.Trace.Entries)
            {
                output.WriteLine($"{script.Offset(entry.At)} {entry.Kind} {entry.Text}");
            }
        }

        script.Lines().ShouldBe(Expected, $"decisions of case {Name}");
        if (Snapshot is not null)
        {
            script.SnapshotLine().ShouldBe(Snapshot, $"snapshot of case {Name}");
        }

        if (Clocks is not null)
        {
            script.ClockLines().ShouldBe(Clocks, $"clocks of case {Name}");
        }

        if (NextDeadline is not null)
        {
            (script.Snapshot.NextDeadline is { } next ? script.Offset(next) : "-").ShouldBe(NextDeadline, $"next deadline of case {Name}");
        }
    }
}
