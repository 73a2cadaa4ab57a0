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
}
