using System.Collections.Immutable;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Runtime.Compilation;

/// <summary>`require FIELDS before escalate [when C]` ready to evaluate.</summary>
internal sealed record CompiledRequireGuard(RequireGuardModel Model, ImmutableArray<FieldAccess> Fields, TicketPredicate? When)
{
    /// <summary>Its <c>when</c> has <c>during</c> or <c>older than</c>: time alone can end it, and with it the block.</summary>
    public bool TimeDependent { get; init; }

    /// <summary>The guard as written up to its condition: <c>require request_id, client_version before escalate when</c>.</summary>
    public string Where => $"require {string.Join(", ", Model.Fields.Select(f => f.Name))} before escalate when";

    /// <summary>
    /// True when the guard's <c>when</c> does not hold now although one of its fields is missing: it no longer holds
    /// back the escalation (as opposed to the fields having been set).
    /// </summary>
    public bool Lifted(Ticket ticket, long now, CompiledPolicy policy) =>
        When is not null && !When(ticket, now) && Fields.Any(f => string.IsNullOrEmpty(f.Text(ticket, policy)));

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
