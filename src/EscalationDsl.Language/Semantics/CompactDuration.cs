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

    /// <summary>Reads a compact duration as minutes.</summary>
    /// <returns>Null when it is valid; otherwise what is wrong, in the words the diagnostics use.</returns>
    public static CompactDurationProblem? TryParse(string text, out long minutes, out string? unit)
    {
        minutes = 0;
        unit = null;
        if (!Shape().IsMatch(text))
        {
            return CompactDurationProblem.NotADuration;
        }

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

            minutes += amount * perUnit.Value;
        }

        return minutes > MaxMinutes ? CompactDurationProblem.TooLong : null;
    }

    [GeneratedRegex(@"\A([0-9]+[a-zA-Z]+)+\z")]
    private static partial Regex Shape();

    [GeneratedRegex("([0-9]+)([a-zA-Z]+)")]
    private static partial Regex Part();
}
