using EscalationDsl.Language.Semantics;
using NodaTime;

namespace EscalationDsl.Runtime.Tests.Time;

/// <summary>
/// A deliberately naive reading of docs/language.md and docs/runtime.md, sharing nothing with the
/// runtime's BusinessCalendar or TimeArithmetic but the declared calendar: each local date's ranges are
/// mapped to instants through NodaTime's zone map (a local time that occurs once is that instant, one
/// that occurs twice its first occurrence, one in a gap the instant the gap ends), and every answer is
/// found by walking those dates in order, one interval at a time, with no caches.
/// </summary>
internal sealed class ReferenceCalendar(CalendarModel model)
{
    /// <summary>How far the runtime looks for business hours (docs: "in the next ten years").</summary>
    private const int SearchDays = 3700;

    private DateTimeZone Zone => model.Zone;

    /// <summary>The local date of an instant, straight from the zone.</summary>
    public LocalDate DateOf(long at) => Instant.FromUnixTimeMilliseconds(at).InZone(Zone).Date;

    /// <summary>The instant of a local time on the documented mapping.</summary>
    public long Map(LocalDateTime local)
    {
        var mapping = Zone.MapLocal(local);
        var instant = mapping.Count switch
        {
            1 => mapping.Single().ToInstant(),
            2 => mapping.First().ToInstant(),
            _ => mapping.LateInterval.Start,
        };
        return instant.ToUnixTimeMilliseconds();
    }

    /// <summary>The business intervals of a local date, in order, without empty ones (a day without business time has none).</summary>
    public List<(long Start, long End)> On(LocalDate date)
    {
        var result = new List<(long, long)>();
        foreach (var holiday in model.Holidays)
        {
            if (holiday.From <= date && date <= holiday.To)
            {
                return result;
            }
        }

        foreach (var range in model.Week[(int)date.DayOfWeek - 1])
        {
            var start = Map(date.At(LocalTime.Midnight).PlusMinutes(range.StartMinute));
            var end = range.EndMinute == 1440 ? Map(date.PlusDays(1).At(LocalTime.Midnight)) : Map(date.At(LocalTime.Midnight).PlusMinutes(range.EndMinute));
            if (end > start)
            {
                result.Add((start, end));
            }
        }

        return result;
    }

    /// <summary>
    /// Every business interval (with its date) that ends after <paramref name="from"/>, in order, for
    /// <see cref="SearchDays"/> days. Starts two days before the instant's local date, since a zone may
    /// step back over midnight and give a later instant an earlier date.
    /// </summary>
    public IEnumerable<(LocalDate Date, long Start, long End)> From(long from)
    {
        var first = DateOf(from).PlusDays(-2);
        for (var d = 0; d < SearchDays + 2; d++)
        {
            var date = first.PlusDays(d);
            foreach (var (start, end) in On(date))
            {
                if (end > from)
                {
                    yield return (date, start, end);
                }
            }
        }
    }

    public bool IsOpen(long at) => From(at).Take(1).Any(i => i.Start <= at);

    public (long Start, long End)? NextInterval(long at) =>
        From(at).Select(i => ((long, long)?)(Math.Max(i.Start, at), i.End)).FirstOrDefault();

    public long BusinessBetween(long from, long to) =>
        From(from).TakeWhile(i => i.Start < to).Sum(i => Math.Min(i.End, to) - Math.Max(i.Start, from));

    /// <summary>
    /// The first instant by which <paramref name="amount"/> milliseconds of business time that is not
    /// paused have passed since <paramref name="start"/>; null when an open pause comes first.
    /// </summary>
    public long? AddBusiness(long start, long amount, IReadOnlyList<(long From, long To)> pauses)
    {
        var remaining = amount;
        foreach (var (_, a, b) in From(start))
        {
            foreach (var (sa, sb) in Unpaused(Math.Max(a, start), b, pauses))
            {
                if (remaining <= sb - sa)
                {
                    return sa + remaining;
                }

                remaining -= sb - sa;
            }

            if (pauses.Count > 0 && pauses[^1].To == long.MaxValue && b >= pauses[^1].From)
            {
                return null; // the clock stopped for good before the time ran out
            }
        }

        return null;
    }

    /// <summary>
    /// The stretches a wait of <paramref name="amount"/> business milliseconds from <paramref name="start"/> counts, in
    /// order (each business interval's parts outside every pause, the last cut at the deadline), and the deadline: null
    /// when an open pause comes first. The pauses are walked alongside the intervals, one at a time.
    /// </summary>
    public (List<(long From, long To)> Stretches, long? Due) Wait(long start, long amount, IReadOnlyList<(long From, long To)> pauses)
    {
        var stretches = new List<(long From, long To)>();
        var remaining = amount;
        var p = 0;
        foreach (var (_, a, b) in From(start))
        {
            var cursor = Math.Max(a, start);
            while (cursor < b)
            {
                while (p < pauses.Count && pauses[p].To <= cursor)
                {
                    p++;
                }

                if (p < pauses.Count && pauses[p].From <= cursor)
                {
                    if (pauses[p].To == long.MaxValue)
                    {
                        return (stretches, null);
                    }

                    cursor = pauses[p].To;
                    continue;
                }

                var end = p < pauses.Count ? Math.Min(b, pauses[p].From) : b;
                if (remaining <= end - cursor)
                {
                    stretches.Add((cursor, cursor + remaining));
                    return (stretches, cursor + remaining);
                }

                stretches.Add((cursor, end));
                remaining -= end - cursor;
                cursor = end;
            }
        }

        return (stretches, null);
    }

    /// <summary>
    /// docs/runtime.md: the same point of the business day N business days later, clamped to the end of a
    /// shorter day; from outside business hours from the next opening; a business day is a date's business
    /// hours. Business time paused between the start and that point is then added on.
    /// </summary>
    public long? AddBusinessDays(long start, int days, IReadOnlyList<(long From, long To)> pauses)
    {
        var (date, open, _) = From(start).First();
        var begin = Math.Max(open, start);
        var position = On(date).Sum(i => Math.Max(0, Math.Min(i.End, begin) - i.Start));

        var target = date;
        for (var n = 0; n < days;)
        {
            target = target.PlusDays(1);
            if (On(target).Count > 0)
            {
                n++;
            }
        }

        var intervals = On(target);
        var result = intervals[^1].End;
        var left = position;
        foreach (var (a, b) in intervals)
        {
            if (left < b - a)
            {
                result = a + left;
                break;
            }

            left -= b - a;
        }

        if (pauses.Any(p => p.To == long.MaxValue && p.From < result))
        {
            return null;
        }

        var paused = pauses.Sum(p => p.To <= start || p.From >= result ? 0 : BusinessBetween(Math.Max(p.From, start), Math.Min(p.To, result)));
        return paused == 0 ? result : AddBusiness(result, paused, pauses);
    }

    /// <summary>The parts of [<paramref name="a"/>, <paramref name="b"/>) outside every pause, in order.</summary>
    private static IEnumerable<(long, long)> Unpaused(long a, long b, IReadOnlyList<(long From, long To)> pauses)
    {
        var cursor = a;
        foreach (var (from, to) in pauses)
        {
            if (to <= cursor || from >= b)
            {
                continue;
            }

            if (from > cursor)
            {
                yield return (cursor, from);
            }

            cursor = Math.Max(cursor, to);
            if (cursor >= b)
            {
                yield break;
            }
        }

        if (cursor < b)
        {
            yield return (cursor, b);
        }
    }
}
