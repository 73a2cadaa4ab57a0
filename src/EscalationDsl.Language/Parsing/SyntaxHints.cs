using System.Globalization;
using Antlr4.Runtime;
using Antlr4.Runtime.Misc;
using EscalationDsl.Language.Parsing.Generated;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Parsing;

/// <summary>
/// Sentences for <see cref="SyntaxErrorStrategy"/> that explain a syntax error better than the list of
/// tokens that could come next, each for one mistake authors make: a duration split in two, a comma
/// between the actions of a `deescalate` block or after a route's entry, a `policy` header that is not first.
/// </summary>
internal static class SyntaxHints
{
    /// <summary>
    /// A compact duration split in two: `1h 30m` (a space inside it) or `1h30` (a number without its
    /// unit, lexed as the duration `1h` and the number `30`). Null when the token does not continue one.
    /// </summary>
    public static string? SplitDuration(IToken duration, IToken token)
    {
        if (token.Type == EscalationLexer.DURATION)
        {
            // Joined, the two must make a duration the binder takes: `30m 1h` is not `30m1h` (ESC2039).
            var joined = duration.Text + token.Text;
            return CompactDuration.TryParse(joined, out var minutes, out var unit) switch
            {
                null => $"A compact duration is one word, without spaces: write {joined}.",
                { } problem and (CompactDurationProblem.UnitRepeated or CompactDurationProblem.UnitOutOfOrder) =>
                    $"A compact duration is one word, without spaces, {CompactDuration.OrderAdvice(joined, unit!, problem, minutes).Advice}.",
                _ => "A compact duration is one word, without spaces, such as 1h30m.",
            };
        }

        if (token.Type != EscalationLexer.INT || token.StartIndex != duration.StopIndex + 1)
        {
            return null;
        }

        // The unit below the duration's last one is the likeliest meaning of the bare number (1h30 is 1h30m).
        var smaller = char.ToLowerInvariant(duration.Text[^1]) switch
        {
            'w' => "d",
            'd' => "h",
            'h' => "m",
            _ => null,
        };
        return smaller is null
            ? $"Every number in a compact duration needs its unit, as in 1h30m; '{token.Text}' has none."
            : $"Every number in a compact duration needs its unit: write {duration.Text}{token.Text}{smaller}.";
    }

    /// <summary>A `policy` header that is not the first thing in the file: a second policy, or a header written late.</summary>
    public static string MisplacedHeader(ITokenStream stream, SourceText source)
    {
        // The offending `policy` token is on the default channel, so the search ends at it at the latest.
        var i = 0;
        while (stream.Get(i).Channel != TokenConstants.DefaultChannel)
        {
            i++;
        }

        var first = stream.Get(i);
        return first.Type == EscalationLexer.POLICY
            ? $"A file holds one policy, and its header is on line {source.GetPosition(first.StartIndex).Line}; put a second policy in a file of its own."
            : "The `policy` header comes first in the file (only comments may precede it); move it to the top.";
    }

    /// <summary>
    /// A comma after an entry of a <c>route</c> or <c>calendar by</c> block (<c>orders -&gt; fulfil,</c>): entries stand on
    /// line breaks or spaces, and a comma only joins the values before the arrow. Null for any other token.
    /// </summary>
    public static string? CommaAfterEntry(RuleContext? context, ITokenStream stream, IToken token)
    {
        if (token.Type != EscalationLexer.COMMA || token.TokenIndex < 2)
        {
            return null;
        }

        var block = context switch
        {
            EscalationParser.RouteDeclContext or EscalationParser.RouteEntryContext => "route",
            EscalationParser.CalendarDeclContext or EscalationParser.CalendarChoiceContext => "calendar by",
            _ => null,
        };
        var arrow = PreviousDefault(stream, PreviousDefault(stream, token.TokenIndex));
        return block is not null && arrow >= 0 && stream.Get(arrow).Type == EscalationLexer.ARROW
            ? $"Inside a `{block}` block, entries are separated by line breaks or spaces, not commas (a comma only joins the values before an '->', as in `VALUE, VALUE -> {stream.Get(PreviousDefault(stream, token.TokenIndex)).Text}`). Remove the ','."
            : null;
    }

