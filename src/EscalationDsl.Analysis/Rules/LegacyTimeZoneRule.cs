using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Syntax;

namespace EscalationDsl.Analysis.Rules;

/// <summary>
/// ESL033: a calendar in a legacy zone id the database still accepts but that keeps no region's clocks
/// (<c>EST</c> is UTC-05:00 all year, <c>EST5EDT</c> and <c>Etc/GMT+5</c> belong to no region): business hours
/// written for a place are an hour off whenever the place's clocks differ. <see cref="TimeZoneNames.Legacy"/> decides.
/// </summary>
public sealed class LegacyTimeZoneRule() : LintRule(
    "ESL033",
    "legacy-time-zone",
    DiagnosticLevel.Warning,
    "A calendar's time zone is a legacy id (EST, CET, EST5EDT, Etc/GMT+5) that keeps no region's clocks, rather than a region id such as America/New_York.")
{
    /// <inheritdoc />
    public override IEnumerable<Diagnostic> Analyze(SemanticModel model)
    {
        foreach (var calendar in model.Syntax.Declarations.OfType<CalendarSyntax>())
        {
            if (calendar.Zone is { } zone && TimeZoneNames.Legacy(zone.Value) is { } why)
            {
                yield return Report(zone.Span, why);
            }
        }
    }
}
