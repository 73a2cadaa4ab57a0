using EscalationDsl.Simulation.Mapping;
using EscalationDsl.Simulation.Sources;

namespace EscalationDsl.Simulation.Tests;

/// <summary>The slips a new user made in a mapping file, answered with the fix (docs/importers.md).</summary>
public sealed class MappingMessageTests
{
    [Theory]
    [InlineData("YYYY-MM-DD HH:mm", "yyyy-MM-dd HH:mm")]
    [InlineData("DD/MM/YYYY HH:mm:ss", "dd/MM/yyyy HH:mm:ss")]
    public void AnUpperCaseYearOrDayPatternIsAnsweredWithTheLowerCaseOne(string pattern, string meant)
    {
        // It gave NodaTime's "The character Y is not a format specifier for this pattern type" and a generic example.
        var json = $$"""{ "ticket": "id", "time": "at", "type": "kind", "timeZone": "UTC", "timeFormat": "{{pattern}}" }""";

        Should.Throw<MappingException>(() => MappingFile.Load(json, "map.json", Policies.Support, null, [])).Message.ShouldBe(
            $"map.json: timeFormat: '{pattern}' is not a date-time pattern: the year and the day are written in lower case (yyyy, dd; Y and D are no pattern letters); did you mean \"{meant}\"?");
    }

    [Fact]
    public void ASeverityInAnotherCaseSaysNamesAreCaseSensitive()
    {
        var json = """{ "ticket": "id", "time": "at", "type": "kind", "severity": { "column": "Priority", "values": { "Highest": "Sev1" } } }""";

        Should.Throw<MappingException>(() => MappingFile.Load(json, "map.json", Policies.Support, null, [])).Message.ShouldBe(
            "map.json: severity.values.Highest: 'Sev1' is not a severity of policy 'support' (sev1, sev2, sev3); names are case-sensitive: did you mean 'sev1'?");
    }

    [Fact]
    public void AFieldKeyInAnotherCaseGetsADidYouMean()
    {
        // "Region" (the column's name) for the field region: the column was dropped with a bare warning, and
        // every ticket took the default calendar.
        var warnings = new List<string>();
        MappingFile.Load("""{ "ticket": "id", "time": "at", "type": "kind", "fields": { "Impact": "Impact", "rootcause": "Cause", "region": "Region" } }""", "map.json", Policies.Support, null, warnings);

        warnings.ShouldBe(
        [
            "map.json: fields.Impact: policy 'support' has no settable field 'Impact'; the column is not passed; names are case-sensitive: did you mean 'impact'?",
            "map.json: fields.rootcause: policy 'support' has no settable field 'rootcause'; the column is not passed; did you mean root_cause?",
            "map.json: fields.region: policy 'support' has no settable field 'region'; the column is not passed",
        ]);
    }

    [Fact]
    public void AColumnNameInAnotherCaseSaysWhichColumnTheHeaderHas()
    {
        var mapping = MappingFile.Load("""{ "ticket": "issue key", "time": "Updated", "type": "Event", "severity": "Priority" }""", "map.json", Policies.Support, null, []).Events!;
        using var file = new TempFile(".csv", "Issue key,Updated,Event,Priority\nSUP-1,2026-11-02T09:05:00Z,created,sev1\n");
        using var source = new MappedCsvEventSource(file.Path, "export.csv", mapping);

        Should.Throw<SourceException>(() => source.Read().ToList()).Message.ShouldBe(
            "export.csv:1: column 'issue key' (the ticket id) is missing; did you mean 'Issue key'? Column names are case-sensitive, and the header has 4 columns: Issue key, Updated, Event, Priority");
    }
}
