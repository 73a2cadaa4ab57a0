using EscalationDsl.Runtime.Events;

namespace EscalationDsl.Runtime.Tests;

/// <summary>What an unknown event type is told it may have meant.</summary>
public sealed class EventTypeSuggestionTests
{
    [Theory]
    [InlineData("status_changed", "status")]
    [InlineData("status_updated", "status")]
    [InlineData("acked", "acknowledged")]
    [InlineData("solved", "resolved")]
    [InlineData("customer_updates", "customer_update")]
    [InlineData("status_update", null)]
    [InlineData("resolved_update", null)]
    public void AnUnknownTypeSuggestsTheTypeItProbablyMeant(string text, string? meant)
    {
        // status_update was answered "did you mean status?": a status update is an update, like customer_update and
        // first_update, not the status event. A known type with such a word after it names another kind of thing.
        var message = TicketEventKinds.NotAType(text);

        message.ShouldStartWith($"'{text}' is not an event type (created, ");
        if (meant is null)
        {
            message.ShouldNotContain("did you mean");
        }
        else
        {
            message.ShouldEndWith($"; did you mean {meant}?");
        }
    }
}
