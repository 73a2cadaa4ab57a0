using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Compilation;
using EscalationDsl.Runtime.Events;
using EscalationDsl.Runtime.Machine;
using EscalationDsl.Runtime.Time;

namespace EscalationDsl.Runtime;

/// <summary>
/// A policy compiled for running: conditions as delegates, clocks laid out per severity, one set of
/// Stateless triggers. Immutable and thread-safe; each thread runs tickets through its own
/// <see cref="TicketRuntime"/> (one configured Stateless machine each).
/// </summary>
public sealed partial class CompiledPolicy
{
    private readonly Dictionary<string, FieldAccess> fieldAccess = new(StringComparer.Ordinal);
    private readonly Dictionary<CalendarModel, BusinessCalendar> calendars = [];

    /// <summary>The calendar for each value a <c>calendar by</c> block lists (keys as <see cref="ValueEntries.Key"/> gives them), and for any other.</summary>
    private readonly FrozenDictionary<string, BusinessCalendar>? chosenCalendars;
    private readonly BusinessCalendar? chosenFallback;

    /// <summary>
    /// The value slot of each settable field by name, frozen once compiled: every event's field values
    /// are looked up here twice (validated, then set), and a frozen dictionary finds them faster.
    /// </summary>
    private readonly FrozenDictionary<string, int> valueSlots;

    /// <summary>The settable field of each value slot.</summary>
    private readonly FieldModel[] slotFields;

    /// <summary>Per value slot: whether an `every ... since` step counts from it (<see cref="IsSinceSlot"/>).</summary>
    private readonly bool[] sinceSlots;

    /// <summary>The owners by name (the first of a name, as <see cref="PolicyModel.FindOwner"/>): every assigned event asks.</summary>
    private readonly FrozenDictionary<string, OwnerModel> owners;

    /// <summary>
    /// The deescalation and pause conditions (evaluated only at events and deadlines) that time alone may
    /// change, each with when it may next; each severity's layout adds its rules' selectors
    /// (<see cref="SeverityLayout.Recheck"/>).
    /// </summary>
    private readonly ImmutableArray<TimedCondition> sharedTimed;

    private CompiledPolicy(PolicyModel model, string fingerprint)
    {
        Model = model;
        Fingerprint = fingerprint;
        foreach (var calendar in model.Calendars)
        {
            calendars[calendar] = new BusinessCalendar(calendar);
        }

        (valueSlots, slotFields) = BuildFieldAccess();
        var byName = new Dictionary<string, OwnerModel>(StringComparer.Ordinal);
        foreach (var owner in model.Owners)
        {
            byName.TryAdd(owner.Name, owner);
        }

        owners = byName.ToFrozenDictionary(StringComparer.Ordinal);
        IssueTypeSlot = ValueSlot("issue_type");
        StatusSlot = ValueSlot("status");
        CalendarChoiceSlot = -1;
        if (model.CalendarChoice is { } choice)
        {
            CalendarChoiceSlot = ValueSlot(choice.Field.Name) is >= 0 and var slot
                ? slot
                : throw new InvalidOperationException($"calendar by {choice.Field.Name}: the binder let through a field that has no value slot");
            chosenCalendars = choice.Entries
                .SelectMany(e => e.Values.Select(v => KeyValuePair.Create(ValueEntries.Key(choice.Field, v), calendars[e.Calendar])))
                .ToFrozenDictionary(StringComparer.Ordinal);
            chosenFallback = calendars[choice.Fallback];
        }
        var compared = new ComparedTexts.Builder();
        var compiler = new ConditionCompiler(this, compared);
        Lifecycle = LifecycleTriggers.Create();
        PolicyGuards = [.. model.RequireGuards.Select(g => CompileGuard(g, compiler))];
        PolicyPageGuards = [.. model.PageGuards.Select(g => compiler.Compile(g.When))];
        Rules = [.. model.Rules.Select(r => CompileRule(r, compiler))];
        var global = 0;
        var watched = new List<int>();
        foreach (var step in Rules.SelectMany(r => r.Steps))
        {
            step.GlobalIndex = global++;
            if (step is { Kind: StepKind.On, OnEvent: TriggerEvent.FlagRaised, FlagSlot: >= 0 })
            {
                var index = watched.IndexOf(step.FlagSlot);
                if (index < 0)
                {
                    index = watched.Count;
                    watched.Add(step.FlagSlot);
                }

                step.FlagIndex = index;
            }
        }

        WatchedFlagSlots = [.. watched];

        Deescalations = [.. model.Deescalations.Select(d => compiler.Compile(d.When))];
        var pauses = model.Pauses.Select(p => compiler.Compile(p.While)).ToArray();
        PauseTexts = [.. model.Pauses.Select(p => ModelFormatter.Format(p.While))];
        PauseConditions = [.. pauses];
        Pause = pauses.Length switch
        {
            0 => null,
            1 => pauses[0],
            _ => (t, now) =>
            {
                foreach (var pause in pauses)
                {
                    if (pause(t, now))
                    {
                        return true;
                    }
                }

                return false;
            },
        };
        sharedTimed = Timed(compiler, model.Deescalations.Select(d => ("deescalate when", d.When)).Concat(model.Pauses.Select(p => ("pause sla while", p.While))));
        Layouts = [.. model.Severities.Select(s => BuildLayout(s, compiler))];
        sinceSlots = new bool[slotFields.Length];
        foreach (var since in Layouts.SelectMany(l => l.Rules).SelectMany(r => r.Steps).Select(s => s.Step.Since).OfType<FieldAccess>().Where(a => a.Storage == FieldStorage.Value))
        {
            sinceSlots[since.Slot] = true;
        }
        ComparedTexts = BuildComparedTexts(compared);
    }

