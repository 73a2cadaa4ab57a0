using EscalationDsl.Simulation.Reporting;
using EscalationDsl.Simulation.Reporting.Building;
using NodaTime;

namespace EscalationDsl.Simulation.Tests;

/// <summary>Hourly load: the same figures whether a queue's hours fit the tracker's array or not.</summary>
public sealed class LoadTrackerTests
{
    private static readonly Instant Start = Instant.FromUtc(2016, 3, 1, 0, 0);

    [Fact]
    public void LoadCountsPeriodsAddedOutOfTimeOrder()
    {
        var load = new LoadTracker();
        Add(load, 1, 100, 101);
        Add(load, 2, 0, 3);
        Add(load, 3, 1, 2);

        // Open at the marks: 1 at hour 0, 2 at hour 1, 1 at hour 2 and at hour 100; 5 over 101 hours.
        load.Row("q").ShouldBe(new LoadRow("q", 3, 2, Start + Duration.FromHours(1), 0.05));
    }

    [Fact]
    public void LoadOverYearsGivesTheSameFiguresAsOverHours()
    {
        var load = new LoadTracker();
        Add(load, 1, 0, 3);
        Add(load, 2, 1, 2);
        load.Row("q").ShouldBe(new LoadRow("q", 2, 2, Start + Duration.FromHours(1), 1.33));

        // Three years later: more hours than the array holds, so the changes move to the dictionary.
        Add(load, 3, 26_300, 26_301);
        Add(load, 4, 1, 2);
        load.Row("q").ShouldBe(new LoadRow("q", 4, 3, Start + Duration.FromHours(1), Math.Round(6.0 / 26_301, 2)));
    }

    private static void Add(LoadTracker load, long ticket, int fromHour, int toHour) =>
        load.Add("q", Start + Duration.FromHours(fromHour), Start + Duration.FromHours(toHour), ticket);
}
