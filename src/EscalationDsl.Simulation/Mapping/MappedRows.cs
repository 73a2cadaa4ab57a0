using EscalationDsl.Simulation.Input;
using EscalationDsl.Simulation.Sources;
using nietras.SeparatedValues;

namespace EscalationDsl.Simulation.Mapping;

/// <summary>Handles one CSV row: adds its records (events, problems, ticket ends) to <paramref name="pending"/>.</summary>
internal delegate void RowHandler<TState>(SepReader.Row row, TState state, List<SourceRecord> pending);

/// <summary>
/// The reading both generic mappings share: the input file (plain, .zip or .gz), its CSV rows one by
/// one, each row's records handed on before the next row is read, and the position for progress.
/// </summary>
internal sealed class MappedRows(string path, string file, char separator) : IDisposable
{
    /// <summary>
    /// How many tickets the generic readers remember (ids, with their rows for a ticket export), so a
    /// ticket seen again is recognised while memory stays bounded on any input (docs/importers.md).
    /// </summary>
    public const int RecentTickets = 65_536;

    private InputFile? input;

    public double Progress => input?.Progress ?? 0;

    public long RowsRead { get; private set; }

    /// <summary>Reads the file from the start: <paramref name="start"/> finds the columns in the header, <paramref name="end"/> adds what follows the last row.</summary>
    public IEnumerable<SourceRecord> Read<TState>(Func<SepReader, TState> start, RowHandler<TState> accept, Action<TState, List<SourceRecord>>? end = null)
    {
        input?.Dispose();
        input = InputFile.Open(path, file);
        using var reader = CsvColumns.OpenReader(input.Content, separator, file);
        RowsRead = 0;
        var state = start(reader);
        var pending = new List<SourceRecord>();
        while (CsvColumns.MoveNext(reader, file))
        {
            RowsRead++;
            accept(reader.Current, state, pending);
            foreach (var record in pending)
            {
                yield return record;
            }

            pending.Clear();
        }

        end?.Invoke(state, pending);
        foreach (var record in pending)
        {
            yield return record;
        }
    }

    public void Dispose() => input?.Dispose();
}
