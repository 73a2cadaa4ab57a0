using NodaTime;

namespace EscalationDsl.Simulation.Reporting.Building;

/// <summary>Weeks run Monday to Sunday in the report's zone.</summary>
internal static class Weeks
{
    public static LocalDate Start(Instant at, DateTimeZone zone)
    {
        var date = at.InZone(zone).Date;
        return date.PlusDays(-((int)date.DayOfWeek - 1));
    }
}
