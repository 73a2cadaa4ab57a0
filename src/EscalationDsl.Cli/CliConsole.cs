namespace EscalationDsl.Cli;

/// <summary>The streams a command reads and writes; tests pass string writers, <c>Program</c> the real console.</summary>
/// <param name="Out">Machine-readable output (diagnostics, reports).</param>
/// <param name="Error">Logs, progress and summaries.</param>
/// <param name="In">Standard input, read for the path <c>-</c>: bytes, decoded as a file's are (see <see cref="PolicyInputs.ReadStandardInput"/>).</param>
/// <param name="Color">Whether ANSI colour may be written to <paramref name="Out"/>.</param>
/// <param name="WorkingDirectory">Relative paths are resolved and shown against this folder.</param>
public sealed record CliConsole(TextWriter Out, TextWriter Error, Stream In, bool Color, string WorkingDirectory)
{
    /// <summary>The process console: colour only on a terminal and only without <c>NO_COLOR</c>.</summary>
    public static CliConsole System()
    {
        var noColor = !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
        var color = !noColor && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("TERM") is not "dumb";
        return new CliConsole(Console.Out, Console.Error, StandardInput.Open(), color, Directory.GetCurrentDirectory());
    }
}
