using System.Globalization;
using EscalationDsl.Runtime.Events;
using NodaTime;
using NodaTime.Text;

namespace EscalationDsl.Simulation.Input;

/// <summary>
/// How a timestamp column is written: a NodaTime local date-time pattern read in a time zone
/// (<c>d/M/yyyy HH:mm</c> in <c>America/New_York</c>), a NodaTime pattern with an offset field
/// (<c>uuuu-MM-dd HH:mm:ss o&lt;+HH:mm&gt;</c>, no zone needed), <c>iso</c> (ISO 8601 and RFC 3339
/// forms, see <see cref="IsoForms"/>), <c>unix</c> (seconds) or <c>unixms</c> (milliseconds).
/// Patterns made only of d, dd, M, MM, yyyy, H, HH, mm, ss and punctuation are parsed without allocating.
/// One instance reads one input at a time (it keeps what the previous cells taught it).
/// </summary>
public sealed partial class TimeFormat
{
    private static readonly LocalDateTime SampleTime = new(2016, 2, 29, 1, 16, 0);
    private readonly Kind kind;
    private readonly LocalDateTimePattern? pattern;
    private readonly OffsetDateTimePattern? offsetPattern;
    private readonly Token[]? tokens;
    private readonly DateTimeZone? zone;

    /// <summary>
    /// The instant each local hour starts at, where one offset holds for the whole hour (most hours): zone
    /// lookups and calendar arithmetic are the slow part of a row, an hour's later times only add to its start.
    /// </summary>
    private readonly Dictionary<long, Instant> hourStarts = [];

    /// <summary>The hour of the last time read through <see cref="hourStarts"/> (no hour's key is negative) and its start.</summary>
    private long lastHourKey = -1;
    private Instant lastHourStart;

    private TimeFormat(string text, Kind kind, DateTimeZone? zone, LocalDateTimePattern? pattern = null, Token[]? tokens = null, OffsetDateTimePattern? offsetPattern = null)
    {
        Text = text;
        this.kind = kind;
        this.pattern = pattern;
        this.offsetPattern = offsetPattern;
        this.tokens = tokens;
        this.zone = zone;
        Example = kind switch
        {
            Kind.Iso => "2016-02-29T01:16:00Z",
            Kind.Unix => "1456708560",
            Kind.UnixMs => "1456708560000",
            Kind.Offset => offsetPattern!.Format(SampleTime.WithOffset(Offset.FromHours(1))),
            _ => pattern!.Format(SampleTime),
        };
    }

    private enum Kind
    {
        Local,
        Offset,
        Iso,
        Unix,
        UnixMs,
    }

    private enum Field
    {
        Literal,
        Day,
        Month,
        Year,
        Hour,
        Minute,
        Second,
    }

    /// <summary>The format as written.</summary>
    public string Text { get; }

    /// <summary>The zone local times are read in; null when none was given.</summary>
    public DateTimeZone? Zone => zone;

    /// <summary>
    /// True when every time is local (a pattern without an offset field), so the format is of no use
    /// without a zone; <c>iso</c> reads a time without an offset in the zone, when there is one.
    /// </summary>
    public bool NeedsZone => kind == Kind.Local;

    /// <summary>True when some times are read in a zone: a local pattern, or <c>iso</c> (its times without an offset).</summary>
    public bool ReadsInZone => kind is Kind.Local or Kind.Iso;

    /// <summary>A sample timestamp in this format, for messages.</summary>
    public string Example { get; }

    /// <summary>
    /// Compiles a format; returns null and a message when the pattern is not valid. <paramref name="zone"/>
    /// is where local times are read (a local pattern without one reads UTC: callers that take a
    /// mapping's word require one, see <see cref="NeedsZone"/>).
    /// </summary>
    public static TimeFormat? Create(string text, DateTimeZone? zone, out string? error)
    {
        error = null;
        switch (text)
        {
            case "iso":
                return new TimeFormat(text, Kind.Iso, zone);
            case "unix":
                return new TimeFormat(text, Kind.Unix, zone);
            case "unixms":
                return new TimeFormat(text, Kind.UnixMs, zone);
        }

        LocalDateTimePattern nodaPattern;
        try
        {
            nodaPattern = LocalDateTimePattern.CreateWithInvariantCulture(text);
        }
        catch (InvalidPatternException e)
        {
            // An offset field (o<+HH:mm>) is no local pattern's: such a pattern reads each time with its own offset.
            return CreateWithOffset(text, zone, e, out error);
        }

        // A pattern without the year, month or day would read every cell as a day of 2000 (NodaTime's template), or none.
        if (nodaPattern.Parse(nodaPattern.Format(SampleTime)) is not { Success: true } sample || sample.Value.Date != SampleTime.Date)
        {
            error = NoDate(text);
            return null;
        }

        return new TimeFormat(text, Kind.Local, zone, nodaPattern, Compile(text));
    }

