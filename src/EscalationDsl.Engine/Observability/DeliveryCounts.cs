using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;

namespace EscalationDsl.Engine.Observability;

/// <summary>
/// Deliveries by sink, for <c>/metrics</c>: what was delivered and what failed since the start
/// (counters), and what waits and what is dead-lettered now (gauges). Every configured sink has its
/// series from the start, at 0, so an alert on <c>increase(...)</c> sees the first dead letter after
/// a restart; a counter that appeared only at its first increment had no earlier sample to rise from.
/// The gauges are kept in memory: counted once at start, then moved by the rows the store writes and
/// commits, so a scrape reads no table.
/// </summary>
internal sealed class DeliveryCounts
{
    private readonly ConcurrentDictionary<string, Sink> sinks = new(StringComparer.Ordinal);

    /// <summary>Changes to the gauges written in the open transaction; only the thread using the store touches them.</summary>
    private readonly Dictionary<string, (long Waiting, long Dead)> staged = new(StringComparer.Ordinal);

    public DeliveryCounts(IEnumerable<string> configured)
    {
        foreach (var name in configured)
        {
            Of(name);
        }
    }

    /// <summary>
    /// Counts the deliveries waiting and dead-lettered in the database (once, at start), each status from its own
    /// partial index (<c>deliveries_line</c>, <c>deliveries_dead</c>): delivered rows, most of the table, are not read.
    /// </summary>
    public void Load(SqliteConnection connection)
    {
        foreach (var dead in (ReadOnlySpan<bool>)[false, true])
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"SELECT sink, COUNT(*) FROM deliveries WHERE status = '{(dead ? "dead" : "pending")}' GROUP BY sink";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var sink = Of(reader.GetString(0));
                Volatile.Write(ref dead ? ref sink.Dead : ref sink.Waiting, reader.GetInt64(1));
            }
        }
    }

    /// <summary>One attempt delivered.</summary>
    public void Delivered(string sink) => Interlocked.Increment(ref Of(sink).Delivered);

    /// <summary>One attempt failed: retried later, or dead-lettered.</summary>
    public void Failed(string sink, bool dead)
    {
        var counts = Of(sink);
        Interlocked.Increment(ref dead ? ref counts.DeadLettered : ref counts.Retried);
    }

    /// <summary>Moves the gauges of a sink by a row written in the open transaction; they move when it commits.</summary>
    public void Stage(string sink, int waiting, int dead)
    {
        var (w, d) = staged.GetValueOrDefault(sink);
        staged[sink] = (w + waiting, d + dead);
    }

    /// <summary>The open transaction committed: its rows count.</summary>
    public void Commit()
    {
        foreach (var (name, (waiting, dead)) in staged)
        {
            var sink = Of(name);
            Interlocked.Add(ref sink.Waiting, waiting);
            Interlocked.Add(ref sink.Dead, dead);
        }

        staged.Clear();
    }

    /// <summary>The open transaction rolled back: its rows never were.</summary>
    public void Discard() => staged.Clear();

    public IEnumerable<Measurement<long>> ObserveDelivered() => Observe(s => Interlocked.Read(ref s.Delivered));

    public IEnumerable<Measurement<long>> ObserveFailures()
    {
        foreach (var (name, sink) in sinks)
        {
            var label = new KeyValuePair<string, object?>("sink", name);
            yield return new Measurement<long>(Interlocked.Read(ref sink.Retried), label, new KeyValuePair<string, object?>("outcome", "retry"));
            yield return new Measurement<long>(Interlocked.Read(ref sink.DeadLettered), label, new KeyValuePair<string, object?>("outcome", "dead"));
        }
    }

    public IEnumerable<Measurement<long>> ObserveWaiting() => Observe(s => Interlocked.Read(ref s.Waiting));

    public IEnumerable<Measurement<long>> ObserveDead() => Observe(s => Interlocked.Read(ref s.Dead));

    private IEnumerable<Measurement<long>> Observe(Func<Sink, long> value) =>
        sinks.Select(s => new Measurement<long>(value(s.Value), new KeyValuePair<string, object?>("sink", s.Key)));

    private Sink Of(string name) => sinks.GetOrAdd(name, static _ => new Sink());

    /// <summary>One sink's figures; fields, so they are updated in place.</summary>
    private sealed class Sink
    {
        public long Delivered;
        public long Retried;
        public long DeadLettered;
        public long Waiting;
        public long Dead;
    }
}