    /// <summary>The bound policy.</summary>
    public PolicyModel Model { get; }

    /// <summary>The policy name.</summary>
    public string Name => Model.Name;

    /// <summary>The policy version from its header.</summary>
    public int Version => Model.Version;

    /// <summary>SHA-256 of the source text (hex, 16 characters): tells two texts of one version apart.</summary>
    public string Fingerprint { get; }

    /// <summary>
    /// The values the policy compares its text fields with, and those it maps: which values an event
    /// sets are probably misspelt (taken as written, so what they were meant for does not happen).
    /// </summary>
    public ComparedTexts ComparedTexts { get; }

    /// <summary>The lifecycle triggers for events.</summary>
    public LifecycleTriggers Lifecycle { get; }

    internal ImmutableArray<CompiledRule> Rules { get; }

    /// <summary>
    /// The value slots of the flags an <c>on FLAG</c> step waits for, each once (a step's
    /// <see cref="CompiledStep.FlagIndex"/> is its place here): only they are compared before and after
    /// each event to see which flags it raised, wherever they are among the ticket's values.
    /// </summary>
    internal ImmutableArray<int> WatchedFlagSlots { get; }

    internal ImmutableArray<CompiledRequireGuard> PolicyGuards { get; }

    internal ImmutableArray<TicketPredicate> PolicyPageGuards { get; }

    internal ImmutableArray<TicketPredicate> Deescalations { get; }

    internal TicketPredicate? Pause { get; }

    /// <summary>Each <c>pause sla while</c> condition, and its text as written (<see cref="PauseTexts"/>): the timeline names the one that holds.</summary>
    internal ImmutableArray<TicketPredicate> PauseConditions { get; }

    /// <summary>The text of each <see cref="PauseConditions"/> entry.</summary>
    internal ImmutableArray<string> PauseTexts { get; }

    internal ImmutableArray<SeverityLayout> Layouts { get; }

    /// <summary>The number of string slots a ticket needs for field values.</summary>
    internal int ValueSlotCount => slotFields.Length;

    /// <summary>The value slot of <c>issue_type</c> (set by every created event), or -1.</summary>
    internal int IssueTypeSlot { get; }

    /// <summary>The value slot of <c>status</c> (set by every status event), or -1.</summary>
    internal int StatusSlot { get; }

    /// <summary>The slot of the field a <c>calendar by</c> block chooses by (events set it), or -1.</summary>
    internal int CalendarChoiceSlot { get; }

