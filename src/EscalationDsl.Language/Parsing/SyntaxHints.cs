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
        static string? Hour(IToken t) => t.Type == EscalationLexer.INT && t.Text.Length <= 2 && int.Parse(t.Text, System.Globalization.CultureInfo.InvariantCulture) <= 24
            ? t.Text.PadLeft(2, '0') + ":00" : null;
        return Hour(token) is { } start && next is { Type: EscalationLexer.MINUS } && stream.LT(3) is { } end && Hour(end) is { } stop
            ? $"Times are written as hh:mm: {start}-{stop}."
            : null;
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
