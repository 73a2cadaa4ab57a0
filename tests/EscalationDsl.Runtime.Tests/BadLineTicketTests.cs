using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Runtime.Tests;

/// <summary>
/// The ticket and type a JSON Lines line that is no event still names, which esc sim tells that ticket's
/// later events (docs/events.md, "A ticket without its created event"): only when they read unambiguously.
/// </summary>
public sealed class BadLineTicketTests
{
    [Theory]
    [InlineData("""{"ticket":"T","type":"created","ticket":"U","at":"x"}""", null, null)]
    [InlineData("""{"ticket":"T","type":"created","type":"resolved"}""", "T", null)]
    [InlineData("""{"ticket":"T","type":"created","type":"created","at":1}""", "T", TicketEventKind.Created)]
    [InlineData("""{"\u0074icket":"T","fields":{"ticket":"U","type":"x"},"type":"closed","at":1}""", "T", TicketEventKind.Closed)]
    [InlineData("""{"ticket":"","type":"created"}""", null, null)]
    [InlineData("""{"ticket":"\ud800","type":"created"}""", null, null)]
    [InlineData("""{"ticket":7,"type":"created"}""", null, null)]
    [InlineData("""{"ticket":"T","type":"created","at":"x"},""", "T", TicketEventKind.Created)]
    [InlineData("""{"ticket":"T1","type":"cre""", "T1", null)]
    [InlineData("""{"type":"created","ticket":"T""", null, null)]
    [InlineData("""["ticket","T"]""", null, null)]
    [InlineData("""  "ticket": "T",""", null, null)]
    public void ABadLineNamesItsTicketOnlyWhenItReads(string line, string? ticket, TicketEventKind? kind)
    {
        var result = TicketEventJson.ReadLines(new StringReader(line)).Single();

        result.IsValid.ShouldBeFalse();
        (result.TicketId, result.Kind).ShouldBe((ticket, kind));
    }
}
