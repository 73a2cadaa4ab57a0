using EscalationDsl.Runtime.Events;
using NodaTime;
using NodaTime.Text;

namespace EscalationDsl.Simulation.Input;

/// <summary><c>iso</c>: the ISO 8601 and RFC 3339 forms exports write, read by NodaTime's patterns.</summary>
public sealed partial class TimeFormat
{
    /// <summary>
    /// What <c>iso</c> reads besides the canonical form of events (<see cref="TicketEventJson.ParseTime"/>):
    /// <c>T</c> or a space between date and time; seconds (with a fraction after <c>.</c> or <c>,</c>)
    /// or not; the offset as <c>Z</c>, <c>+01:00</c>, <c>+01</c> or <c>+0100</c>, directly after the
    /// time or after a space; or no offset, a local time read in the zone. No two forms read the same
    /// text, so the order only decides how soon a form is found; the first is the canonical form's pattern.
    /// </summary>
    private static readonly IsoForm[] IsoForms = BuildIsoForms();

    /// <summary>The form that read the previous cell, tried first (an export writes all its times alike); -1 for the canonical form.</summary>
    private int lastIsoForm = -1;

    private bool TryParseIso(string text, out Instant at)
    {
        if (lastIsoForm < 0 && TicketEventJson.ParseTime(text) is { } canonical)
        {
            at = canonical;
            return true;
        }

        if (lastIsoForm >= 0 && TryIsoForm(IsoForms[lastIsoForm], text, out at))
        {
            return true;
        }

        for (var i = 0; i < IsoForms.Length; i++)
        {
            if (i != lastIsoForm && TryIsoForm(IsoForms[i], text, out at))
            {
                // The first form is the canonical one: its cells go back to ParseTime's fast path.
                lastIsoForm = i == 0 ? -1 : i;
                return true;
            }
        }

        at = default;
        return false;
    }

    private bool TryIsoForm(IsoForm form, string text, out Instant at)
    {
        at = default;
        if (form.WithOffset is { } withOffset)
        {
            if (withOffset.Parse(text) is { Success: true } read && EventTimes.ToInstant(read.Value) is { } instant)
            {
                at = instant;
                return true;
            }

            return false;
        }

        // A local time needs the zone; without one the cell is reported as such (Describe).
        return zone is not null && form.Local!.Parse(text) is { Success: true } local && TryToInstant(local.Value, out at);
    }

    /// <summary>True when the text is an <c>iso</c> local time, one without an offset.</summary>
    private static bool IsLocalIso(string text) => IsoForms.Any(f => f.Local?.Parse(text).Success == true);

    private static IsoForm[] BuildIsoForms()
    {
        var forms = new List<IsoForm>();
        foreach (var time in new[] { "HH':'mm':'ss;FFFFFFFFF", "HH':'mm" })
        {
            foreach (var separator in new[] { "'T'", "' '" })
            {
                var dateTime = $"uuuu'-'MM'-'dd{separator}{time}";
                foreach (var space in new[] { "", "' '" })
                {
                    // G reads Z, +01 and +01:00; Z+HHmm reads Z and +0100.
                    foreach (var offset in new[] { "o<G>", "o<Z+HHmm>" })
                    {
                        forms.Add(new IsoForm(OffsetDateTimePattern.CreateWithInvariantCulture(dateTime + space + offset), null));
                    }
                }

                forms.Add(new IsoForm(null, LocalDateTimePattern.CreateWithInvariantCulture(dateTime)));
            }
        }

        return [.. forms];
    }

    private sealed record IsoForm(OffsetDateTimePattern? WithOffset, LocalDateTimePattern? Local);
}
