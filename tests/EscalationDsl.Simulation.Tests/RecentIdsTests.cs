using EscalationDsl.Simulation.Input;

namespace EscalationDsl.Simulation.Tests;

/// <summary>The bounded set of recent ids the readers and the replay share.</summary>
public sealed class RecentIdsTests
{
    [Fact]
    public void RecentIdsForgetTheOldestPastTheBound()
    {
        const int bound = 10_000;
        var recent = new RecentIds(bound);
        for (var i = 0; i < 25_000; i++)
        {
            recent.Add($"T{i}");
        }

        for (var i = 0; i < 25_000; i++)
        {
            recent.Contains($"T{i}").ShouldBe(i >= 15_000, $"T{i}");
        }
    }

    [Fact]
    public void AddingAnIdAgainDoesNotMakeItNewer()
    {
        var recent = new RecentIds(3);
        recent.Add("a");
        recent.Add("b");
        recent.Add("a");
        recent.Add("c");
        recent.Add("d");

        // "a" came first: added again it kept its place, so it is the one forgotten.
        recent.Contains("a").ShouldBeFalse();
        recent.Contains("b").ShouldBeTrue();
        recent.Contains("c").ShouldBeTrue();
        recent.Contains("d").ShouldBeTrue();
    }
}
