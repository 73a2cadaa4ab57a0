using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Language.Tests;

/// <summary>
/// A condition nested thousands of levels deep (generated, or a damaged file) once overflowed the
/// stack, which no catch can stop: `esc check` and the engine died. Now it is ESC1007.
/// </summary>
public sealed class ConditionDepthTests
{
    private const string Prefix = "policy \"p\" version 1\nfields { f flag }\nseverity sev1 { acknowledge within 15m }\npage only when ";

    public static TheoryData<string, string> DeepConditions() => new()
    {
        { "parentheses", new string('(', 50_000) + "f" + new string(')', 50_000) },
        { "nots", string.Concat(Enumerable.Repeat("not ", 50_000)) + "f" },
        { "an and chain", string.Join(" and ", Enumerable.Repeat("f", 50_000)) },
        { "an or chain", string.Join(" or ", Enumerable.Repeat("f", 50_000)) },
        { "nots inside parentheses", string.Concat(Enumerable.Repeat("not (", 20_000)) + "f" + new string(')', 20_000) },
    };

    [Theory]
    [MemberData(nameof(DeepConditions))]
    public void ADeeplyNestedConditionIsOneErrorAtItsStart(string shape, string condition)
    {
        var model = SemanticModel.Create("deep.esc", Prefix + condition + "\n");

        model.Diagnostics.Select(d => (d.Code, Where(model, d.Span.Start)))
            .ShouldBe([("ESC1007", "4:16")], shape);
    }

    [Fact]
    public void AConditionOfOneHundredLevelsIsAccepted()
    {
        var condition = new string('(', 99) + "f" + new string(')', 99);

        SemanticModel.Create("deep.esc", Prefix + condition + "\n").Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public void DeclarationsAfterATooLongChainAreStillRead()
    {
        var model = SemanticModel.Create("deep.esc", Prefix + string.Join(" or ", Enumerable.Repeat("f", 200)) + "\nseverity sev2 { acknowledge within 1h }\n");

        model.Diagnostics.Select(d => d.Code).ShouldBe(["ESC1007"]);
        model.Policy.Severities.Select(s => s.Name).ShouldBe(["sev1", "sev2"]);
    }

    private static string Where(SemanticModel model, int offset) =>
        model.Source.GetPosition(offset) is var p ? $"{p.Line}:{p.Column}" : "";
}
