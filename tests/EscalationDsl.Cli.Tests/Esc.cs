using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary>Runs the real `esc` command tree in-process with captured output, from the repository root.</summary>
internal static class Esc
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(params string[] args) => RunWithInput(string.Empty, args);

    public static Result RunWithInput(string stdin, params string[] args) => RunIn(RepoPaths.Root, stdin, args);

    public static Result RunIn(string directory, string stdin, params string[] args) =>
        RunIn(directory, new MemoryStream(System.Text.Encoding.UTF8.GetBytes(stdin)), args);

    /// <summary>With standard input as bytes, such as text that is not UTF-8.</summary>
    public static Result RunIn(string directory, Stream stdin, params string[] args)
    {
        var output = new StringWriter { NewLine = "\n" };
        var error = new StringWriter { NewLine = "\n" };
        var console = new CliConsole(output, error, stdin, Color: false, directory);
        var code = EscApp.Run(args, console);
        return new Result(code, output.ToString(), error.ToString());
    }
}
