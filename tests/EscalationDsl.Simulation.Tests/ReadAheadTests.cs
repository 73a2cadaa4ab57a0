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
        using var source = new CountingSource(1_300, new SourceException("archive damaged"));
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
    public void ACancellationThrownByTheSourceReachesTheReplay()
    {
        using var source = new CountingSource(1, new OperationCanceledException("source gave up"));
        using var reader = new ReadAhead(source);

        Should.Throw<OperationCanceledException>(() => reader.Records().Count()).Message.ShouldBe("source gave up");
    }

    [Fact]
    public void TheSourcesPositionTravelsWithTheRecords()
    {
        using var source = new CountingSource(1_000);
        using var reader = new ReadAhead(source);

        reader.Records().Count().ShouldBe(1_000);

        reader.RowsRead.ShouldBe(1_000);
        reader.Progress.ShouldBe(1);
    }

    [Fact]
    public void ProgressIsReportedWhileTheReplayLagsBehindAReaderThatClosedItsFile()
    {
        // The reader finishes the file (and closes it) while the replay is still at row 8,000; the
        // replay's progress reports must not touch the closed file.
        using var file = new TempFile(".jsonl", string.Concat(Enumerable.Repeat("not json\n", 10_000)));
        using var source = new CanonicalEventSource(file.Path, "events.jsonl");
        var progress = new List<SimulationProgress>();
        var problems = 0;
        var options = new SimulationOptions
        {
            Problem = _ =>
            {
                if (++problems == 8_000)
                {
                    Thread.Sleep(500);
                }
            },
            Progress = progress.Add,
        };

        var result = new Simulator(Policies.Support, options).Run(source);

        result.Report.Input.BadRows.ShouldBe(10_000);
        result.Report.Input.Rows.ShouldBe(10_000);
        progress[^1].ShouldSatisfyAllConditions(p => p.Fraction.ShouldBe(1), p => p.Rows.ShouldBe(10_000));
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

    private sealed class CountingSource(int count, Exception? failure = null) : IEventSource
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

            if (failure is not null)
            {
                throw failure;
            }
        }

        public void Dispose()
        {
        }
    }
}
