using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Tests;

/// <summary>ESL026: a field declared under the name of a ticket event that is not a built-in field.</summary>
public sealed class FieldNamedAfterEventRuleTests
{
    private const string Rule = Policies.OneRule;

    [Theory]
    [InlineData("assigned", "time")]
    [InlineData("field_set", "text")]
    [InlineData("severity_changed", "time")]
    [InlineData("severity_raised", "flag")]
    [InlineData("severity_lowered", "number")]
    [InlineData("flagged", "flag")]
    [InlineData("mitigation", "enum [planned, done]")]
    [InlineData("closed", "time")]
    public void FieldWithTheNameOfAnEventIsReportedAtItsName(string name, string type)
    {
        var result = LintHarness.Lint(Policies.Header + Rule + $"fields {{\n    {name} {type}\n}}\n");

        // Line 12 holds the field; its name starts at column 5.
        LintHarness.Describe(result, "ESL026").ShouldBe([$"warning 12:5-12:{5 + name.Length}"]);
    }

    [Theory]
    [InlineData("assigned_at", "time")]
    [InlineData("reassigned", "flag")]
    [InlineData("closed_by", "text")]
    [InlineData("severity_history", "text")]
    public void FieldWithAnotherNameIsNotReported(string name, string type) =>
        LintHarness.Findings(Policies.Header + Rule + $"fields {{\n    {name} {type}\n}}\n", "ESL026").ShouldBeEmpty();

    [Fact]
    public void RedeclaredBuiltInStatusIsNotReported()
    {
        // `status` is an event too, but also the built-in field a policy may declare to list its values.
        LintHarness.Findings(Policies.Header + Rule + "fields {\n    status enum [open, awaiting_customer]\n}\n", "ESL026").ShouldBeEmpty();
    }

    [Fact]
    public void MessageSaysWhatTheNameMeansAndHowToAvoidIt()
    {
        var text = Policies.Header + Rule + "fields {\n    assigned time\n}\n";

        LintHarness.Message(text, "ESL026").ShouldBe(
            "Field 'assigned' has the name of the ticket event `assigned` but is not that event: `on assigned` reacts to the event, "
            + "while conditions, `since`, `route` and `require` read the field, which changes only when an event sets this field. "
            + "Rename the field, for example to 'assigned_at'.");
    }

    [Fact]
    public void OnTheNameOfAFlagFieldStillReactsToTheEvent()
    {
        // What the message says about `on`: the binder takes the event, not the flag of that name.
        var model = SemanticModel.Create("t.esc", Policies.Header + Rule.Replace("after 15m", "on flagged: notify lead\n    after 15m", StringComparison.Ordinal)
            + "fields {\n    flagged flag\n}\n");

        var trigger = model.Policy.FindRule("main")!.Steps[0].Trigger.ShouldBeOfType<OnTrigger>();
        trigger.Event.ShouldBe(TriggerEvent.Flagged);
        trigger.Flag.ShouldBeNull();
    }

    [Fact]
    public void FindingCanBeSuppressedWithAReason()
    {
        var result = LintHarness.Lint(Policies.Header + Rule + "fields {\n    # esc-disable-next-line field-named-after-event the integration writes it on each assignment\n    assigned time\n}\n");

        LintHarness.Describe(result, "ESL026").ShouldBeEmpty();
        result.Suppressed.ShouldBe(1);
    }
}
