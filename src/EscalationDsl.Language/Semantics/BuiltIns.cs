using System.Collections.Frozen;
using System.Collections.Immutable;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Language.Semantics;

/// <summary>The fields the runtime maintains and the events `on` can name.</summary>
public static class BuiltIns
{
    /// <summary>Built-in fields a policy may declare again to list their values.</summary>
    public static readonly ImmutableArray<string> Refinable = ["issue_type", "status"];

    /// <summary>
    /// True when only the ticket's events set the field's value (declared fields, <c>issue_type</c>,
    /// <c>status</c>), never the policy's own actions: the fields a <c>calendar by</c> block may choose by.
    /// </summary>
    public static bool IsSetByEventsOnly(FieldModel field) => !field.IsBuiltIn || Refinable.Contains(field.Name);

    /// <summary>The possible values of `mitigation_status`.</summary>
    public static readonly ImmutableArray<string> MitigationStatuses = ["none", "planned", "contained"];

    /// <summary>
    /// The highest `escalation_level`: each escalation raises the level by one from 0, and it stays here after
    /// that. Nothing lowers it, so the level is always between 0 and this (docs/language.md#built-in-fields).
    /// </summary>
    public const int MaxEscalationLevel = byte.MaxValue;

    /// <summary>Every built-in field, in documentation order.</summary>
    public static readonly ImmutableArray<FieldModel> Fields =
    [
        Field("severity", FieldType.Severity),
        Field("owner", FieldType.Owner),
        Field("issue_type", FieldType.Text),
        Field("status", FieldType.Text),
        new("mitigation_status", FieldType.Enum, MitigationStatuses, true, default),
        Field("escalation_level", FieldType.Number),
        Field("monitoring", FieldType.Flag),
        Field("created", FieldType.Event),
        Field("acknowledged", FieldType.Event),
        Field("first_update", FieldType.Event),
        Field("customer_update", FieldType.Event),
        Field("engineering_assigned", FieldType.Event),
        Field("escalated", FieldType.Event),
        Field("mitigation_planned", FieldType.Event),
        Field("contained", FieldType.Event),
        Field("workaround_failed", FieldType.Event),
        Field("resolved", FieldType.Event),
        Field("reopened", FieldType.Event),
    ];

    /// <summary>The names `on NAME` accepts besides declared flags.</summary>
    public static readonly FrozenDictionary<string, TriggerEvent> Events = new Dictionary<string, TriggerEvent>
    {
        ["created"] = TriggerEvent.Created,
        ["acknowledged"] = TriggerEvent.Acknowledged,
        ["first_update"] = TriggerEvent.FirstUpdate,
        ["customer_update"] = TriggerEvent.CustomerUpdate,
        ["assigned"] = TriggerEvent.Assigned,
        ["engineering_assigned"] = TriggerEvent.EngineeringAssigned,
        ["field_set"] = TriggerEvent.FieldSet,
        ["severity_changed"] = TriggerEvent.SeverityChanged,
        ["severity_raised"] = TriggerEvent.SeverityRaised,
        ["severity_lowered"] = TriggerEvent.SeverityLowered,
        ["flagged"] = TriggerEvent.Flagged,
        ["workaround_failed"] = TriggerEvent.WorkaroundFailed,
        ["mitigation"] = TriggerEvent.Mitigation,
        ["mitigation_planned"] = TriggerEvent.MitigationPlanned,
        ["contained"] = TriggerEvent.Contained,
        ["status"] = TriggerEvent.Status,
        ["resolved"] = TriggerEvent.Resolved,
        ["closed"] = TriggerEvent.Closed,
        ["reopened"] = TriggerEvent.Reopened,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The source name of a trigger event (the inverse of <see cref="Events"/>).</summary>
    public static string EventName(TriggerEvent e) =>
        Events.First(kv => kv.Value == e).Key;

    private static FieldModel Field(string name, FieldType type) => new(name, type, [], true, default(TextSpan));
}
