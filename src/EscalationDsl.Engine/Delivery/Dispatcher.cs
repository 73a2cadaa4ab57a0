using System.Collections.Concurrent;
using System.Text;
using EscalationDsl.Engine.Processing;
using EscalationDsl.Engine.Storage;
using EscalationDsl.Language.Text;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace EscalationDsl.Engine.Delivery;

/// <summary>
/// Delivers decisions from the outbox to their sinks at least once: due deliveries are read, sent,
/// and their outcomes recorded through the engine loop (the only writer) before the next round, so
/// nothing is sent twice by the engine itself. Failures retry with exponential backoff and are
/// dead-lettered after the configured number of attempts. Sleeps until the next retry or new work.
/// </summary>
internal sealed class Dispatcher : BackgroundService
{
    private const int Round = 200;

    /// <summary>How much longer than Engine:Delivery:Timeout a send may take, so a webhook's own timeout (and message) comes first.</summary>
    private static readonly TimeSpan OutlastSinkTimeout = TimeSpan.FromSeconds(1);
    private readonly EngineDatabase database;
    private readonly EngineLoop loop;
    private readonly Dictionary<string, IDecisionSink> sinks;
    private readonly DeliveryOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<Dispatcher> logger;
    private readonly WakeSignal wake;

    // Sinks whose dead letters an operator put back in line: their rest ends at the next round.
    private readonly ConcurrentQueue<string> restEnded = new();

