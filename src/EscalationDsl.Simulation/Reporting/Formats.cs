using System.Globalization;
using NodaTime;

namespace EscalationDsl.Simulation.Reporting;

/// <summary>How every renderer writes numbers, shares, durations and times, so all formats agree.</summary>
public static class Formats
{
    /// <summary>A duration in seconds, to the two largest units, rounded down: <c>45s</c>, <c>12m</c>, <c>1h</c>, <c>1h 05m</c>, <c>3d 04h</c>.</summary>
    public static string Duration(long seconds)
    {
        if (seconds < 60)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{seconds}s");
        }

        var minutes = seconds / 60;
        if (minutes < 60)
        {
            return string.Create(CultureInfo.InvariantCulture, $"{minutes}m");
        }

        var hours = minutes / 60;
        if (hours < 24)
        {
            return minutes % 60 == 0
                ? string.Create(CultureInfo.InvariantCulture, $"{hours}h")
                : string.Create(CultureInfo.InvariantCulture, $"{hours}h {minutes % 60:00}m");
        }

        return hours % 24 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{hours / 24}d")
            : string.Create(CultureInfo.InvariantCulture, $"{hours / 24}d {hours % 24:00}h");
    }

    /// <summary>A duration or a dash.</summary>
    public static string Duration(long? seconds) => seconds is { } s ? Duration(s) : "–";

    /// <summary>
    /// A share as a percentage with one decimal, from its counts: <c>78.1%</c> for 211 of 270, or a dash
    /// for none. Not from the report's shares, which JSON keeps to four decimals: rounding twice made
    /// 0.78148 into 0.7815 and then 78.2%.
    /// </summary>
    public static string Percent(long part, long whole) => whole == 0 ? "–" : (100.0 * part / whole).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    /// <summary>A whole number with thousands separators: <c>24,918</c>.</summary>
    public static string Count(long n) => n.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>A count and its noun, plural unless the count is one: <c>1 ticket</c>, <c>0 bad rows</c>, <c>24,918 tickets</c>.</summary>
    public static string Count(long n, string noun) => n == 1 ? $"{Count(n)} {noun}" : $"{Count(n)} {noun}s";

    /// <summary>An instant as ISO 8601 UTC to the minute: <c>2016-03-01 14:05Z</c>.</summary>
    public static string Time(Instant? at) => at is { } t ? t.ToString("uuuu-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture) : "–";

    /// <summary>A date as ISO 8601.</summary>
    public static string Date(LocalDate date) => date.ToString("uuuu-MM-dd", CultureInfo.InvariantCulture);
}