    /// <summary>
    /// An <c>hours</c> line written another way: a day range with '-' or <c>to</c> (<c>mon-fri</c>), or hours
    /// without minutes (<c>8-17</c>). Null when the token is none of these.
    /// </summary>
    public static string? HoursItem(IntervalSet expected, ITokenStream stream, IToken token, IToken? before)
    {
        if (!expected.Contains(EscalationLexer.TIME_OF_DAY))
        {
            return null;
        }

        var next = stream.LT(2);
        if (expected.Contains(EscalationLexer.DOTDOT) && before is { Type: EscalationLexer.IDENT }
            && (token.Type == EscalationLexer.MINUS || token.Text is "to" or "through") && next is { Type: EscalationLexer.IDENT }
            && Day(before.Text) is { } from && Day(next.Text) is { } to)
        {
            return $"A range of days is written with '..': {from}..{to}.";
        }

        // Whole hours of a day only (8-17, 0-24): a number such as 0900 or 25 is not an hour, and a guess would mislead.
        static string? Hour(IToken t) => t.Type == EscalationLexer.INT && t.Text.Length <= 2 && int.Parse(t.Text, CultureInfo.InvariantCulture) <= 24
            ? t.Text.PadLeft(2, '0') + ":00" : null;
        return Hour(token) is { } start && next is { Type: EscalationLexer.MINUS } && stream.LT(3) is { } end && Hour(end) is { } stop
            ? $"Times are written as hh:mm: {start}-{stop}."
            : null;
    }

    /// <summary>
    /// An <c>hours</c> range with a 12-hour clock (<c>8:30am-5:00pm</c>, <c>9am-5pm</c>, <c>8:30 AM - 5 PM</c>), written
    /// in the 24-hour form the language takes: <c>08:30-17:00</c>. Null when the token is not in such a range of a calendar.
    /// </summary>
    public static string? TwelveHourRange(RuleContext? context, ITokenStream stream, IToken token)
    {
        if (!InCalendar(context) || !IsClockPart(token))
        {
            return null;
        }

        // Back to the range's first token: the parser may stop at its 'am', its '-' or its second time.
        var start = token.TokenIndex;
        for (var i = PreviousDefault(stream, start); i >= 0 && IsClockPart(stream.Get(i)) && stream.Get(i).Line == token.Line; i = PreviousDefault(stream, i))
        {
            start = i;
        }

        if (ClockTime(stream, start, end: false) is not { } from || NextDefault(stream, from.Next) is not { } dash
            || stream.Get(dash).Type != EscalationLexer.MINUS || ClockTime(stream, NextDefault(stream, dash) ?? -1, end: true) is not { } to
            || !(from.Meridiem || to.Meridiem))
        {
            return null;
        }

        return $"Times are 24-hour, written as HH:MM without am or pm: {from.Text}-{to.Text}.";
    }

    /// <summary>A token an <c>hours</c> range with am or pm is made of: a time, an hour, '-', am, pm, or a duration-like <c>9am</c>.</summary>
    private static bool IsClockPart(IToken token) => token.Type switch
    {
        EscalationLexer.TIME_OF_DAY or EscalationLexer.INT or EscalationLexer.MINUS => true,
        EscalationLexer.IDENT => Meridiem(token.Text) is not null,
        EscalationLexer.DURATION => HourWithMeridiem(token.Text) is not null,
        _ => false,
    };

