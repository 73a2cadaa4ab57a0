using System.CommandLine;

namespace EscalationDsl.Cli.Commands;

/// <summary>Options several commands share, so they read and validate the same way everywhere.</summary>
internal static class CommonOptions
{
    /// <summary><c>--format</c> limited to the given values; the first is the default.</summary>
    public static Option<string> Format(params string[] values)
    {
        var option = new Option<string>("--format")
        {
            Description = $"Output format: {string.Join(", ", values)}.",
            DefaultValueFactory = _ => values[0],
        };
        option.AcceptOnlyFromAmong(values);
        return option;
    }

    /// <summary><c>--output FILE</c>: write to a file instead of standard output.</summary>
    public static Option<string?> Output() => new("--output", "-o") { Description = "Write the output to this file instead of standard output." };
}
