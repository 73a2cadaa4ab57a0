using EscalationDsl.Tests;

namespace EscalationDsl.Analysis.Tests;

/// <summary>ESL034: a value of the declared <c>status</c> enum named after an event a status event does not stand for.</summary>
public sealed class StatusNamedAfterEventRuleTests
{
    private static string Text(string values) => Policies.Header + Policies.OneRule + $"fields {{\n    status enum [{values}]\n}}\n";

    [Theory]
    [InlineData("resolved")]
    [InlineData("closed")]
    [InlineData("reopened")]
    [InlineData("acknowledged")]
    [InlineData("customer_update")]
    public void StatusValueNamedAfterALifecycleEventIsReportedAtTheValue(string value)
    {
        // Line 12 holds the field; `status enum [new, ` puts the value at column 23.
        LintHarness.Describe(LintHarness.Lint(Text("new, " + value)), "ESL034").ShouldBe([$"warning 12:23-12:{23 + value.Length}"]);
    }

    [Theory]
    [InlineData("new, in_progress, awaiting_customer")]
    [InlineData("done, solved, assigned")] // `assigned` carries an owner: no status is mistaken for that event
    public void OtherStatusValuesAreNotReported(string values) => LintHarness.Findings(Text(values), "ESL034").ShouldBeEmpty();

    [Fact]
    public void AnotherFieldWithTheValueIsNotReported() =>
        LintHarness.Findings(Policies.Header + Policies.OneRule + "fields {\n    stage enum [open, resolved]\n}\n", "ESL034").ShouldBeEmpty();

    [Fact]
    public void MessageSaysTheStatusOnlySetsTheStatusAndHowToResolve() =>
        LintHarness.Message(Text("new, resolved"), "ESL034").ShouldBe(
            "Status value 'resolved' has the name of the ticket event `resolved`, but a `status` event with it only sets the status; it does not resolve the ticket. "
            + "To resolve the ticket, send a `resolved` event (an importer's status value can stand for one, docs/importers.md); "
            + "keep the value only if the status is meant as a label beside that event.");

    [Fact]
    public void ShippedPoliciesHaveNoStatusNamedAfterAnEvent()
    {
        foreach (var file in Directory.GetFiles(RepoPaths.Policies, "*.esc"))
        {
            LintHarness.Findings(File.ReadAllText(file), "ESL034").ShouldBeEmpty(file);
        }
    }
}
