using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Tests;
using NodaTime;

namespace EscalationDsl.Runtime.Tests;

/// <summary>Checking an event against a policy: the message starts with where in the event the value was given.</summary>
public sealed class EventValidationTests
{
    private static readonly CompiledPolicy Policy = CompiledPolicy.Compile(SemanticModel.Create("support.esc", File.ReadAllText(RepoPaths.Combine("policies", "support.esc"))));

    private static readonly TicketEvent Created = new()
    {
        TicketId = "T1",
        At = Instant.FromUtc(2026, 11, 2, 14, 0),
        Kind = TicketEventKind.Created,
        Severity = "sev1",
    };

    [Fact]
    public void AnIssueTypeGivenAsTheEventsOwnMemberIsNamedSo()
    {
        Policy.Validate(Created with { IssueType = "network" })
            .ShouldBe("issue_type: 'network' is not one of network_outage, database, auth_failure, performance, other");
    }

    [Fact]
    public void AnIssueTypeGivenAmongTheFieldsIsNamedAsAField()
    {
        Policy.Validate(Created with { Fields = [KeyValuePair.Create("issue_type", "network")] })
            .ShouldBe("fields.issue_type: 'network' is not one of network_outage, database, auth_failure, performance, other");
    }

    [Fact]
    public void AFieldSetEventWithoutFieldsIsRefused()
    {
        var fieldSet = Created with { Kind = TicketEventKind.FieldSet, Severity = null };

        Policy.Validate(fieldSet).ShouldBe("fields: a field_set event needs the fields it sets, such as \"fields\": {\"impact\": \"degraded\"}");
        Policy.Validate(fieldSet with { Fields = [] }).ShouldNotBeNull();
        Policy.Validate(fieldSet with { Fields = [KeyValuePair.Create("impact", "degraded")] }).ShouldBeNull();
    }
}
