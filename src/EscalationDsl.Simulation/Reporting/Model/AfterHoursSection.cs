using System.Text.Json.Serialization;

namespace EscalationDsl.Simulation.Reporting;

/// <summary>Pages sent outside the business hours of the policy's default calendar.</summary>
/// <param name="Calendar">The calendar, or null when the policy has no default calendar (then nothing is after hours).</param>
/// <param name="Pages">All pages.</param>
/// <param name="AfterHours">Pages outside business hours.</param>
/// <param name="Share">AfterHours / Pages, or null without pages.</param>
/// <param name="ByRule">Per rule.</param>
/// <param name="ByOwner">Per paged owner.</param>
/// <param name="ByRuleLeftOut">The rules <c>--top</c> left out of <paramref name="ByRule"/>, if any.</param>
/// <param name="ByOwnerLeftOut">The owners <c>--top</c> left out of <paramref name="ByOwner"/>, if any.</param>
public sealed record AfterHoursSection(
    string? Calendar,
    long Pages,
    long AfterHours,
    double? Share,
    IReadOnlyList<CountRow> ByRule,
    IReadOnlyList<CountRow> ByOwner,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LeftOut<CountRow>? ByRuleLeftOut = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] LeftOut<CountRow>? ByOwnerLeftOut = null);
