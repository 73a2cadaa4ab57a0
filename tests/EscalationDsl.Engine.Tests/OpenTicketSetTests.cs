using EscalationDsl.Engine.Processing;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime;
using EscalationDsl.Runtime.Decisions;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Tests;
using NodaTime;

namespace EscalationDsl.Engine.Tests;

/// <summary>The engine's index of open tickets: found by id, replaced whole, removed by id.</summary>
public sealed class OpenTicketSetTests
{
    private static readonly TicketRuntime Runtime = new(CompiledPolicy.Compile(
        SemanticModel.Create("support.esc", File.ReadAllText(RepoPaths.Combine("policies", "support.esc")))));

    private static Ticket Open(string id, int minute) => Runtime.Open(
        new TicketEvent { TicketId = new string(id), At = Instant.FromUtc(2026, 11, 2, 14, minute), Kind = TicketEventKind.Created, Severity = "sev2", IssueType = "other" },
        new List<Decision>());

    [Fact]
    public void FindsTicketsByAnIdStringThatIsNotTheTicketsOwnInstance()
    {
        var set = new OpenTicketSet();
        var a = Open("T-1", 0);
        set.Set(a);
        set.Set(Open("T-2", 1));

        set.Count.ShouldBe(2);
        set.TryGetValue(new string("T-1"), out var found).ShouldBeTrue();
        found.ShouldBeSameAs(a);
        set[new string("T-1")].ShouldBeSameAs(a);
        set.Contains("T-3").ShouldBeFalse();
        Should.Throw<KeyNotFoundException>(() => set["T-3"]);
    }

    [Fact]
    public void SetReplacesTheOpenTicketWithTheSameId()
    {
        var set = new OpenTicketSet();
        set.Set(Open("T-1", 0));
        var reloaded = Open("T-1", 5);

        set.Set(reloaded);

        set.Count.ShouldBe(1);
        set["T-1"].ShouldBeSameAs(reloaded);
        set.All.ShouldBe([reloaded]);
    }

    [Fact]
    public void RemoveTakesTheTicketOutByIdOnly()
    {
        var set = new OpenTicketSet();
        set.Set(Open("T-1", 0));
        set.Set(Open("T-2", 1));

        set.Remove("T-1").ShouldBeTrue();
        set.Remove("T-1").ShouldBeFalse();

        set.Contains("T-1").ShouldBeFalse();
        set.All.Select(t => t.Id).ShouldBe(["T-2"]);
    }
}
