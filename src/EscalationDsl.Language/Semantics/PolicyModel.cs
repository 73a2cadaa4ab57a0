using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>
/// A bound policy: every name resolved, every duration typed, every calendar checked.
/// Immutable; the runtime compiles it into state machines.
/// </summary>
public sealed record PolicyModel(
    string Name,
    int Version,
    ImmutableArray<CalendarModel> Calendars,
    ImmutableArray<OwnerModel> Owners,
    ImmutableArray<FieldModel> Fields,
    ImmutableArray<SeverityModel> Severities,
    ImmutableArray<RouteModel> Routes,
    ImmutableArray<RuleModel> Rules,
    ImmutableArray<RequireGuardModel> RequireGuards,
    ImmutableArray<PageGuardModel> PageGuards,
    ImmutableArray<DeescalationModel> Deescalations,
    ImmutableArray<PauseModel> Pauses)
{
    /// <summary>The <c>calendar by</c> block that chooses a ticket's calendar, or null.</summary>
    public CalendarChoiceModel? CalendarChoice { get; init; }

    /// <summary>The owner with this name, or null.</summary>
    public OwnerModel? FindOwner(string name)
    {
        foreach (var owner in Owners)
        {
            if (owner.Name == name)
            {
                return owner;
            }
        }

        return null;
    }

    /// <summary>The severity with this name, or null.</summary>
    public SeverityModel? FindSeverity(string name)
    {
        foreach (var severity in Severities)
        {
            if (severity.Name == name)
            {
                return severity;
            }
        }

        return null;
    }

    /// <summary>The field (declared or built in) with this name, or null.</summary>
    public FieldModel? FindField(string name)
    {
        foreach (var field in Fields)
        {
            if (field.Name == name)
            {
                return field;
            }
        }

        return null;
    }

    /// <summary>The route on this field, or null.</summary>
    public RouteModel? FindRoute(string field) => Routes.FirstOrDefault(r => r.Field.Name == field);

    /// <summary>The rule with this name, or null.</summary>
    public RuleModel? FindRule(string name) => Rules.FirstOrDefault(r => r.Name == name);
}