    /// <summary>Compiles a bound policy. The model must be free of errors.</summary>
    /// <param name="model">The bound policy.</param>
    /// <param name="sourceText">The source text, fingerprinted so the engine can tell versions apart.</param>
    public static CompiledPolicy Compile(PolicyModel model, string sourceText)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(sourceText));
        return new CompiledPolicy(model, Convert.ToHexStringLower(hash)[..16]);
    }

    /// <summary>Compiles a semantic model that has no errors.</summary>
    /// <exception cref="ArgumentException">The model has errors.</exception>
    public static CompiledPolicy Compile(SemanticModel model)
    {
        if (model.HasErrors)
        {
            throw new ArgumentException($"{model.Source.Path} has errors and cannot be compiled", nameof(model));
        }

        return Compile(model.Policy, model.Source.Text);
    }

    /// <summary>The runtime calendar of a bound calendar.</summary>
    public BusinessCalendar Calendar(CalendarModel model) => calendars[model];

    /// <summary>
    /// The calendar a duration is measured on for a ticket now: <paramref name="fixedCalendar"/>, or for
    /// a business duration the policy's <c>calendar by</c> block chooses per ticket, the one the block
    /// gives the ticket's current value of its field.
    /// </summary>
    internal BusinessCalendar? CalendarFor(Ticket t, DurationModel duration, BusinessCalendar? fixedCalendar) =>
        duration is BusinessDuration { ChosenBy: not null } ? ChosenCalendar(t) : fixedCalendar;

    /// <summary>The calendar the policy's <c>calendar by</c> block chooses for the ticket now, or null without a block.</summary>
    internal BusinessCalendar? ChosenCalendar(Ticket t)
    {
        if (CalendarChoiceSlot < 0)
        {
            return null;
        }

        var value = t.Values[CalendarChoiceSlot];
        return value is not null && chosenCalendars!.TryGetValue(ValueEntries.Key(Model.CalendarChoice!.Field, value), out var chosen)
            ? chosen
            : chosenFallback;
    }

    /// <summary>The slot of a value field (declared fields, issue_type, status), or -1.</summary>
    internal int ValueSlot(string field) => valueSlots.TryGetValue(field, out var slot) ? slot : -1;

    /// <summary>Whether an `every ... since FIELD` step counts from the time field in this value slot.</summary>
    internal bool IsSinceSlot(int slot) => sinceSlots[slot];

    /// <summary>The owner with this name, or null: <see cref="PolicyModel.FindOwner"/> without searching the list.</summary>
    internal OwnerModel? Owner(string name) => owners.GetValueOrDefault(name);

    internal FieldAccess Access(FieldModel field) => fieldAccess[field.Name];

    internal FieldAccess? Access(string field) => fieldAccess.TryGetValue(field, out var access) ? access : null;

    internal SeverityLayout Layout(Ticket ticket) => Layouts[ticket.SeverityIndex];

    private (FrozenDictionary<string, int> Slots, FieldModel[] Fields) BuildFieldAccess()
    {
        var valueSlots = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var field in Model.Fields)
        {
            var access = field.Name switch
            {
                "severity" => new FieldAccess(field, FieldStorage.Severity, -1),
                "owner" => new FieldAccess(field, FieldStorage.Owner, -1),
                "mitigation_status" => new FieldAccess(field, FieldStorage.Mitigation, -1),
                "escalation_level" => new FieldAccess(field, FieldStorage.Level, -1),
                "monitoring" => new FieldAccess(field, FieldStorage.Monitoring, -1),
                "created" => new FieldAccess(field, FieldStorage.Created, -1),
                _ when field.Type == FieldType.Event => new FieldAccess(field, FieldStorage.Event, (int)EventSlot(field.Name)),
                _ => new FieldAccess(field, FieldStorage.Value, valueSlots[field.Name] = valueSlots.Count),
            };
            fieldAccess[field.Name] = access;
        }

        var fields = new FieldModel[valueSlots.Count];
        foreach (var access in fieldAccess.Values)
        {
            if (access.Storage == FieldStorage.Value)
            {
                fields[access.Slot] = access.Field;
            }
        }

        return (valueSlots.ToFrozenDictionary(StringComparer.Ordinal), fields);
    }

    /// <summary>The settable field in a value slot.</summary>
    internal FieldModel SlotField(int slot) => slotFields[slot];

    private static EventTime EventSlot(string name) => name switch
    {
        "acknowledged" => EventTime.Acknowledged,
        "first_update" => EventTime.FirstUpdate,
        "customer_update" => EventTime.CustomerUpdate,
        "engineering_assigned" => EventTime.EngineeringAssigned,
        "escalated" => EventTime.Escalated,
        "mitigation_planned" => EventTime.MitigationPlanned,
        "contained" => EventTime.Contained,
        "workaround_failed" => EventTime.WorkaroundFailed,
        "resolved" => EventTime.Resolved,
        "reopened" => EventTime.Reopened,
        _ => throw new InvalidOperationException($"no event slot for '{name}'"),
    };

    private CompiledRequireGuard CompileGuard(RequireGuardModel guard, ConditionCompiler compiler) =>
        new(guard, [.. guard.Fields.Select(Access)], guard.When is null ? null : compiler.Compile(guard.When))
        {
            Wake = guard.When is null ? null : compiler.CompileWake(guard.When),
        };
}
