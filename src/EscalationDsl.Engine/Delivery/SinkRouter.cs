using EscalationDsl.Runtime.Decisions;

namespace EscalationDsl.Engine.Delivery;

/// <summary>Which sinks receive a decision: by owner (<c>*</c> or no owners for all) and, optionally, by decision kind.</summary>
internal sealed class SinkRouter
{
    private readonly (string Name, HashSet<string> Owners, HashSet<string> Kinds)[] routes;

    public SinkRouter(IEnumerable<SinkOptions> sinks)
    {
        routes = sinks.Select(s => (s.Name, s.Owners.ToHashSet(StringComparer.Ordinal), s.Kinds.ToHashSet(StringComparer.Ordinal))).ToArray();
    }

    /// <summary>True when a sink of this name is configured.</summary>
    public bool Has(string sink) => Array.Exists(routes, r => r.Name == sink);

    /// <summary>Every owner a sink names (not <c>*</c>), with the sink.</summary>
    public IEnumerable<(string Sink, string Owner)> NamedOwners() =>
        routes.SelectMany(r => r.Owners.Where(o => o != "*").Order(StringComparer.Ordinal).Select(o => (r.Name, o)));

    /// <summary>The sinks that receive a decision (none without an iterator when no sink is configured).</summary>
    public IEnumerable<string> For(Decision decision) => routes.Length == 0 ? [] : Routed(decision);

    private IEnumerable<string> Routed(Decision decision)
    {
        var kind = DecisionKinds.Name(decision.Kind);
        foreach (var (name, owners, kinds) in routes)
        {
            var ownerMatches = owners.Count == 0 || owners.Contains("*") || decision.Owner is { } owner && owners.Contains(owner);
            if (ownerMatches && (kinds.Count == 0 || kinds.Contains(kind)))
            {
                yield return name;
            }
        }
    }
}