    public Dispatcher(EngineDatabase database, EngineLoop loop, IEnumerable<IDecisionSink> sinks, EngineOptions options, TimeProvider time, ILogger<Dispatcher> logger)
    {
        this.database = database;
        this.loop = loop;
        this.sinks = sinks.ToDictionary(s => s.Name, StringComparer.Ordinal);
        this.options = options.Delivery;
        this.time = time;
        this.logger = logger;
        wake = new WakeSignal(time);
        loop.DeliveriesPending += wake.Set;
        loop.DeadLettersRetried += retried =>
        {
            foreach (var sink in retried)
            {
                restEnded.Enqueue(sink);
            }

            wake.Set();
        };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var connection = database.Open();

        // A sink whose delivery failed rests until that delivery's retry (its backoff; for one just
        // dead-lettered, the backoff its next attempt would have had): its other deliveries wait too,
        // and are not read, so a sink that is down, however many deliveries it has due, holds the
        // other sinks up by one call (within Engine:Delivery:Timeout) per backoff. A failed delivery
        // stays the head of its sink's line (ReadHeads) until it is delivered or dead-lettered, so
        // the database keeps its sink's later decisions behind it across restarts too; the rest after
        // a dead letter is kept here only. A dead letter put back in line by a request ends its sink's
        // rest: it heads the line again if it is the oldest, and is sent at once.
        var resting = new Dictionary<string, long>(StringComparer.Ordinal);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (restEnded.TryDequeue(out var retried))
                {
                    resting.Remove(retried);
                }

                var now = time.GetUtcNow().ToUnixTimeMilliseconds();
                foreach (var rested in resting.Where(r => r.Value <= now).Select(r => r.Key).ToList())
                {
                    resting.Remove(rested);
                }

                var heads = ReadHeads(connection).Where(h => !resting.ContainsKey(h.Sink)).ToList();
                var due = heads.Where(h => h.Due <= now).SelectMany(h => ReadLine(connection, h.Sink, now)).ToList();
                if (due.Count == 0)
                {
                    long? next = null;
                    foreach (var until in heads.Select(h => h.Due).Concat(resting.Values))
                    {
                        next = next is { } n && n <= until ? n : until;
                    }

                    await wake.WaitUntilAsync(next, stoppingToken).ConfigureAwait(false);
                    continue;
                }

                // Sinks work in parallel; each sink gets its decisions one at a time, in order, and one
                // that fails stops for this round and rests (above). Stopping starts no further delivery,
                // but one under way is finished (a webhook within Engine:Delivery:Timeout) and its outcome
                // recorded with the others: cut off unrecorded, a delivery the sink had taken was sent
                // again after the restart.
                var perSink = await Task.WhenAll(due.GroupBy(d => d.Sink).Select(async group =>
                {
                    var results = new List<DeliveryOutcome>();
                    foreach (var delivery in group)
                    {
                        if (stoppingToken.IsCancellationRequested)
                        {
                            break;
                        }

                        var outcome = await SendAsync(delivery).ConfigureAwait(false);
                        results.Add(outcome);
                        if (outcome.Status != "delivered")
                        {
                            break;
                        }
                    }

                    return results;
                })).ConfigureAwait(false);
                foreach (var failed in perSink.Where(r => r.Count > 0 && r[^1].Status != "delivered").Select(r => r[^1]))
                {
                    resting[failed.Sink] = failed.Status == "pending" ? failed.NextAttemptAt : failed.At + Backoff(failed.Attempt);
                }

                var report = new DeliveryReportItem(perSink.SelectMany(r => r).ToList());
                loop.Post(report);
                await report.Task.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is Microsoft.Data.Sqlite.SqliteException or IOException)
            {
                logger.LogError(e, "Reading the outbox failed; retrying in 5 s");
                await wake.WaitAsync(TimeSpan.FromSeconds(5), stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>One attempt, never cut off by stopping (see <see cref="ExecuteAsync"/>); the sink's own timeout ends it, or a second past Engine:Delivery:Timeout.</summary>
    private async Task<DeliveryOutcome> SendAsync((string Id, string Sink, int Attempts, string Body) delivery)
    {
        var attempt = delivery.Attempts + 1;
        string? error;
        if (!sinks.TryGetValue(delivery.Sink, out var sink))
        {
            error = $"sink '{delivery.Sink}' is no longer configured";
        }
        else
        {
            try
            {
                // Off this thread, so a sink that blocks before its first await (a file sink's write to a
                // pipe nobody empties) does not keep the other sinks from starting; and bounded past the
                // sink's own timeout (a webhook's), so it fails this attempt rather than stopping its
                // sink for ever. It may still finish, and the decision is then sent again (at least once).
                await Task.Run(() => sink.SendAsync(delivery.Id, Encoding.UTF8.GetBytes(delivery.Body), CancellationToken.None))
                    .WaitAsync(options.Timeout + OutlastSinkTimeout).ConfigureAwait(false);
                return new DeliveryOutcome(delivery.Id, delivery.Sink, attempt, time.GetUtcNow().ToUnixTimeMilliseconds(), "delivered", 0, null);
            }
            catch (DeliveryException e)
            {
                error = e.Message;
            }
            catch (TimeoutException)
            {
                error = $"the sink did not finish within {English.Duration(options.Timeout + OutlastSinkTimeout)}";
            }
            catch (Exception e)
            {
                // A sink's bug (or a target it cannot handle) is that delivery's failed attempt, retried and
                // dead-lettered like any other; it must not stop the dispatcher for every other delivery.
                logger.LogError(e, "Sink {Sink} failed unexpectedly delivering {Decision}", delivery.Sink, delivery.Id);
                error = $"the sink failed unexpectedly: {e.GetType().Name}: {e.Message}";
            }
        }

        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        if (attempt >= options.MaxAttempts)
        {
            logger.LogError("Delivery of {Decision} to {Sink} failed attempt {Attempt} of {MaxAttempts} and is dead-lettered: {Error}", delivery.Id, delivery.Sink, attempt, options.MaxAttempts, error);
            return new DeliveryOutcome(delivery.Id, delivery.Sink, attempt, now, "dead", now, error);
        }

        var backoff = Backoff(attempt);
        logger.LogWarning("Delivery of {Decision} to {Sink} failed (attempt {Attempt}), retrying in {Delay} ms: {Error}", delivery.Id, delivery.Sink, attempt, backoff, error);
        return new DeliveryOutcome(delivery.Id, delivery.Sink, attempt, now, "pending", now + backoff, error);
    }

    /// <summary>How long after failed attempt <paramref name="attempt"/> the next one waits, in ms: doubling from Backoff up to MaxBackoff.</summary>
    private long Backoff(int attempt) => (long)Math.Min(options.Backoff.TotalMilliseconds * Math.Pow(2, attempt - 1), options.MaxBackoff.TotalMilliseconds);

    /// <summary>
    /// The head of each sink's line, its oldest pending delivery in decision order (time, then as stored),
    /// and when it is due: a sink sends nothing newer before it. One index lookup per sink.
    /// </summary>
    private static List<(string Sink, long Due)> ReadHeads(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            WITH RECURSIVE sinks(name) AS (
                SELECT (SELECT min(sink) FROM deliveries WHERE status = 'pending')
                UNION ALL
                SELECT (SELECT min(sink) FROM deliveries WHERE status = 'pending' AND sink > name) FROM sinks WHERE name IS NOT NULL)
            SELECT name, (SELECT next_attempt_at FROM deliveries WHERE status = 'pending' AND sink = name ORDER BY decision_at, rowid LIMIT 1)
            FROM sinks WHERE name IS NOT NULL
            """;
        using var reader = command.ExecuteReader();
        var heads = new List<(string, long)>();
        while (reader.Read())
        {
            heads.Add((reader.GetString(0), reader.GetInt64(1)));
        }

        return heads;
    }

    /// <summary>
    /// A sink's deliveries from the head of its line, in decision order, up to the first that waits for
    /// its retry (a decision stored after a failed one but dated before it is the head, sent first): the
    /// failed one goes before anything after it.
    /// </summary>
    private static List<(string Id, string Sink, int Attempts, string Body)> ReadLine(Microsoft.Data.Sqlite.SqliteConnection connection, string sink, long now)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT d.decision_id, d.attempts, d.next_attempt_at, x.body
            FROM deliveries d JOIN decisions x ON x.decision_id = d.decision_id
            WHERE d.status = 'pending' AND d.sink = $sink
            ORDER BY d.decision_at, d.rowid
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$sink", sink);
        command.Parameters.AddWithValue("$limit", Round);
        using var reader = command.ExecuteReader();
        var line = new List<(string, string, int, string)>();
        while (reader.Read() && reader.GetInt64(2) <= now)
        {
            line.Add((reader.GetString(0), sink, reader.GetInt32(1), reader.GetString(3)));
        }

        return line;
    }
}
