using System.CommandLine;
using EscalationDsl.Language.Semantics;
using NodaTime;

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

    /// <summary>
    /// A duration given to an option, in the language's compact form (<c>30m</c>, <c>1h30m</c>), read by
    /// the parser policies are read with, so an option takes what a policy takes. <paramref name="sign"/>
    /// is written before the value where it was given with one (<c>--at +2h</c>), in the value quoted and
    /// in the examples; a zero duration is refused unless <paramref name="zeroAllowed"/>.
    /// </summary>
    public static Duration ParseDuration(string option, string text, string sign = "", bool zeroAllowed = false)
    {
        var problem = CompactDuration.TryParse(text, out var minutes, out var unit);
        var given = sign + text;
        if (problem is CompactDurationProblem.UnitRepeated or CompactDurationProblem.UnitOutOfOrder)
        {
            var (what, advice) = CompactDuration.OrderAdvice(given, unit!, problem.Value, minutes);
            throw new UsageException($"{option}: {what}; write {advice}");
        }

        return problem switch
        {
            null when minutes > 0 || zeroAllowed => Duration.FromMinutes(minutes),
            null => throw new UsageException($"{option}: '{given}' is no time at all; give a duration such as 30m or 1h"),
            CompactDurationProblem.UnknownUnit => throw new UsageException($"{option}: '{given}' has the unit '{unit}'; use m, h, d or w (such as {sign}30m, {sign}1h, {sign}1h30m)"),
            CompactDurationProblem.TooLong => throw new UsageException($"{option}: '{given}' is longer than {CompactDuration.MaxText}"),
            _ => throw new UsageException($"{option}: '{given}' is not a duration such as {sign}30m, {sign}1h or {sign}1h30m"),
        };
    }
}
