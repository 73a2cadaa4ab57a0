using System.Collections.Immutable;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Runtime.Compilation;

/// <summary>`require FIELDS before escalate [when C]` ready to evaluate.</summary>
internal sealed record CompiledRequireGuard(RequireGuardModel Model, ImmutableArray<FieldAccess> Fields, TicketPredicate? When)
{
    /// <summary>The required fields that are missing now, or none when the guard does not apply.</summary>
    public void CollectMissing(Ticket ticket, long now, CompiledPolicy policy, List<string> missing)
    {
        if (When is not null && !When(ticket, now))
        {
            return;
        }

        foreach (var field in Fields)
        {
            if (string.IsNullOrEmpty(field.Text(ticket, policy)) && !missing.Contains(field.Field.Name))
            {
                missing.Add(field.Field.Name);
            }
        }
    }
}
