using System.Globalization;
using System.Text.RegularExpressions;

namespace EscalationDsl.Language.Semantics;

/// <summary>
/// The compact duration of the language (<c>15m</c>, <c>4h</c>, <c>2d</c>, <c>1w</c>, <c>1h30m</c>):
/// number and unit letters, repeated. The binder reads it in policies; commands read it in options.
/// </summary>
public static partial class CompactDuration
{
    /// <summary>The longest duration a policy or an option may hold, in minutes (10 years).</summary>
    public const long MaxMinutes = 10L * 366 * 24 * 60;

    /// <summary>How <see cref="MaxMinutes"/> is written in messages.</summary>
    public const string MaxText = "10 years";

    /// <summary>
    /// What is wrong with a duration whose units repeat or come out of order, and how to write it, for
    /// the diagnostic and the command line alike: ("'1h1h' gives the unit 'h' more than once",
    /// "each unit once, largest first (w, d, h, m): the total is '2h'").
    /// </summary>
    public static (string Problem, string Advice) OrderAdvice(string text, string unit, CompactDurationProblem problem, long minutes) =>
    (
        problem == CompactDurationProblem.UnitRepeated ? $"'{text}' gives the unit '{unit}' more than once" : $"'{text}' gives '{unit}' after a smaller unit",
        "each unit once, largest first (w, d, h, m): the total is "
            + (minutes == 0 ? "no time at all" : $"'{ModelFormatter.FormatWallClock(NodaTime.Duration.FromMinutes(minutes))}'")
    );

    /// <summary>
    /// Reads a compact duration as minutes. Each unit may be given once, largest first (<c>1d4h</c>,
    /// not <c>4h1d</c> or <c>1h1h</c>): a unit given again is most likely a slip, and adding it up
    /// silently (<c>1h1h</c> as 2h) would hide it.
    /// </summary>
    /// <returns>
    /// Null when it is valid; otherwise what is wrong, in the words the diagnostics use. For
    /// <see cref="CompactDurationProblem.UnitRepeated"/> and <see cref="CompactDurationProblem.UnitOutOfOrder"/>,
    /// <paramref name="unit"/> is the unit that comes too late and <paramref name="minutes"/> the
    /// total, so a message can show the same time written the right way.
    /// </returns>
    public static CompactDurationProblem? TryParse(string text, out long minutes, out string? unit)
    {
        minutes = 0;
        unit = null;
        if (!Shape().IsMatch(text))
        {
            return CompactDurationProblem.NotADuration;
        }

        CompactDurationProblem? order = null;
        string? late = null;
        var previous = long.MaxValue;
        foreach (Match part in Part().Matches(text))
        {
            var letters = part.Groups[2].Value;
            long? perUnit = letters switch { "m" => 1, "h" => 60, "d" => 1440, "w" => 10080, _ => null };
            if (perUnit is null)
            {
                unit = letters;
                return CompactDurationProblem.UnknownUnit;
            }

            if (!long.TryParse(part.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount > MaxMinutes)
            {
                return CompactDurationProblem.TooLong;
            }

            if (order is null && perUnit.Value >= previous)
            {
                order = perUnit.Value == previous ? CompactDurationProblem.UnitRepeated : CompactDurationProblem.UnitOutOfOrder;
                late = letters;
            }

            previous = perUnit.Value;
            minutes += amount * perUnit.Value;
        }

        if (minutes > MaxMinutes)
        {
            return CompactDurationProblem.TooLong;
        }

        unit = late;
        return order;
    }

    [GeneratedRegex(@"\A([0-9]+[a-zA-Z]+)+\z")]
    private static partial Regex Shape();

    [GeneratedRegex("([0-9]+)([a-zA-Z]+)")]
    private static partial Regex Part();
}
