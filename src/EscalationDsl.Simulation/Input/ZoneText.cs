using NodaTime;
using NodaTime.TimeZones;

namespace EscalationDsl.Simulation.Input;

/// <summary>
/// The zone a mapping's <c>timeZone</c> or a zone cell (<c>timeZoneColumn</c>) names, in the spellings
/// exports write (docs/importers.md): a UTC offset (<c>+01:00</c>, <c>-0600</c>, <c>+05</c>, <c>+5:30</c>),
/// UTC itself (<c>Z</c>, <c>UTC</c>, <c>GMT</c>) or an offset from it (<c>UTC+1</c>, <c>GMT-6</c>,
/// <c>UTC-05:30</c>), an IANA zone id (<c>America/Chicago</c>), or a Windows zone name
/// (<c>Central Standard Time</c>, mapped to the IANA zone of its main territory, as Windows itself does).
/// </summary>
internal static class ZoneText
{
    /// <summary>Why a text that names no zone is refused (after the quoted text): what it is not, with spellings that are read.</summary>
    public const string NotAZone = "is not a UTC offset such as +01:00, -0600 or UTC-5, nor an IANA or Windows time zone id such as America/Chicago or Central Standard Time";

    /// <summary>NodaTime's offsets go up to 18 hours either way.</summary>
    private const int MaxOffsetHours = 18;

    /// <summary>The zone the text names, or null when it is none of the spellings above.</summary>
    public static DateTimeZone? Find(string text)
    {
        if (OffsetOf(text) is { } offset)
        {
            return DateTimeZone.ForOffset(offset);
        }

        return DateTimeZoneProviders.Tzdb.GetZoneOrNull(text)
            ?? (TzdbDateTimeZoneSource.Default.WindowsMapping.PrimaryMapping.TryGetValue(text, out var id) ? DateTimeZoneProviders.Tzdb.GetZoneOrNull(id) : null);
    }

    /// <summary>
    /// The offset of <c>Z</c>, <c>UTC</c> or <c>GMT</c> (zero), of <c>±H</c>, <c>±HH</c>, <c>±H:mm</c>,
    /// <c>±HH:mm</c> or <c>±HHmm</c>, and of those after <c>UTC</c> or <c>GMT</c>; null for any other text.
    /// </summary>
    private static Offset? OffsetOf(ReadOnlySpan<char> text)
    {
        if (text is "Z" or "UTC" or "GMT")
        {
            return Offset.Zero;
        }

        if (text.StartsWith("UTC", StringComparison.Ordinal) || text.StartsWith("GMT", StringComparison.Ordinal))
        {
            text = text[3..];
        }

        if (text.Length < 2 || text[0] is not ('+' or '-'))
        {
            return null;
        }

        var sign = text[0] == '-' ? -1 : 1;
        var rest = text[1..];
        var hourDigits = rest.Length > 1 && char.IsAsciiDigit(rest[1]) ? 2 : 1;
        if (!Digits(rest[..hourDigits], out var hours))
        {
            return null;
        }

        var minutesText = rest[hourDigits..];
        var minutes = 0;
        var readsMinutes = minutesText switch
        {
            [] => true,
            [':', _, _] => Digits(minutesText[1..], out minutes),

            // Without a colon only ±HHmm: ±Hmm would read +530 and +1030 alike.
            [_, _] => hourDigits == 2 && Digits(minutesText, out minutes),
            _ => false,
        };
        if (!readsMinutes || minutes > 59 || hours * 60 + minutes > MaxOffsetHours * 60)
        {
            return null;
        }

        return Offset.FromSeconds(sign * (hours * 3600 + minutes * 60));
    }

    private static bool Digits(ReadOnlySpan<char> text, out int value)
    {
        value = 0;
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = value * 10 + c - '0';
        }

        return true;
    }
}
