using System.Collections.Immutable;
using EscalationDsl.Language.Semantics;

namespace EscalationDsl.Runtime.Compilation;

/// <summary>An escalation rule ready to run.</summary>
internal sealed class CompiledRule
{
    public required RuleModel Model { get; init; }
    public TicketPredicate? When { get; init; }
    public ImmutableArray<CompiledStep> Steps { get; set; } = [];
    public ImmutableArray<TicketPredicate> PageGuards { get; init; } = [];

    public string Name => Model.Name;
    public int Index => Model.Index;
}