    /// <summary>
    /// The time of day at <paramref name="index"/>, with its am or pm, as HH:MM, and the index of its last token. Null when
    /// it is no time, or no 12-hour time when it has am or pm. 12am ends a range at 24:00 and starts one at 00:00.
    /// </summary>
    private static (string Text, bool Meridiem, int Next)? ClockTime(ITokenStream stream, int index, bool end)
    {
        if (index < 0)
        {
            return null;
        }

        var token = stream.Get(index);
        var last = index;
        int hour, minute = 0;
        bool? pm;
        switch (token.Type)
        {
            case EscalationLexer.DURATION when HourWithMeridiem(token.Text) is var (h, p):
                (hour, pm) = (h, p);
                break;
            case EscalationLexer.TIME_OF_DAY or EscalationLexer.INT:
                var parts = token.Text.Split(':');
                if (parts[0].Length > 2)
                {
                    return null;
                }

                hour = int.Parse(parts[0], CultureInfo.InvariantCulture);
                minute = parts.Length > 1 ? int.Parse(parts[1], CultureInfo.InvariantCulture) : 0;
                pm = null;
                if (NextDefault(stream, index) is { } after && Meridiem(stream.Get(after).Text) is { } meridiem)
                {
                    (pm, last) = (meridiem, after);
                }

                break;
            default:
                return null;
        }

        if (minute > 59 || (pm is null ? hour > 24 : hour is < 1 or > 12))
        {
            return null;
        }

        var hour24 = pm switch
        {
            null => hour,
            true => hour % 12 + 12,
            false => hour == 12 && minute == 0 && end ? 24 : hour % 12,
        };
        return ($"{hour24:00}:{minute:00}", pm is not null, last);
    }

    /// <summary>True for pm, false for am, whatever the case; null for another word.</summary>
    private static bool? Meridiem(string word) => word.ToLowerInvariant() switch
    {
        "am" => false,
        "pm" => true,
        _ => null,
    };

    /// <summary>The hour and whether it is pm, of an hour glued to am or pm (<c>9am</c>, <c>5PM</c>), which lexes as a duration.</summary>
    private static (int Hour, bool Pm)? HourWithMeridiem(string text) =>
        text.Length is 3 or 4 && Meridiem(text[^2..]) is { } pm && int.TryParse(text[..^2], NumberStyles.None, CultureInfo.InvariantCulture, out var hour)
            ? (hour, pm)
            : null;

    private static bool InCalendar(RuleContext? context)
    {
        for (var c = context; c is not null; c = c.Parent)
        {
            if (c is EscalationParser.CalendarDeclContext)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A <c>holiday</c> range written with '-' or <c>to</c> between its dates (<c>holiday 2026-12-24 - 2026-12-26</c>), as an
    /// <c>hours</c> line's day range is (<see cref="HoursItem"/>). Null when the token is not between two dates of a holiday.
    /// </summary>
    public static string? HolidayRange(IntervalSet expected, ITokenStream stream, IToken token, IToken? before) =>
        expected.Contains(EscalationLexer.DOTDOT) && before is { Type: EscalationLexer.DATE }
        && (token.Type == EscalationLexer.MINUS || token.Text is "to" or "through" or "until")
        && stream.LT(2) is { Type: EscalationLexer.DATE } next
            ? $"A range of holidays is written with '..': {before.Text}..{next.Text}."
            : null;

    /// <summary>A day's name as an <c>hours</c> line writes it (<c>mon</c>), from its name or abbreviation in any case; null for another word.</summary>
    private static string? Day(string word)
    {
        var lower = word.ToLowerInvariant();
        string[] days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];
        string[] names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
        var i = Array.FindIndex(names, n => lower.Length >= 3 && n.StartsWith(lower, StringComparison.Ordinal));
        return i < 0 ? null : days[i];
    }

    /// <summary>The index of the nearest token before <paramref name="index"/> on the default channel (not a comment or white space), or -1.</summary>
    public static int PreviousDefault(ITokenStream stream, int index)
    {
        for (var i = index - 1; i >= 0; i--)
        {
            if (stream.Get(i).Channel == TokenConstants.DefaultChannel)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The index of the nearest token after <paramref name="index"/> on the default channel, or null at the end.</summary>
    private static int? NextDefault(ITokenStream stream, int index)
    {
        for (var i = index + 1; i < stream.Size; i++)
        {
            var token = stream.Get(i);
            if (token.Type == TokenConstants.EOF)
            {
                return null;
            }

            if (token.Channel == TokenConstants.DefaultChannel)
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>True when the token stands between the braces of a `deescalate` block (not in its condition).</summary>
    public static bool InDeescalateBlock(RuleContext? context, IToken token)
    {
        for (var c = context; c is not null; c = c.Parent)
        {
            if (c is EscalationParser.DeescalateDeclContext block)
            {
                return block.LBRACE()?.Symbol is { TokenIndex: >= 0 } open && open.StartIndex < token.StartIndex;
            }
        }

        return false;
    }
}
