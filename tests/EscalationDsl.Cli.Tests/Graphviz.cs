using System.Diagnostics;

namespace EscalationDsl.Cli.Tests;

/// <summary>
/// Graphviz's <c>dot</c>, where it is installed: DOT that parses can still fail to lay out (Graphviz 2.43
/// lost the `reopened` edge from Closed when a second edge ran from Active to Monitoring).
/// </summary>
internal static class Graphviz
{
    /// <summary>True when <c>dot</c> is on the PATH.</summary>
    public static bool Installed { get; } = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Any(folder => File.Exists(Path.Combine(folder, "dot")) || File.Exists(Path.Combine(folder, "dot.exe")));

    /// <summary>What <c>dot -Tsvg</c> says on standard error about <paramref name="graph"/>, with its exit code; empty and 0 when all is well.</summary>
    public static (int ExitCode, string Error) Render(string graph)
    {
        using var dot = Process.Start(EscProcess.Start("dot", "-Tsvg"))!;
        var error = dot.StandardError.ReadToEndAsync();
        var output = dot.StandardOutput.ReadToEndAsync();
        dot.StandardInput.Write(graph);
        dot.StandardInput.Close();
        dot.WaitForExit();
        _ = output.Result;
        return (dot.ExitCode, error.Result);
    }

    /// <summary>Renders <paramref name="graph"/> with <c>dot</c> and expects no error and no warning; nothing to check without Graphviz.</summary>
    public static void ShouldRenderCleanly(string graph)
    {
        if (!Installed)
        {
            return;
        }

        var (exitCode, error) = Render(graph);
        error.ShouldBeEmpty();
        exitCode.ShouldBe(0);
    }
}
