using EscalationDsl.Simulation.Replay;
using EscalationDsl.Simulation.Sources;

namespace EscalationDsl.Simulation.Tests;

/// <summary>The reader thread hands records over in order, passes the source's failure on after them, and stops when disposed.</summary>
public sealed class ReadAheadTests
{
    [Fact]
    public void RecordsArriveInSourceOrderAcrossBatches()
    {
        using var source = new CountingSource(5_000);
        using var reader = new ReadAhead(source);

        var rows = reader.Records().Select(r => r.Row).ToList();

        rows.ShouldBe(Enumerable.Range(1, 5_000).Select(i => (long)i));
    }

    [Fact]
    public void AFailureReachesTheReplayAfterTheRecordsReadBeforeIt()
    {
        using var source = new CountingSource(1_300, failAfter: true);
        using var reader = new ReadAhead(source);
        var seen = new List<long>();

        var thrown = Should.Throw<SourceException>(() =>
        {
            foreach (var record in reader.Records())
            {
                seen.Add(record.Row);
            }
        });

        thrown.Message.ShouldBe("archive damaged");
        seen.Count.ShouldBe(1_300);
    }

    [Fact]
    public void DisposingStopsTheReaderBeforeTheEnd()
    {
        using var source = new CountingSource(10_000_000);
        var reader = new ReadAhead(source);
        reader.Records().Take(10).Count().ShouldBe(10);

        reader.Dispose();

        // The bounded queue holds a few thousand records, so the reader stopped long before the end.
        source.Yielded.ShouldBeLessThan(100_000);
    }

    private sealed class CountingSource(int count, bool failAfter = false) : IEventSource
    {
        private long yielded;

        public long Yielded => Interlocked.Read(ref yielded);

        public string DisplayName => "counting";

        public string Format => "test";

        public bool GroupedByTicket => false;

        public IReadOnlyList<string> Caveats => [];

        public IReadOnlySet<string> Unobserved => new HashSet<string>();

        public double Progress => 0;

        public long RowsRead => Yielded;

        public IEnumerable<SourceRecord> Read()
        {
            for (var i = 1; i <= count; i++)
            {
                Interlocked.Increment(ref yielded);
                yield return SourceRecord.ForProblem(i, "row");
            }

            if (failAfter)
            {
                throw new SourceException("archive damaged");
            }
        }

        public void Dispose()
        {
        }
    }
}
