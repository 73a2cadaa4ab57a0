using System.Globalization;

namespace EscalationDsl.Language.Text;

/// <summary>Small pieces of English for messages.</summary>
public static class English
{
    /// <summary>"an" before a noun that starts with a vowel letter, otherwise "a" (the nouns here are esc's own words: kinds, declarations).</summary>
    public static string Article(string noun) => noun.Length > 0 && "aeiou".Contains(noun[0], StringComparison.Ordinal) ? "an" : "a";

    /// <summary>
    /// A length of time as people read it, every unit it holds from days down to milliseconds: <c>7 days</c>,
    /// <c>1 day 2 hours</c>, <c>30 minutes</c>, <c>1 hour 30 minutes 15 seconds</c>, <c>500 milliseconds</c>;
    /// <c>no time</c> for zero, and a leading minus for a negative one (<c>-1 minute</c>). Not the
    /// <c>7.00:00:00</c> a TimeSpan prints, which a settings file takes but a reader has to decode.
    /// </summary>
    public static string Duration(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "no time";
        }

        var negative = value < TimeSpan.Zero;
        var ticks = negative ? -(value.Ticks == long.MinValue ? long.MaxValue : value.Ticks) : value.Ticks;
        var rest = TimeSpan.FromTicks(ticks);
        var parts = new List<string>(5);
        Add(parts, rest.Days, "day");
        Add(parts, rest.Hours, "hour");
        Add(parts, rest.Minutes, "minute");
        Add(parts, rest.Seconds, "second");
        Add(parts, rest.Milliseconds, "millisecond");
        if (parts.Count == 0)
        {
            // Below a millisecond: what a duration setting rarely holds, but shown rather than hidden.
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{rest.TotalMilliseconds:0.###} milliseconds"));
        }

        return (negative ? "-" : "") + string.Join(' ', parts);
    }

    private static void Add(List<string> parts, int count, string unit)
    {
        if (count > 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{count} {unit}{(count == 1 ? "" : "s")}"));
        }
    }
}
