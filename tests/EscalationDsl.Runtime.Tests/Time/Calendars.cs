using EscalationDsl.Runtime.Time;
using NodaTime;
using NodaTime.Text;

namespace EscalationDsl.Runtime.Tests.Time;

/// <summary>Runtime calendars built from `.esc` calendar declarations, and instants written as ISO text.</summary>
internal static class Calendars
{
    /// <summary>New York, mon..fri 09:00-17:00, Thanksgiving and Christmas 2026 off.</summary>
    public static readonly BusinessCalendar NewYork = Compile("""
        calendar business "America/New_York" {
            hours mon..fri 09:00-17:00
            holiday 2026-11-26 "Thanksgiving Day"
            holiday 2026-12-25 "Christmas Day"
        }
        """);

    /// <summary>New York around the clock: every local day from 00:00 to 24:00.</summary>
    public static readonly BusinessCalendar NewYorkAlways = Compile("""
        calendar always "America/New_York" { hours mon..sun 00:00-24:00 }
        """);

    /// <summary>New York with a lunch break.</summary>
    public static readonly BusinessCalendar NewYorkLunch = Compile("""
        calendar lunch "America/New_York" { hours mon..fri 09:00-12:00, 13:00-17:00 }
        """);

    /// <summary>Compiles a policy holding one calendar declaration and returns its runtime calendar.</summary>
    public static BusinessCalendar Compile(string calendar)
    {
        var policy = TicketScript.Compile($"policy \"calendar\" version 1\n{calendar}\nseverity sev1 {{ }}\n");
        return policy.Calendar(policy.Model.Calendars.ShouldHaveSingleItem());
    }

    /// <summary>Unix milliseconds of an ISO instant such as 2026-03-06T21:00:00Z.</summary>
    public static long Ms(string iso) => InstantPattern.ExtendedIso.Parse(iso).Value.ToUnixTimeMilliseconds();

    /// <summary>An ISO instant of Unix milliseconds.</summary>
    public static string Iso(long ms) => InstantPattern.ExtendedIso.Format(Instant.FromUnixTimeMilliseconds(ms));

    /// <summary>An ISO instant of Unix milliseconds, or "none".</summary>
    public static string Iso(long? ms) => ms is { } value ? Iso(value) : "none";

    /// <summary>A pause set with closed intervals given as ISO pairs.</summary>
    public static PauseSet Pauses(params (string From, string To)[] intervals)
    {
        var set = new PauseSet();
        foreach (var (from, to) in intervals)
        {
            set.Begin(Ms(from));
            set.End(Ms(to));
        }

        return set;
    }
}
