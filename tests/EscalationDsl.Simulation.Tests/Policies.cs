using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime;
using EscalationDsl.Tests;

namespace EscalationDsl.Simulation.Tests;

/// <summary>Real policies, parsed and compiled by the real pipeline.</summary>
internal static class Policies
{
    private static readonly Lazy<CompiledPolicy> SupportPolicy = new(() => Shipped("support"));

    public static CompiledPolicy Support => SupportPolicy.Value;

    public static CompiledPolicy Shipped(string name) => Compile(File.ReadAllText(Path.Combine(RepoPaths.Policies, name + ".esc")), name + ".esc");

    public static CompiledPolicy Compile(string source, string path = "test.esc")
    {
        var model = SemanticModel.Create(new SourceText(path, source));
        model.Diagnostics.ShouldBeEmpty(string.Join("\n", model.Diagnostics.Select(d => d.Code + " " + d.Message)));
        return CompiledPolicy.Compile(model);
    }
}
