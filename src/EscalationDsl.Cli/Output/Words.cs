using System.Globalization;

namespace EscalationDsl.Cli.Output;

/// <summary>Counts in the summary lines commands print.</summary>
internal static class Words
{
    /// <summary>A count with its noun, plural unless it is one: "1 ticket", "0 tickets", "3 warnings".</summary>
    public static string Count(long n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");
}
