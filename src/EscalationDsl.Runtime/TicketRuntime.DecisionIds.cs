using System.Globalization;
using EscalationDsl.Language.Semantics;
using EscalationDsl.Runtime.Compilation;
using EscalationDsl.Runtime.Decisions;

namespace EscalationDsl.Runtime;

/// <summary>Decision ids: stable texts the engine stores and deduplicates on, so their shape never changes.</summary>
public sealed partial class TicketRuntime
{
    /// <summary>An SLA breach's detail by component: the same text for every ticket, so it is built once, not per breach.</summary>
    private static readonly string[] BreachDetails = [.. Enum.GetValues<SlaComponent>().Select(c => $"SLA {ModelFormatter.Format(c)} breached")];

    private void Breach(Ticket t, SlaComponent component, long at, OwnerModel? owner, byte level) =>
        Emit(t, string.Create(CultureInfo.InvariantCulture, stackalloc char[128], $"{t.Id}/sla/{ModelFormatter.Format(component)}/{t.Cycle}"), at, DecisionKind.SlaBreach,
            owner, null, 1, component, [], BreachDetails[(int)component], level);

    private void MissedUpdate(Ticket t, int missed, long at, OwnerModel? owner, byte level) =>
        Emit(t, string.Create(CultureInfo.InvariantCulture, stackalloc char[128], $"{t.Id}/sla/update/{t.Cycle}.{missed}"), at, DecisionKind.MissedUpdate,
            owner, null, missed, SlaComponent.Update, [], $"customer update interval {missed} missed", level);

    /// <summary>
    /// The start shared by a firing's decision ids, <c>{ticket}/{scope}/{index}/{occurrence}</c> (scope: the
    /// rule's name, or <c>deescalate</c>). It is kept in parts and each id is formatted whole: building the
    /// start as a string first and appending to it cost two throwaway strings per decision.
    /// </summary>
    private readonly record struct IdPrefix(string Ticket, string Scope, int Index, int Occurrence)
    {
        public static IdPrefix Of(Ticket t, CompiledStep step, int occurrence) => new(t.Id, step.Rule.Name, step.Index, occurrence);

        /// <summary>The id of the firing's action <paramref name="action"/>: <c>{prefix}/{action}</c>.</summary>
        public string Action(int action) =>
            string.Create(CultureInfo.InvariantCulture, stackalloc char[128], $"{Ticket}/{Scope}/{Index}/{Occurrence}/{action}");

        /// <summary>The id of an action's <paramref name="target"/>-th owner (notify and page): <c>{prefix}/{action}.{target}</c>.</summary>
        public string Target(int action, int target) =>
            string.Create(CultureInfo.InvariantCulture, stackalloc char[128], $"{Ticket}/{Scope}/{Index}/{Occurrence}/{action}.{target}");

        /// <summary>The id of an escalation blocked by missing fields: <c>{prefix}/missing</c>.</summary>
        public string Missing() =>
            string.Create(CultureInfo.InvariantCulture, stackalloc char[128], $"{Ticket}/{Scope}/{Index}/{Occurrence}/missing");
    }
}
