namespace EscalationDsl.Runtime.Time;

/// <summary>
/// Running totals over a ticket's pauses on one calendar: the business time inside the pauses before each, and by
/// how many they change the stretches a wait over them is counted in (a pause that ends inside a business interval
/// starts one; every interval that starts inside a pause does not start one). Only pauses that can no longer change
/// are kept (all but the last); a wait over thousands of pauses then sums them in a few steps.
/// </summary>
internal sealed class PausedBusiness(BusinessCalendar calendar, PausedBusiness? next)
{
    private long[] business = new long[8];
    private long[] stretches = new long[8];
    private int known;

    /// <summary>The calendar the totals are on.</summary>
    public BusinessCalendar Calendar => calendar;

    /// <summary>The totals of the same pauses on another calendar, if kept.</summary>
    public PausedBusiness? Next => next;

    /// <summary>
    /// The business milliseconds inside pauses 0 to <paramref name="i"/> - 1 and what those pauses add to the
    /// number of stretches, all of which have ended; null when the calendar's ledger cannot cover them.
    /// </summary>
    public (long Business, long Stretches)? Before(PauseSet pauses, int i)
    {
        for (; known < Math.Min(i, pauses.Count - 1); known++)
        {
            if (Of(pauses, known) is not { } pause)
            {
                return null;
            }

            if (known + 2 > business.Length)
            {
                Array.Resize(ref business, business.Length * 2);
                Array.Resize(ref stretches, business.Length);
            }

            business[known + 1] = business[known] + pause.Business;
            stretches[known + 1] = stretches[known] + pause.Stretches;
        }

        if (i <= known)
        {
            return (business[i], stretches[i]);
        }

        // The last pause may still grow or go (a zero-length one is removed): counted each time.
        return Of(pauses, known) is { } last ? (business[known] + last.Business, stretches[known] + last.Stretches) : null;
    }

    private (long Business, long Stretches)? Of(PauseSet pauses, int j)
    {
        var ledger = calendar.Ledger;
        if (ledger.Totals(pauses.From(j)) is not { } from || ledger.Totals(pauses.To(j)) is not { } to)
        {
            return null;
        }

        return (to.Business - from.Business, (calendar.IsInsideInterval(pauses.To(j)) ? 1 : 0) - (to.Starts - from.Starts));
    }
}
