using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Benchmarks;

/// <summary>Parse + bind time of a generated 10,000-line policy.</summary>
internal static class ParseBenchmark
{
    public static void Run()
    {
        var text = PolicyGenerator.Generate(10_000);
        var lines = text.Count(c => c == '\n');
        var model = SemanticModel.Create(new SourceText("generated.esc", text));
        if (model.HasErrors)
        {
            throw new InvalidOperationException("generated policy has errors: " + model.Diagnostics[0].Message);
        }

        var median = Measure.Median(3, 11, () => SemanticModel.Create(new SourceText("generated.esc", text)));
        Console.WriteLine($"parse+bind: {lines} lines, {model.Policy.Rules.Length} rules, median {median.TotalMilliseconds:F1} ms over 11 runs");
    }
}
