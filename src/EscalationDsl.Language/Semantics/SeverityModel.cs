using System.Collections.Immutable;
using EscalationDsl.Language.Syntax;
using EscalationDsl.Language.Text;
using NodaTime;

namespace EscalationDsl.Language.Semantics;

/// <summary>A severity and its SLA targets. <see cref="Rank"/> 0 is the most severe (declared first).</summary>
public sealed record SeverityModel(
    string Name,
    int Rank,
    string DisplayName,
    ImmutableArray<SlaTargetModel> Targets,
    UpdateCadenceModel? Cadence,
    CalendarModel? Calendar,
    TextSpan Span,
    TextSpan NameSpan)
{
    /// <summary>The target for a component, or null.</summary>
    public SlaTargetModel? Target(SlaComponent component)
    {
        foreach (var target in Targets)
        {
            if (target.Component == component)
            {
                return target;
            }
        }

        return null;
    }
}
