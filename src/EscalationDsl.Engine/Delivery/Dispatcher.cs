using System.Text;
using EscalationDsl.Engine.Processing;
using EscalationDsl.Engine.Storage;
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
    private readonly EngineDatabase database;
    private readonly EngineLoop loop;
    private readonly Dictionary<string, IDecisionSink> sinks;
    private readonly DeliveryOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<Dispatcher> logger;
    private readonly WakeSignal wake;

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
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        using var connection = database.Open();
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow().ToUnixTimeMilliseconds();
                var due = ReadDue(connection, now);
                if (due.Count == 0)
                {
                    await wake.WaitUntilAsync(NextAttempt(connection), stoppingToken).ConfigureAwait(false);
                    continue;
                }

                // Sinks work in parallel; each sink gets its decisions one at a time, in order. A sink
                // that fails is not tried again this round: its other deliveries wait for the next one,
                // so a sink that is down (each call running into Engine:Delivery:Timeout) holds up the
                // other sinks' next round by one call, not by one call per delivery due. Stopping
                // starts no further delivery, but one under way is finished (a webhook within
                // Engine:Delivery:Timeout) and its outcome recorded with the others: cut off unrecorded,
                // a delivery the sink had taken was sent again after the restart.
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

    /// <summary>One attempt, never cut off by stopping (see <see cref="ExecuteAsync"/>); the sink's own timeout ends it.</summary>
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
                await sink.SendAsync(delivery.Id, Encoding.UTF8.GetBytes(delivery.Body), CancellationToken.None).ConfigureAwait(false);
                return new DeliveryOutcome(delivery.Id, delivery.Sink, attempt, time.GetUtcNow().ToUnixTimeMilliseconds(), "delivered", 0, null);
            }
            catch (DeliveryException e)
            {
                error = e.Message;
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
            logger.LogError("Delivery of {Decision} to {Sink} failed {Attempts} times and is dead-lettered: {Error}", delivery.Id, delivery.Sink, attempt, error);
            return new DeliveryOutcome(delivery.Id, delivery.Sink, attempt, now, "dead", now, error);
        }

        var backoff = Math.Min(options.Backoff.TotalMilliseconds * Math.Pow(2, attempt - 1), options.MaxBackoff.TotalMilliseconds);
        logger.LogWarning("Delivery of {Decision} to {Sink} failed (attempt {Attempt}), retrying in {Delay} ms: {Error}", delivery.Id, delivery.Sink, attempt, (long)backoff, error);
        return new DeliveryOutcome(delivery.Id, delivery.Sink, attempt, now, "pending", now + (long)backoff, error);
    }

    private static List<(string Id, string Sink, int Attempts, string Body)> ReadDue(Microsoft.Data.Sqlite.SqliteConnection connection, long now)
    {
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT d.decision_id, d.sink, d.attempts, x.body
            FROM deliveries d JOIN decisions x ON x.decision_id = d.decision_id
            WHERE d.status = 'pending' AND d.next_attempt_at <= $now
            ORDER BY d.next_attempt_at, x.at
            LIMIT $limit
            """;
        command.Parameters.AddWithValue("$now", now);
        command.Parameters.AddWithValue("$limit", Round);
        using var reader = command.ExecuteReader();
        var due = new List<(string, string, int, string)>();
        while (reader.Read())
        {
            due.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2), reader.GetString(3)));
        }

        return due;
    }

    private static long? NextAttempt(Microsoft.Data.Sqlite.SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT MIN(next_attempt_at) FROM deliveries WHERE status = 'pending'";
        return command.ExecuteScalar() is long next ? next : null;
    }
}
