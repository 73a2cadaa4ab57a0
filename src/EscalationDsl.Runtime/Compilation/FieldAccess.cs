using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Runtime.Compilation;

/// <summary>Where a field's value lives in a <see cref="Ticket"/>.</summary>
internal enum FieldStorage
{
    /// <summary>A string slot in <see cref="Ticket.Values"/> (declared fields, issue_type, status).</summary>
    Value,

    /// <summary>The ticket's severity.</summary>
    Severity,

    /// <summary>The ticket's owner.</summary>
    Owner,

    /// <summary>The mitigation status.</summary>
    Mitigation,

    /// <summary>The escalation level.</summary>
    Level,

    /// <summary>The monitor-mode flag.</summary>
    Monitoring,

    /// <summary>The creation time.</summary>
    Created,

    /// <summary>An event time slot.</summary>
    Event,
}

/// <summary>How to read one field from a ticket.</summary>
internal readonly record struct FieldAccess(FieldModel Field, FieldStorage Storage, int Slot)
{
    /// <summary>The field's text value (null when unset); built-ins are rendered as text.</summary>
    public string? Text(Ticket t, CompiledPolicy policy) => Storage switch
    {
        FieldStorage.Value => t.Values[Slot],
        FieldStorage.Severity => policy.Model.Severities[t.SeverityIndex].Name,
        FieldStorage.Owner => t.OwnerIndex < 0 ? null : policy.Model.Owners[t.OwnerIndex].Name,
        FieldStorage.Mitigation => BuiltIns.MitigationStatuses[t.Mitigation],
        FieldStorage.Level => t.Level.ToString(System.Globalization.CultureInfo.InvariantCulture),
        FieldStorage.Monitoring => (t.Flags & TicketFlags.Monitoring) != 0 ? "true" : "false",
        FieldStorage.Created => NodaTime.Instant.FromUnixTimeMilliseconds(t.CreatedMs).ToString(),
        _ => t.Times[Slot] == Ticket.Never ? null : NodaTime.Instant.FromUnixTimeMilliseconds(t.FromOffset(t.Times[Slot])).ToString(),
    };
}
