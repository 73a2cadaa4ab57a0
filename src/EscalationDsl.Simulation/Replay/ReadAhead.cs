using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using EscalationDsl.Simulation.Sources;

namespace EscalationDsl.Simulation.Replay;

/// <summary>
/// Reads a source on its own thread while the replay runs on the caller's: records travel in batches
/// through a bounded queue (a few thousand records at most are in flight, so memory stays flat), and
/// the batch arrays are handed back for reuse. Records arrive in the source's order; an exception the
/// source throws reaches the caller after the records read before it. Disposing stops the reader.
/// The source is touched only by the reader thread: its progress travels with each batch.
/// </summary>
internal sealed class ReadAhead : IDisposable
{
    private const int BatchSize = 512;
    private const int Depth = 8;
    private readonly BlockingCollection<Batch> full = new(Depth);
    private readonly ConcurrentBag<SourceRecord[]> empty = [];
    private readonly CancellationTokenSource stop = new();
    private readonly Thread reader;
    private readonly IEventSource source;
    private ExceptionDispatchInfo? failure;
    private double lastProgress;

    public ReadAhead(IEventSource source)
    {
        this.source = source;
        reader = new Thread(() => Fill(source)) { IsBackground = true, Name = "esc sim reader" };
        reader.Start();
    }

    /// <summary>How far the reader had come when it read the last batch consumed (0 to 1).</summary>
    public double Progress { get; private set; }

    /// <summary>Rows the reader had read when it read the last batch consumed.</summary>
    public long RowsRead { get; private set; }

    /// <summary>The records in source order; rethrows what the source threw, once the records before it are consumed.</summary>
    public IEnumerable<SourceRecord> Records()
    {
        foreach (var batch in full.GetConsumingEnumerable())
        {
            Progress = batch.Progress;
            RowsRead = batch.RowsRead;
            for (var i = 0; i < batch.Count; i++)
            {
                yield return batch.Items[i];
            }

            Array.Clear(batch.Items, 0, batch.Count);
            empty.Add(batch.Items);
        }

        failure?.Throw();
    }

    public void Dispose()
    {
        stop.Cancel();
        reader.Join();
        stop.Dispose();
        full.Dispose();
    }

    private void Fill(IEventSource source)
    {
        var batches = new Batches(this);
        try
        {
            try
            {
                source.ReadInto(batches);
            }
            catch (Exception e) when (e is not OperationCanceledException || !stop.IsCancellationRequested)
            {
                // Handed to the replay thread, which rethrows it after the records read before it.
                failure = ExceptionDispatchInfo.Capture(e);
            }

            // The last batch (possibly empty) carries the final position; the source may have closed its file.
            full.Add(new Batch(batches.Items, batches.Count, failure is null ? 1 : lastProgress, source.RowsRead), stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The replay stopped early (--strict): nobody reads the rest.
        }
        finally
        {
            full.CompleteAdding();
        }
    }

    private Batch Seal(SourceRecord[] items, int count)
    {
        lastProgress = source.Progress;
        return new Batch(items, count, lastProgress, source.RowsRead);
    }

    /// <summary>Copies the source's runs of records into batches, queueing each batch as it fills.</summary>
    private sealed class Batches(ReadAhead owner) : ISourceRecordSink
    {
        public SourceRecord[] Items { get; private set; } = new SourceRecord[BatchSize];

        public int Count { get; private set; }

        public void Add(ReadOnlySpan<SourceRecord> records)
        {
            while (!records.IsEmpty)
            {
                var taken = Math.Min(records.Length, BatchSize - Count);
                records[..taken].CopyTo(Items.AsSpan(Count));
                Count += taken;
                records = records[taken..];
                if (Count == BatchSize)
                {
                    owner.full.Add(owner.Seal(Items, Count), owner.stop.Token);
                    Items = owner.empty.TryTake(out var reused) ? reused : new SourceRecord[BatchSize];
                    Count = 0;
                }
            }
        }
    }

    private readonly record struct Batch(SourceRecord[] Items, int Count, double Progress, long RowsRead);
}
