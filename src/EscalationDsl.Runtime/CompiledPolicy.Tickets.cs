using System.Globalization;
using EscalationDsl.Language.Diagnostics;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Language.Text;
using EscalationDsl.Runtime.Compilation;
using EscalationDsl.Runtime.Events;
using NodaTime;

namespace EscalationDsl.Runtime;

/// <summary>Validating events against the policy and describing tickets.</summary>
public sealed partial class CompiledPolicy
{
    /// <summary>
    /// Checks that an event fits this policy: known severity, flag and field names, valid values.
    /// Returns a message naming the field at fault, or null when the event is valid.
    /// </summary>
    public string? Validate(TicketEvent e) => Validate(e, out _);

    /// <summary>
    /// <see cref="Validate(TicketEvent)"/>, with <paramref name="member"/> the path of the member at
    /// fault (<c>severity</c>, <c>fields.note:x</c>): the message starts with it, but a field's name
    /// may hold a colon, so it is given apart.
    /// </summary>
    public string? Validate(TicketEvent e, out string? member)
    {
        // The event's own members are checked first, their fields after them.
        if (MemberProblem(e) is { } own)
        {
            member = own[..own.IndexOf(':', StringComparison.Ordinal)];
            return own;
        }

        if (e.Fields is { } fields)
        {
            for (var i = 0; i < fields.Count; i++)
            {
                if (ValueProblem(fields[i].Key, fields[i].Value) is { } problem)
                {
                    member = $"fields.{fields[i].Key}";
                    return problem;
                }
            }
        }

        member = null;
        return null;
    }

