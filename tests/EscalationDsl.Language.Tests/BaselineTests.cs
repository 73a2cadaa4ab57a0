using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;
using EscalationDsl.Tests;

namespace EscalationDsl.Language.Tests;

/// <summary>
/// Golden baselines. tests/Baselines/Policies/NAME/model.txt snapshots the bound model of
/// policies/NAME.esc; every tests/Baselines/Invalid/CASE/policy.esc has the diagnostics it must
/// produce in diagnostics.txt. ESC_UPDATE_BASELINES=1 rewrites the golden files.
/// </summary>
public sealed class BaselineTests
{
    public static TheoryData<string> ShippedPolicies() =>
        new(Directory.GetFiles(RepoPaths.Policies, "*.esc").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal)!);

    public static TheoryData<string> InvalidCases() =>
        new(Directory.GetDirectories(Path.Combine(RepoPaths.Baselines, "Invalid")).Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(ShippedPolicies))]
    public void ShippedPolicyBindsCleanlyAndMatchesItsModelSnapshot(string name)
    {
        var path = Path.Combine(RepoPaths.Policies, name + ".esc");
        var model = SemanticModel.Create(new SourceText($"policies/{name}.esc", File.ReadAllText(path)));

        model.Diagnostics.Select(d => DiagnosticFormatter.FormatHeadline(model.Source, d)).ShouldBeEmpty();
        Golden.Match(Path.Combine(RepoPaths.Baselines, "Policies", name, "model.txt"), ModelWriter.Write(model.Policy));
    }

    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void InvalidCaseProducesItsExpectedDiagnostics(string name)
    {
        var folder = Path.Combine(RepoPaths.Baselines, "Invalid", name);
        var model = SemanticModel.Create(new SourceText("policy.esc", File.ReadAllText(Path.Combine(folder, "policy.esc"))));

        model.HasErrors.ShouldBeTrue("an invalid baseline must produce at least one error");
        var actual = string.Concat(model.Diagnostics.Select(d => DiagnosticFormatter.FormatHeadline(model.Source, d) + "\n"));
        Golden.Match(Path.Combine(folder, "diagnostics.txt"), actual);
    }

    /// <summary>
    /// States each case's intent apart from its golden text: expected-code.txt names the code the
    /// case is about, and one mistake must produce one diagnostic (anything more is a cascade).
    /// </summary>
    [Theory]
    [MemberData(nameof(InvalidCases))]
    public void InvalidCaseReportsItsExpectedCodeFirstAndNothingElse(string name)
    {
        var folder = Path.Combine(RepoPaths.Baselines, "Invalid", name);
        var expectationFile = Path.Combine(folder, "expected-code.txt");
        File.Exists(expectationFile).ShouldBeTrue($"{name} has no expected-code.txt; add one line with the code the case is about, such as ESC2003");
        var expected = File.ReadAllText(expectationFile).Trim();
        DiagnosticCatalog.Descriptors.Select(d => d.Code).ShouldContain(expected, $"{name}/expected-code.txt names an unknown code");

        var model = SemanticModel.Create(new SourceText("policy.esc", File.ReadAllText(Path.Combine(folder, "policy.esc"))));
        var headlines = model.Diagnostics.Select(d => DiagnosticFormatter.FormatHeadline(model.Source, d)).ToList();

        model.Diagnostics.ShouldNotBeEmpty();
        model.Diagnostics[0].Code.ShouldBe(expected, string.Join("\n", headlines));
        headlines.Count.ShouldBe(1, $"one mistake should produce one diagnostic, got:\n{string.Join("\n", headlines)}");
    }
}