    private static TimeFormat? CreateWithOffset(string text, DateTimeZone? zone, InvalidPatternException localError, out string? error)
    {
        OffsetDateTimePattern nodaPattern;
        try
        {
            nodaPattern = OffsetDateTimePattern.CreateWithInvariantCulture(text);
        }
        catch (InvalidPatternException e)
        {
            // Which reason fits: the offset pattern's when the text has an offset field, else the local one's.
            error = $"'{text}' is not a date-time pattern: {(text.Contains("o<", StringComparison.Ordinal) ? e : localError).Message.TrimEnd('.')}";
            return null;
        }

        var sample = SampleTime.WithOffset(Offset.FromHours(1));
        if (nodaPattern.Parse(nodaPattern.Format(sample)) is not { Success: true } read || read.Value.Date != sample.Date)
        {
            error = NoDate(text);
            return null;
        }

        error = null;
        return new TimeFormat(text, Kind.Offset, zone, offsetPattern: nodaPattern);
    }

    /// <summary>
    /// The pattern with the upper-case year and day letters of other libraries (<c>YYYY-MM-DD</c>, moment.js and
    /// Java style) in lower case, when that compiles; null otherwise. Quoted text is left as written.
    /// </summary>
    public static string? LowerCaseSlip(string text)
    {
        var chars = text.ToCharArray();
        char? quote = null;
        for (var i = 0; i < chars.Length; i++)
        {
            var c = chars[i];
            if (quote is null && c == '\\')
            {
                i++;
            }
            else if (c is '\'' or '"')
            {
                quote = quote == c ? null : quote ?? c;
            }
            else if (quote is null && c is 'Y' or 'D')
            {
                chars[i] = char.ToLowerInvariant(c);
            }
        }

        var lowered = new string(chars);
        return lowered != text && Create(lowered, DateTimeZone.Utc, out _) is not null ? lowered : null;
    }

    private static string NoDate(string text) => $"'{text}' does not give the date: a timestamp needs its year, month and day";

    /// <summary>
    /// Why a cell that is not missing gives no time, for <c>FILE:ROW: COLUMN: ...</c>: it is not in
    /// the format, or (<c>iso</c>) it is a local time and no zone was given to read it in.
    /// </summary>
    public string Describe(ReadOnlySpan<char> cell) => kind == Kind.Iso && zone is null && IsLocalIso(cell.Trim().ToString())
        ? $"'{cell}' has no offset, and the mapping gives no timeZone to read such times in; add one, such as \"timeZone\": \"Europe/London\""
        : $"'{cell}' is not a time like {Example} ({Text})";

    /// <summary>Parses one cell; false when it does not match the format, or names a time that does not exist or that no instant can hold.</summary>
    public bool TryParse(ReadOnlySpan<char> text, out Instant at)
    {
        at = default;
        text = text.Trim();
        switch (kind)
        {
            case Kind.Iso:
                return TryParseIso(text.ToString(), out at);
            case Kind.Offset:
                if (offsetPattern!.Parse(text.ToString()) is { Success: true } read && EventTimes.ToInstant(read.Value) is { } instant)
                {
                    at = instant;
                    return true;
                }

                return false;
            case Kind.Unix or Kind.UnixMs:
                if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                {
                    return false;
                }

                // Compared before scaling: seconds times 1000 would wrap around for numbers past about 9.2e15.
                var perUnit = kind == Kind.Unix ? 1000 : 1;
                if (number < Instant.MinValue.ToUnixTimeMilliseconds() / perUnit || number > Instant.MaxValue.ToUnixTimeMilliseconds() / perUnit)
                {
                    return false;
                }

                at = Instant.FromUnixTimeMilliseconds(number * perUnit);
                return true;
        }

        LocalDateTime local;
        if (tokens is not null)
        {
            if (!TryParseFast(text, out var read))
            {
                return false;
            }

            // Most hours are known: their start plus minutes and seconds, without building a local time.
            // About a quarter of the ServiceNow log's update times fall in the previous one's hour: no lookup.
            var key = HourKey(read.Year, read.Month, read.Day, read.Hour);
            if (key == lastHourKey || TryHourStart(key))
            {
                at = lastHourStart + Duration.FromSeconds(read.Minute * 60 + read.Second);
                return true;
            }

            local = new LocalDateTime(read.Year, read.Month, read.Day, read.Hour, read.Minute, read.Second);
        }
        else
        {
            var result = pattern!.Parse(text.ToString());
            if (!result.Success)
            {
                return false;
            }

            local = result.Value;
        }

        return TryToInstant(local, out at);
    }

    /// <summary>Makes a known hour the last one read; false when its start is not known yet.</summary>
    private bool TryHourStart(long key)
    {
        if (!hourStarts.TryGetValue(key, out var start))
        {
            return false;
        }

        lastHourKey = key;
        lastHourStart = start;
        return true;
    }