    /// <summary>The problem of one of the event's own members (their names hold no colon), or null.</summary>
    private string? MemberProblem(TicketEvent e)
    {
        if (string.IsNullOrEmpty(e.TicketId))
        {
            return TicketEventJson.Missing("ticket");
        }

        if (!EventTimes.Contains(e.At))
        {
            return $"at: {e.At.ToString("uuuu-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)} is outside the times esc handles, {EventTimes.Text}";
        }

        switch (e.Kind)
        {
            case TicketEventKind.Created or TicketEventKind.SeverityChanged:
                if (string.IsNullOrEmpty(e.Severity))
                {
                    return $"severity: a {TicketEventKinds.Name(e.Kind)} event needs a severity ({string.Join(", ", Model.Severities.Select(s => s.Name))})";
                }

                if (SeverityProblem(e.Severity) is { } severity)
                {
                    return severity;
                }

                if (e.Kind == TicketEventKind.Created && e.IssueType is not null && ValueProblem("issue_type", e.IssueType, member: "issue_type") is { } issue)
                {
                    return issue;
                }

                break;
            case TicketEventKind.Flagged:
                if (string.IsNullOrEmpty(e.Flag))
                {
                    return "flag: a flagged event needs the flag it raises";
                }

                if (FlagProblem(e.Flag) is { } flag)
                {
                    return flag;
                }

                break;
            // A mitigation's value is the event's status member (JSON and CSV): the message names that
            // member, as the engine's problem names the field from it.
            case TicketEventKind.Mitigation when string.IsNullOrEmpty(e.Mitigation):
                return "status: a mitigation event needs its status, planned or contained";
            case TicketEventKind.Mitigation when e.Mitigation is not ("planned" or "contained"):
                return $"status: a mitigation event's status must be planned or contained, not '{e.Mitigation}'";
            case TicketEventKind.Status when string.IsNullOrEmpty(e.Status):
                return "status: a status event needs the new status";
            case TicketEventKind.Status when ValueProblem("status", e.Status!, member: "status") is { } status:
                return status;
            case TicketEventKind.Assigned when string.IsNullOrEmpty(e.Owner):
                // An owner sent among the fields is the likeliest slip: say where it goes.
                return e.Fields?.FirstOrDefault(f => f.Key == "owner") is { Key: not null } inFields
                    ? $"owner: an assigned event needs the owner, a member of the event itself, not inside \"fields\": send it next to \"type\", as \"owner\": \"{inFields.Value}\""
                    : "owner: an assigned event needs the owner";
            case TicketEventKind.FieldSet when e.Fields is not { Count: > 0 }:
                return "fields: a field_set event needs the fields it sets, such as \"fields\": {\"impact\": \"degraded\"}";
        }

        return UnusedMemberProblem(e);
    }

    /// <summary>
    /// What is wrong with a member the event's type does not read, or null. Such a member is not
    /// applied (an export that writes the ticket's current values on every event replays as it is),
    /// but a value this policy does not know is refused as on the type that reads it: a typo such as
    /// <c>"severity": "sev9"</c> on an acknowledged event is never silently accepted.
    /// </summary>
    private string? UnusedMemberProblem(TicketEvent e)
    {
        var (problem, member, readers) = e switch
        {
            { Kind: not (TicketEventKind.Created or TicketEventKind.SeverityChanged), Severity: { Length: > 0 } severity }
                when SeverityProblem(severity) is { } p => (p, "severity", "created and severity_changed events do"),
            { Kind: not TicketEventKind.Created, IssueType: { Length: > 0 } issueType }
                when ValueProblem("issue_type", issueType, member: "issue_type") is { } p => (p, "issue_type", "created events do"),
            { Kind: not TicketEventKind.Flagged, Flag: { Length: > 0 } flag }
                when FlagProblem(flag) is { } p => (p, "flag", "flagged events do"),
            { Kind: not TicketEventKind.Status, Status: { Length: > 0 } status }
                when ValueProblem("status", status, member: "status") is { } p => (p, "status", "status events do"),
            _ => (null, null, null),
        };
        if (problem is null)
        {
            return null;
        }

        var kind = TicketEventKinds.Name(e.Kind);
        return $"{problem}; {English.Article(kind)} {kind} event does not apply its {member} ({readers}), but a value it carries must still be valid";
    }

    /// <summary>Why a non-empty severity is not one of this policy's, or null.</summary>
    private string? SeverityProblem(string severity) => Model.FindSeverity(severity) is null
        ? $"severity: '{severity}' is not a severity of policy '{Name}' ({string.Join(", ", Model.Severities.Select(s => s.Name))})"
            + (NameSuggester.OtherCase(severity, Model.Severities.Select(s => s.Name)) is { } meant ? $"; names are case-sensitive: did you mean '{meant}'?" : "")
        : null;

    /// <summary>Why a non-empty flag is not a flag field of this policy, or null.</summary>
    private string? FlagProblem(string flag)
    {
        if (Model.FindField(flag) is { Type: FieldType.Flag, IsBuiltIn: false })
        {
            return null;
        }

        // Built-in flags (`monitoring`) are set by the policy's own actions, not by a flagged event.
        var flags = Model.Fields.Where(f => f.Type == FieldType.Flag && !f.IsBuiltIn).Select(f => f.Name).ToList();
        return $"flag: '{flag}' is not a flag field of policy '{Name}'{(flags.Count == 0 ? "" : $" ({string.Join(", ", flags)})")}"
            + (NameSuggester.Closest(flag, flags, max: 1) is [var meant] ? $"; did you mean '{meant}'?" : "");
    }

    /// <summary>True when the policy has a settable field with this name (declared fields, issue_type, status).</summary>
    public bool KnowsField(string name) => ValueSlot(name) >= 0;

    /// <summary>
    /// After "has no settable field": a built-in field the runtime keeps from events (<c>mitigation_status</c>), or the
    /// settable fields it is probably a misspelling of (<c>impakt</c>), or nothing.
    /// </summary>
    private string UnknownFieldHint(string name, string value)
    {
        // An event member the event's type reads, such as its severity or owner, given among the fields.
        if (name is "severity" or "owner")
        {
            return $"; {name} is a member of the event itself: send it next to \"type\", as \"{name}\": \"{value}\"";
        }

        if (Model.Fields.Any(f => f.IsBuiltIn && f.Name == name))
        {
            return "; it is built in, kept by the runtime from the events' types (docs/language.md#built-in-fields)";
        }

        var near = NameSuggester.Closest(name, Model.Fields.Where(f => !f.IsBuiltIn).Select(f => f.Name).Append("issue_type").Append("status"));
        return near.Count == 0 ? "" : $"; did you mean {string.Join(" or ", near)}?";
    }

    /// <summary>
    /// What is wrong with a value for a settable field, or null; the message starts with where the
    /// event gave it: <paramref name="member"/> for the event's own issue_type and status members,
    /// <c>fields.NAME</c> otherwise.
    /// </summary>
    private string? ValueProblem(string name, string value, string? member = null)
    {
        // Every settable field has a slot, so the slot finds the field without searching the model's fields.
        if (ValueSlot(name) is not (>= 0 and var slot))
        {
            return $"{Where(name, member)}: policy '{Name}' has no settable field '{name}'{UnknownFieldHint(name, value)}";
        }

        var field = SlotField(slot);

        return field.Type switch
        {
            FieldType.Enum when !field.Values.Contains(value) && value.Length > 0 =>
                $"{Where(name, member)}: '{value}' is not one of {string.Join(", ", field.Values)}"
                    + (NameSuggester.Closest(value, field.Values, max: 1) is [var meant] ? $"; did you mean '{meant}'?" : ""),
            FieldType.Number when value.Length > 0 && NumberValue.Read(value) is null =>
                $"{Where(name, member)}: '{value}' is not a whole number",
            FieldType.Time when value.Length > 0 && !ConditionCompiler.IsTime(value) =>
                $"{Where(name, member)}: '{value}' is not an ISO 8601 time with offset, such as 2026-11-26T10:00:00Z",
            FieldType.Flag when value.Length > 0 && value is not ("true" or "false" or "yes" or "no" or "1" or "0") =>
                $"{Where(name, member)}: '{value}' is not true or false",
            _ => null,
        };
    }

    /// <summary>Where a value problem is: the event's own member, else <c>fields.NAME</c> (built only for a problem, not for every valid value).</summary>
    private static string Where(string name, string? member) => member ?? $"fields.{name}";

    /// <summary>The text value of a settable field (declared fields, issue_type, status), or null.</summary>
    public string? ValueOf(Ticket ticket, string field) => ValueSlot(field) is >= 0 and var slot ? ticket.Values[slot] : null;

    /// <summary>Who holds the ticket (an owner the policy declares), or null.</summary>
    public string? OwnerOf(Ticket t) => t.OwnerIndex < 0 ? null : Model.Owners[t.OwnerIndex].Name;

    /// <summary>
    /// The status of each SLA component of the ticket's current severity, in the severity's order:
    /// <c>met</c>, <c>breached</c>, <c>paused</c> or <c>pending</c> (what <see cref="TicketRuntime.Describe(Ticket)"/> shows
    /// as the <c>sla ...</c> clocks, without building the rest of the snapshot), appended to
    /// <paramref name="into"/>: a caller that summarises many tickets reuses one list.
    /// </summary>
    public void AddSlaStatuses(Ticket t, List<(SlaComponent Component, string Status)> into)
    {
        var layout = Layout(t);
        if (t.Clock.Length == 0)
        {
            return;
        }

        foreach (var sla in layout.Sla)
        {
            into.Add((sla.Component, SlaStatus(t, layout, sla.Component)));
        }
    }

    /// <summary>
    /// Adds to <paramref name="steps"/> how often each rule step fired on the ticket over its life, reopens and
    /// severity changes included (the occurrence its decision ids carry, so also a firing whose actions all named
    /// nobody new), and to <paramref name="deescalations"/> how often each deescalation ran. Steps are indexed in
    /// policy order, the first rule's steps first (<see cref="StepCount"/> of them); deescalations as the policy
    /// lists them. A caller that sums many tickets reuses its arrays: nothing is allocated.
    /// </summary>
    public void AddFirings(Ticket t, Span<int> steps, Span<int> deescalations)
    {
        if (t.Clock.Length == 0)
        {
            return;
        }

        var layout = Layout(t);
        foreach (var rule in layout.Rules)
        {
            foreach (var step in rule.Steps)
            {
                steps[step.Step.GlobalIndex] += t.Clock[step.MetaSlot] & StepSlot.OccurrenceMask;
            }
        }

        // Rules of an earlier severity keep their counts aside (see TicketRuntime.Relayout).
        if (t.Retired is { } retired)
        {
            foreach (var rule in Rules)
            {
                if (layout.FindRule(rule.Index) is null)
                {
                    foreach (var step in rule.Steps)
                    {
                        steps[step.GlobalIndex] += retired[step.GlobalIndex];
                    }
                }
            }
        }

        for (var d = 0; d < Deescalations.Length; d++)
        {
            deescalations[d] += t.Clock[layout.DeescalationBase + d] & StepSlot.OccurrenceMask;
        }
    }

    /// <summary>How many steps the policy's rules have: the length of <see cref="AddFirings"/>' step counts.</summary>
    public int StepCount => TotalSteps;

    /// <summary>The ticket's value of a field as text (a route's field, the built-in <c>severity</c> too), or null when it is not set.</summary>
    public string? TextOf(Ticket t, FieldModel field) => Access(field).Text(t, this);

    private static string SlaStatus(Ticket t, SeverityLayout layout, SlaComponent component)
    {
        var state = t.Clock[layout.SlaStateSlot];
        var c = (int)component;
        return (state & (1 << c)) != 0 ? "met"
            : (state & (1 << (c + 8))) != 0 ? "breached"
            : (t.Flags & TicketFlags.Paused) != 0 ? "paused"
            : "pending";
    }

    /// <summary>The ticket's state, severity, owner, level and main times, for a store to keep beside it.</summary>
    public TicketSummary Summarize(Ticket t) => new(
        PhaseNames[(int)t.Phase],
        Model.Severities[t.SeverityIndex].Name,
        OwnerOf(t),
        t.Level,
        t.AcknowledgedAt,
        t.Has(EventTime.Resolved) ? Instant.FromUnixTimeMilliseconds(t.TimeMs(EventTime.Resolved)) : null);

    /// <summary>Writes the ticket's set field values as one JSON object, field name to value, in declaration order.</summary>
    public void WriteFields(Ticket t, System.Text.Json.Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        foreach (var field in Model.Fields)
        {
            if (ValueSlot(field.Name) is >= 0 and var slot && t.Values[slot] is { } value)
            {
                writer.WriteString(field.Name, value);
            }
        }

        writer.WriteEndObject();
    }

    private static readonly string[] PhaseNames = [.. Enum.GetValues<Machine.TicketPhase>().Select(p => p.ToString().ToLowerInvariant())];

    /// <summary>
    /// The ticket's state, for <see cref="TicketRuntime.Describe(Ticket)"/> (the one way to read it): a pending
    /// step its forecast saw skipped says why.
    /// </summary>
    internal TicketSnapshot Describe(Ticket t, Tracing.ExplainTrace? forecast)
    {
        var layout = Layout(t);
        var clocks = new List<ClockSnapshot>();
        Instant? At(int offset) => offset is Ticket.NoDue or Ticket.Never ? null : Instant.FromUnixTimeMilliseconds(t.FromOffset(offset));
        var paused = (t.Flags & TicketFlags.Paused) != 0;
        List<string>? missing = null;
        if (t.Clock.Length > 0)
        {
            foreach (var sla in layout.Sla)
            {
                var status = SlaStatus(t, layout, sla.Component);
                clocks.Add(new ClockSnapshot($"sla {ModelFormatter.Format(sla.Component)}", status, status == "pending" ? At(t.Clock[sla.DueSlot]) : null)
                {
                    BreachedUnder = status == "breached" ? BreachedUnder(t, sla.Component) : null,
                });
            }

            if (layout.CadenceDueSlot >= 0 && t.Clock[layout.CadenceDueSlot] != Ticket.NoDue)
            {
                clocks.Add(new ClockSnapshot("customer update", "pending", At(t.Clock[layout.CadenceDueSlot]))
                {
                    Cadence = ModelFormatter.Format(layout.Cadence!),
                    SkipReason = forecast?.CadenceSkip,
                });
            }
            else if (paused && layout.CadenceRuns(t))
            {
                // The pause stops the cadence as it stops the SLA targets; its due time comes back when it ends.
                clocks.Add(new ClockSnapshot("customer update", "paused", null) { Cadence = ModelFormatter.Format(layout.Cadence!) });
            }

            if (layout.RecheckSlot >= 0 && t.Clock[layout.RecheckSlot] != Ticket.NoDue)
            {
                clocks.Add(new ClockSnapshot("time-dependent conditions", "pending", At(t.Clock[layout.RecheckSlot])) { Conditions = DueConditions(t, layout) });
            }

            foreach (var rule in layout.Rules)
            {
                if (t.Clock[rule.StartSlot] == Ticket.Never)
                {
                    continue;
                }

                foreach (var step in rule.Steps)
                {
                    var meta = t.Clock[step.MetaSlot];
                    string? SkipReason() => forecast is not null && forecast.TryFate(step.Step, out var reason) ? reason : null;
                    if ((meta & StepSlot.Blocked) != 0)
                    {
                        // An `every` step's next tick still comes (and may fire, or be skipped) while its escalation waits.
                        var tick = step.DueSlot >= 0 && t.Clock[step.DueSlot] != Ticket.NoDue && (meta & StepSlot.Parked) == 0;
                        clocks.Add(new ClockSnapshot($"{rule.Rule.Name} #{step.Step.Index}", "blocked", tick ? At(t.Clock[step.DueSlot]) : null)
                        {
                            Step = ModelFormatter.Format(step.Step.Model.Trigger),
                            SkipReason = tick ? SkipReason() : null,
                            BlockReason = BlockedNow(t, step.Step, missing ??= []),
                        });
                    }
                    else if ((meta & StepSlot.Parked) != 0)
                    {
                        // Its next tick is not kept up to date while it waits (see TicketRuntime.Parking).
                        clocks.Add(new ClockSnapshot($"{rule.Rule.Name} #{step.Step.Index}", "parked", null) { Step = ModelFormatter.Format(step.Step.Model.Trigger) });
                    }
                    else if (step.DueSlot >= 0 && t.Clock[step.DueSlot] != Ticket.NoDue)
                    {
                        clocks.Add(new ClockSnapshot($"{rule.Rule.Name} #{step.Step.Index}", "pending", At(t.Clock[step.DueSlot]))
                        {
                            Step = ModelFormatter.Format(step.Step.Model.Trigger),
                            SkipReason = SkipReason(),
                            BlockReason = forecast?.BlockOf(step.Step),
                        });
                    }
                    else if ((t.Flags & TicketFlags.Paused) != 0 && step.DueSlot >= 0 && (meta & StepSlot.Done) == 0 && !step.CapReached(meta))
                    {
                        // The pause stops its wait as it stops the SLA targets; the due time comes back when it ends.
                        clocks.Add(new ClockSnapshot($"{rule.Rule.Name} #{step.Step.Index}", "paused", null) { Step = ModelFormatter.Format(step.Step.Model.Trigger) });
                    }
                }
            }
        }

        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in Model.Fields)
        {
            if (ValueSlot(field.Name) is >= 0 and var slot && t.Values[slot] is { } value)
            {
                fields[field.Name] = value;
            }
        }

        return new TicketSnapshot(
            t.Id,
            t.Phase.ToString().ToLowerInvariant(),
            Model.Severities[t.SeverityIndex].Name,
            OwnerOf(t),
            t.Level,
            (t.Flags & TicketFlags.Monitoring) != 0,
            (t.Flags & TicketFlags.PagingStopped) != 0,
            paused,
            Instant.FromUnixTimeMilliseconds(t.CreatedMs),
            t.NextDeadlineMs is { } next ? Instant.FromUnixTimeMilliseconds(next) : null,
            clocks,
            layout.Rules.Where(r => t.Clock.Length > 0 && t.Clock[r.StartSlot] != Ticket.Never).Select(r => r.Rule.Name).ToList(),
            fields);
    }

    /// <summary>The severity a breached component was breached under, when it is not the ticket's current one; null otherwise.</summary>
    private string? BreachedUnder(Ticket t, SlaComponent component) =>
        t.Extras?.BreachedUnder is { } under && under[(int)component] is > 0 and var plusOne && plusOne - 1 != t.SeverityIndex
            ? Model.Severities[plusOne - 1].Name
            : null;

    /// <summary>
    /// Why a blocked step's escalation still waits: the fields its guards require that are missing as of the
    /// ticket's latest time (<c>escalation blocked until client_version is set</c>); null when none is.
    /// </summary>
    private string? BlockedNow(Ticket t, CompiledStep step, List<string> missing)
    {
        var now = t.FromOffset(t.LastEvent);
        step.CollectMissing(t, now, this, missing);
        return missing.Count == 0 ? null : step.BlockReason(t, now, this, missing);
    }

    /// <summary>
    /// The conditions time alone changes at the recheck: those whose wake, asked as of the ticket's latest
    /// time, is the recheck's instant (no wake passed between the time it was scheduled and then, or the
    /// recheck would have run). Null when none is (a wake that answers early).
    /// </summary>
    private static IReadOnlyList<string>? DueConditions(Ticket t, SeverityLayout layout)
    {
        var due = t.FromOffset(t.Clock[layout.RecheckSlot]);
        var now = t.FromOffset(t.LastEvent);
        var names = layout.TimedConditions.Where(c => c.Wake(t, now) == due).Select(c => c.Text).ToList();
        return names.Count == 0 ? null : names;
    }
}
