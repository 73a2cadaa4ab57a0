using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Syntax;

namespace EscalationDsl.Language.Tests;

/// <summary>
/// The bound shape of conditions. Precedence, tightest first: comparisons, `not`, `and`, `or`;
/// `and` and `or` group to the left. Shapes are written fully parenthesised.
/// </summary>
public sealed class ConditionPrecedenceTests
{
    [Theory]
    [InlineData("not a and b", "((not a) and b)")]
    [InlineData("a and not b", "(a and (not b))")]
    [InlineData("a or b and c", "(a or (b and c))")]
    [InlineData("a and b or c", "((a and b) or c)")]
    [InlineData("not a or b", "((not a) or b)")]
    [InlineData("a and b and c", "((a and b) and c)")]
    [InlineData("a or b or c", "((a or b) or c)")]
    [InlineData("not not a", "(not (not a))")]
    public void NotBindsTighterThanAndWhichBindsTighterThanOr(string condition, string shape) =>
        Shape(condition).ShouldBe(shape);

    [Theory]
    [InlineData("(a or b) and c", "((a or b) and c)")]
    [InlineData("not (a and b)", "(not (a and b))")]
    [InlineData("a and (b or c)", "(a and (b or c))")]
    [InlineData("((a))", "a")]
    public void ParenthesesGroupAndLeaveNoNodeOfTheirOwn(string condition, string shape) =>
        Shape(condition).ShouldBe(shape);

    [Theory]
    [InlineData("not impact == production", "(not impact == production)")]
    [InlineData("a and impact != minor or severity >= sev2", "((a and impact != minor) or severity >= sev2)")]
    [InlineData("not impact in [production, minor]", "(not impact in [production, minor])")]
    [InlineData("impact not in [minor] and a", "(impact not in [minor] and a)")]
    [InlineData("not opened older than 1h or b", "((not opened older than 1h) or b)")]
    public void ComparisonsBindTighterThanNot(string condition, string shape) =>
        Shape(condition).ShouldBe(shape);

    [Fact]
    public void NotInIsOneNegatedInConditionRatherThanANot()
    {
        var condition = Bind("impact not in [minor]");

        var inCondition = condition.ShouldBeOfType<InCondition>();
        inCondition.Negated.ShouldBeTrue();
        inCondition.Values.ShouldBe(["minor"]);
    }

    [Fact]
    public void CombinedConditionSpansCoverBothOperands()
    {
        const string text = "not a and b or c";
        var model = Model(text);
        var or = model.Policy.Rules.Single().When.ShouldBeOfType<OrCondition>();

        model.Source.Slice(or.Span).ShouldBe(text);
        model.Source.Slice(or.Left.Span).ShouldBe("not a and b");
        model.Source.Slice(((AndCondition)or.Left).Left.Span).ShouldBe("not a");
    }

    private static string Shape(string condition) => Render(Bind(condition));

    private static ConditionModel Bind(string condition)
    {
        var model = Model(condition);
        model.Diagnostics.ShouldBeEmpty();
        return model.Policy.Rules.Single().When.ShouldNotBeNull();
    }

    private static SemanticModel Model(string condition) => SemanticModel.Create("t.esc", $$"""
        policy "precedence" version 1
        owners { team ops "Ops" }
        fields {
            a flag
            b flag
            c flag
            opened time
            impact enum [production, minor]
        }
        severity sev1 { acknowledge within 15m }
        severity sev2 { acknowledge within 1h }
        escalation r for any when {{condition}} {
            owner ops
        }
        """);

    private static string Render(ConditionModel condition) => condition switch
    {
        AndCondition and => $"({Render(and.Left)} and {Render(and.Right)})",
        OrCondition or => $"({Render(or.Left)} or {Render(or.Right)})",
        NotCondition not => $"(not {Render(not.Operand)})",
        FlagCondition flag => flag.Field.Name,
        CompareCondition compare => $"{compare.Field.Name} {Operator(compare.Operator)} {compare.Value}",
        InCondition inCondition => $"{inCondition.Field.Name} {(inCondition.Negated ? "not in" : "in")} [{string.Join(", ", inCondition.Values)}]",
        OlderCondition older => $"{older.Field.Name} older than {older.Age.Text}",
        DuringCondition during => $"during {during.Calendar.Name}",
        _ => throw new ArgumentOutOfRangeException(nameof(condition), condition, "unknown condition"),
    };

    private static string Operator(CompareOperator op) => op switch
    {
        CompareOperator.Equal => "==",
        CompareOperator.NotEqual => "!=",
        CompareOperator.Less => "<",
        CompareOperator.LessOrEqual => "<=",
        CompareOperator.Greater => ">",
        _ => ">=",
    };
}
