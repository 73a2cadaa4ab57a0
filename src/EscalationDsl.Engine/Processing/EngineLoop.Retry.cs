using Microsoft.Extensions.Logging;

namespace EscalationDsl.Engine.Processing;

/// <summary>Dead letters put back in line by an operator (<c>POST /v1/deliveries/{id}:retry</c>).</summary>
internal sealed partial class EngineLoop
{
    /// <summary>
    /// Puts the dead deliveries of a decision (to <paramref name="sink"/> only, when given) back in
    /// line: due now, their attempts counted afresh, sent by the dispatcher at once (their sinks'
    /// rest ends, <see cref="DeadLettersRetried"/>) in their sinks' decision order. Answers the
    /// sinks put back, or 404 (no such decision or delivery) or 409 (none of them is dead).
    /// </summary>
    public (IReadOnlyList<string>? Sinks, EngineError? Error) RetryDead(string decisionId, string? sink)
    {
        var deliveries = new List<(string Sink, string Status)>();
        using (var reader = store.FindDeliveries.Query(decisionId))
        {
            while (reader.Read())
            {
                deliveries.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        if (deliveries.Count == 0)
        {
            return (null, new EngineError(404, "Unknown delivery", $"Decision '{decisionId}' has no delivery; GET /v1/deliveries?status=dead lists the dead-lettered ones."));
        }

        var chosen = sink is null ? deliveries : deliveries.Where(d => d.Sink == sink).ToList();
        if (chosen.Count == 0)
        {
            return (null, new EngineError(404, "Unknown delivery", $"Decision '{decisionId}' has no delivery to sink '{sink}'; it went to: {string.Join(", ", deliveries.Select(d => d.Sink))}.", "sink"));
        }

        var dead = chosen.Where(d => d.Status == "dead").Select(d => d.Sink).ToList();
        if (dead.Count == 0)
        {
            var states = string.Join(", ", chosen.Select(d => $"{d.Sink}: {d.Status}"));
            return (null, new EngineError(409, "Not dead-lettered", $"No delivery of decision '{decisionId}' is dead-lettered ({states}); only a dead-lettered delivery is put back in line."));
        }

        // A sink no longer configured would use up its attempts again and dead-letter it again (and fire the dead-letter alert).
        if (dead.Where(d => !sinks.Has(d)).ToList() is [_, ..] gone)
        {
            return (null, new EngineError(409, "Sink not configured", $"Decision '{decisionId}' was dead-lettered to {string.Join(", ", gone.Select(g => $"'{g}'"))}, which the settings no longer configure; configure the sink again (Engine:Sinks) to send it.", sink is null ? null : "sink"));
        }

        var now = Now;
        foreach (var name in dead)
        {
            store.RetryDelivery.Execute(decisionId, name, now);
            Metrics.Delivery.Stage(name, waiting: 1, dead: -1);
            logger.LogInformation("Delivery of {Decision} to {Sink} was put back in line by a request; its attempts start again", decisionId, name);
        }

        newDeliveries = true;
        retriedSinks.AddRange(dead);
        return (dead, null);
    }
}