    /// <summary>The instant of a local time; false when none can hold it (the last hours of year 9999 west of UTC).</summary>
    private bool TryToInstant(LocalDateTime local, out Instant at)
    {
        var hour = HourKey(local.Year, local.Month, local.Day, local.Hour);
        var intoHour = Duration.FromNanoseconds(local.NanosecondOfDay - local.Hour * NodaConstants.NanosecondsPerHour);
        if (hourStarts.TryGetValue(hour, out var hourStart))
        {
            at = hourStart + intoHour;
            return true;
        }

        var start = local.Date.At(new LocalTime(local.Hour, 0));
        var end = start.PlusMinutes(59).PlusSeconds(59);
        var localZone = zone ?? DateTimeZone.Utc;
        var first = localZone.MapLocal(start);
        var last = localZone.MapLocal(end);
        var offset = first.EarlyInterval.WallOffset;

        // Only an hour that instants hold from start to end is kept: a later time adds to its start unchecked.
        if (first.Count == 1 && last.Count == 1 && offset == last.EarlyInterval.WallOffset
            && EventTimes.ToInstant(start.WithOffset(offset)) is { } startInstant && EventTimes.ToInstant(end.WithOffset(offset)) is not null)
        {
            if (hourStarts.Count >= 100_000)
            {
                hourStarts.Clear();
            }

            hourStarts[hour] = startInstant;
            at = startInstant + intoHour;
            return true;
        }

        // Local times in a spring-forward gap move forward; in a fall-back overlap the earlier instant is taken.
        var instant = EventTimes.ToInstant(localZone.AtLeniently(local).ToOffsetDateTime());
        at = instant ?? default;
        return instant is not null;
    }

    /// <summary>Month, day and hour are below 13, 32 and 24: one key per local hour of any year.</summary>
    private static long HourKey(int year, int month, int day, int hour) => (((long)year * 13 + month) * 32 + day) * 24 + hour;

    private bool TryParseFast(ReadOnlySpan<char> text, out LocalFields local)
    {
        local = default;
        int day = 0, month = 0, year = 0, hour = 0, minute = 0, second = 0;
        var pos = 0;
        foreach (var token in tokens!)
        {
            if (token.Field == Field.Literal)
            {
                if (pos >= text.Length || text[pos] != token.Literal)
                {
                    return false;
                }

                pos++;
                continue;
            }

            var value = 0;
            var digits = 0;
            while (pos < text.Length && digits < token.MaxDigits && char.IsAsciiDigit(text[pos]))
            {
                value = value * 10 + (text[pos] - '0');
                pos++;
                digits++;
            }

            if (digits < token.MinDigits)
            {
                return false;
            }

            switch (token.Field)
            {
                case Field.Day: day = value; break;
                case Field.Month: month = value; break;
                case Field.Year: year = value; break;
                case Field.Hour: hour = value; break;
                case Field.Minute: minute = value; break;
                case Field.Second: second = value; break;
            }
        }

        // Every month has 28 days: only later days need the calendar.
        if (pos != text.Length || year is < 1 or > 9999 || month is < 1 or > 12 || day < 1 || day > 28 && day > CalendarSystem.Iso.GetDaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        local = new LocalFields(year, month, day, hour, minute, second);
        return true;
    }

    /// <summary>Splits simple numeric patterns into tokens; null when the pattern needs NodaTime's parser.</summary>
    private static Token[]? Compile(string text)
    {
        var tokens = new List<Token>();
        for (var i = 0; i < text.Length;)
        {
            var c = text[i];
            var run = 1;
            while (i + run < text.Length && text[i + run] == c)
            {
                run++;
            }

            Token? token = (c, run) switch
            {
                ('d', 1) => new Token(Field.Day, 1, 2, '\0'),
                ('d', 2) => new Token(Field.Day, 2, 2, '\0'),
                ('M', 1) => new Token(Field.Month, 1, 2, '\0'),
                ('M', 2) => new Token(Field.Month, 2, 2, '\0'),
                ('y', 4) or ('u', 4) => new Token(Field.Year, 4, 4, '\0'),
                ('H', 1) => new Token(Field.Hour, 1, 2, '\0'),
                ('H', 2) => new Token(Field.Hour, 2, 2, '\0'),
                ('m', 2) => new Token(Field.Minute, 2, 2, '\0'),
                ('s', 2) => new Token(Field.Second, 2, 2, '\0'),
                _ => null,
            };
            if (token is null && (char.IsAsciiLetter(c) || c is '\'' or '"' or '\\' or '%' or '<' or '>'))
            {
                return null;
            }

            if (token is null)
            {
                for (var k = 0; k < run; k++)
                {
                    tokens.Add(new Token(Field.Literal, 0, 0, c));
                }
            }
            else
            {
                tokens.Add(token.Value);
            }

            i += run;
        }

        // A one- or two-digit field directly followed by another number field would be ambiguous.
        for (var i = 0; i + 1 < tokens.Count; i++)
        {
            if (tokens[i].Field != Field.Literal && tokens[i + 1].Field != Field.Literal && tokens[i].MinDigits != tokens[i].MaxDigits)
            {
                return null;
            }
        }

        return [.. tokens];
    }

    private readonly record struct Token(Field Field, int MinDigits, int MaxDigits, char Literal);

    /// <summary>A valid local date and time, as read by the fast path.</summary>
    private readonly record struct LocalFields(int Year, int Month, int Day, int Hour, int Minute, int Second);
}
