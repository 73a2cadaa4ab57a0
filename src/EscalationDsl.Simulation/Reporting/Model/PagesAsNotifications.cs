using System.Text.Json.Serialization;

namespace EscalationDsl.Simulation.Reporting;

/// <summary>Pages that went out as notifications (they count as notifications), by why.</summary>
/// <param name="PageGuard">Because a <c>page only when</c> (policy-wide or the rule's own) did not hold.</param>
/// <param name="PagingStopped">Because paging was stopped on the ticket (<c>stop paging</c>).</param>
public readonly record struct PagesAsNotifications(long PageGuard, long PagingStopped)
{
    /// <summary>Both together.</summary>
    [JsonIgnore]
    public long Total => PageGuard + PagingStopped;

    /// <summary>Both added up, row by row (a <c>--top</c> rest row).</summary>
    public static PagesAsNotifications operator +(PagesAsNotifications a, PagesAsNotifications b) =>
        new(a.PageGuard + b.PageGuard, a.PagingStopped + b.PagingStopped);
}
