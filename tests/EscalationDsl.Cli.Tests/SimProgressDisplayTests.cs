using EscalationDsl.Tests;
using EscalationDsl.Cli.Commands;
using EscalationDsl.Simulation.Replay;
using Microsoft.Extensions.Time.Testing;

namespace EscalationDsl.Cli.Tests;

/// <summary>The progress lines `esc sim` writes to a log (standard error that is not a terminal).</summary>
public sealed class SimProgressDisplayTests
{
    [Fact]
    public void ALogGetsALineEveryFiveSecondsWithThePercentageWhenTheInputHasALength()
    {
        var (display, error, time) = Display();

        display.Report(new SimulationProgress(0.25, 1000, 90, 1));
        time.Advance(TimeSpan.FromSeconds(4));
        display.Report(new SimulationProgress(0.4, 1500, 120, 1));
        time.Advance(TimeSpan.FromSeconds(2));
        display.Report(new SimulationProgress(0.5, 2000, 150, 1));

        error.ToString().ShouldBe("esc sim: 50% read, 2,000 rows, 150 tickets, 1 bad row\n");
    }

    [Fact]
    public void InputWithoutALengthSuchAsAPipeGetsCountsWithoutAPercentage()
    {
        var (display, error, time) = Display();

        time.Advance(TimeSpan.FromSeconds(6));
        display.Report(new SimulationProgress(0, 12000, 800, 0));

        error.ToString().ShouldBe("esc sim: read 12,000 rows, 800 tickets, 0 bad rows\n");
    }

    private static (SimProgressDisplay Display, StringWriter Error, FakeTimeProvider Time) Display()
    {
        var error = new StringWriter { NewLine = "\n" };
        var time = new FakeTimeProvider();
        var console = new CliConsole(new StringWriter(), error, Stream.Null, Color: false, RepoPaths.Root);
        return (new SimProgressDisplay(console, time), error, time);
    }
}
