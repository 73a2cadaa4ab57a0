using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Analysis.Flow;

/// <summary>Which SLA clock a condition waits for: `unless acknowledged` protects the acknowledge target.</summary>
internal static class SlaEvents
{
    /// <summary>The SLA components whose clock stops when the leaf becomes true, if any.</summary>
    public static IEnumerable<SlaComponent> Protected(ConditionModel leaf) => leaf switch
    {
        FlagCondition { Field: { IsBuiltIn: true } f } => f.Name switch
        {
            "acknowledged" => [SlaComponent.Acknowledge],
            "first_update" or "customer_update" => [SlaComponent.FirstUpdate],
            "engineering_assigned" => [SlaComponent.Assign],
            "mitigation_planned" or "contained" => [SlaComponent.Mitigate],
            "resolved" => [SlaComponent.Resolve],
            _ => [],
        },
        CompareCondition { Field: { IsBuiltIn: true, Name: "mitigation_status" }, Operator: Language.Syntax.CompareOperator.Equal } c
            when c.Value is "planned" or "contained" => [SlaComponent.Mitigate],
        InCondition { Field: { IsBuiltIn: true, Name: "mitigation_status" }, Negated: false } i
            when !i.Values.Contains("none") => [SlaComponent.Mitigate],
        _ => [],
    };

    /// <summary>The SLA components a step's `unless` condition waits for.</summary>
    public static IReadOnlyList<SlaComponent> ProtectedBy(AfterTrigger trigger) =>
        trigger.Unless is null
            ? []
            : ModelWalker.PositiveLeaves(trigger.Unless).SelectMany(Protected).Distinct().Order().ToList();
}
