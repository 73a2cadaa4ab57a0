using EscalationDsl.Runtime.Events;
using EscalationDsl.Simulation.Input;
using EscalationDsl.Simulation.Sources;
using nietras.SeparatedValues;

namespace EscalationDsl.Simulation.Mapping;

/// <summary>
/// The columns of the keys every generic mapping has (<see cref="IColumnMapping"/>), found in a CSV
/// header, and how a row's cells become event members: one reading for every generic mapping.
/// </summary>
internal sealed class MappedColumns
{
    private readonly IColumnMapping mapping;

    /// <summary>The time format of each zone cell seen (null for a cell that is no offset or zone), so a zone is looked up once.</summary>
    private readonly Dictionary<string, TimeFormat?> zoneFormats = new(StringComparer.Ordinal);

    /// <exception cref="Sources.SourceException">The header lacks a column the mapping names.</exception>
    public MappedColumns(SepReader reader, string file, IColumnMapping mapping)
    {
        this.mapping = mapping;
        Count = reader.Header.ColNames.Count;
        Ticket = CsvColumns.Required(reader, file, mapping.Ticket, "the ticket id");
        Severity = Mapped(reader, file, mapping.Severity, "the severity");
        IssueType = Mapped(reader, file, mapping.IssueType, "the issue type");
        Owner = Mapped(reader, file, mapping.Owner, "the owner");
        Engineering = Mapped(reader, file, mapping.Engineering, "engineering assignment");
        Queue = mapping.Queue is { } queue ? CsvColumns.Required(reader, file, queue, "the queue") : Owner;
        Category = mapping.Category is { } category ? CsvColumns.Required(reader, file, category, "the category") : IssueType;
        Fields = [.. mapping.Fields.Select(f => CsvColumns.Required(reader, file, f.Map.Column, $"field {f.Field}"))];
        TimeZone = mapping.Layout.TimeZoneColumn is { } zone ? CsvColumns.Required(reader, file, zone, "the time zone") : -1;
    }

    /// <summary>The header's number of columns; a row with another count is a bad row.</summary>
    public int Count { get; }

    public int Ticket { get; }

    public int Severity { get; }

    public int IssueType { get; }

    public int Owner { get; }

    public int Engineering { get; }

    public int Queue { get; }

    public int Category { get; }

    public int[] Fields { get; }

    /// <summary>The column of each row's UTC offset or zone; -1 when the mapping has none.</summary>
    public int TimeZone { get; }

    /// <summary>The column of a common event member (<see cref="Sources.IEventSource.ColumnOf"/>), or null when the member is not a common one.</summary>
    public static string? ColumnOf(IColumnMapping mapping, string member) => member switch
    {
        "ticket" => mapping.Ticket,
        "severity" => mapping.Severity?.Column,
        "issue_type" => mapping.IssueType?.Column,
        "owner" => mapping.Owner?.Column,
        "engineering" => mapping.Engineering?.Column,
        _ when member.StartsWith("fields.", StringComparison.Ordinal) => mapping.Fields.FirstOrDefault(f => f.Field == member["fields.".Length..])?.Map.Column,
        _ => null,
    };

    /// <summary>
    /// The ticket id of a row, or null when the row is skipped: an empty line silently; a row with
    /// another number of cells than the header, no ticket id or an id with bytes that are not UTF-8 as
    /// a problem added to <paramref name="pending"/>.
    /// </summary>
    public string? TicketOf(SepReader.Row row, StringPool pool, List<SourceRecord> pending)
    {
        long line = row.LineNumberFrom;
        if (row.ColCount == 1 && row.Span.Trim().IsEmpty)
        {
            return null;
        }

        if (row.ColCount != Count)
        {
            // The ticket, when the row reaches its cell: its later rows then say their created event may have been here.
            var shortOf = Ticket < row.ColCount && !TicketEventJson.HoldsNotUtf8(row[Ticket].Span) ? Cell(row, Ticket, pool) : null;
            pending.Add(SourceRecord.ForProblem(line, CsvColumns.WrongCellCount(Count, row.ColCount, mapping.Layout.Separator), shortOf));
            return null;
        }

        var ticket = Cell(row, Ticket, pool);
        if (ticket is null)
        {
            pending.Add(SourceRecord.ForProblem(line, $"{mapping.Ticket}: no value; the row belongs to no ticket"));
        }
        else if (TicketEventJson.HoldsNotUtf8(row[Ticket].Span))
        {
            // The cell, as the pool keeps it, shows bytes that were not UTF-8 as U+FFFD.
            pending.Add(SourceRecord.ForProblem(line, $"{mapping.Ticket}: '{ticket}' {CsvColumns.NotUtf8Id}"));
            ticket = null;
        }

        return ticket;
    }

    /// <summary>The mapped fields that have a value in the row, or null when none has.</summary>
    public List<KeyValuePair<string, string>>? FieldValues(SepReader.Row row, StringPool pool)
    {
        List<KeyValuePair<string, string>>? fields = null;
        for (var f = 0; f < Fields.Length; f++)
        {
            if (Map(mapping.Fields[f].Map, Cell(row, Fields[f], pool)) is { } value)
            {
                (fields ??= []).Add(KeyValuePair.Create(mapping.Fields[f].Field, value));
            }
        }

        return fields;
    }

    /// <summary>
    /// Whether an assignment in the row is to engineering (false without a value), or the problem of a
    /// cell that maps to neither true nor false: an assignee's name or "yes", taken as false, would
    /// lower the time-to-engineering figures unseen.
    /// </summary>
    public bool Engineered(SepReader.Row row, StringPool pool, out string? problem)
    {
        var cell = Cell(row, Engineering, pool);
        var value = Map(mapping.Engineering, cell);
        problem = value is null or "true" or "false" ? null : CsvColumns.NotTrueOrFalse(mapping.Engineering!.Column, cell);
        return value == "true";
    }

    /// <summary>
    /// The format the row's times are read with: in the zone its time zone cell names, or the layout's own
    /// (its <c>timeZone</c>) when there is no such column or the cell is empty. Null, with the problem
    /// (<c>COLUMN: ...</c>), when the cell is neither a UTC offset nor an IANA zone id, or is empty and
    /// the local times it should place have no <c>timeZone</c> to fall back on.
    /// </summary>
    public TimeFormat? TimeFormatOf(SepReader.Row row, StringPool pool, out string? problem)
    {
        problem = null;
        var layout = mapping.Layout;
        if (TimeZone < 0)
        {
            return layout.Time;
        }

        if (Cell(row, TimeZone, pool) is not { } text)
        {
            if (layout.Zone is null && layout.Time.NeedsZone)
            {
                problem = $"{layout.TimeZoneColumn}: no value, and the mapping gives no timeZone for rows without one; add one, such as \"timeZone\": \"Europe/London\"";
                return null;
            }

            return layout.Time;
        }

        if (!zoneFormats.TryGetValue(text, out var format))
        {
            if (zoneFormats.Count >= 1_000)
            {
                zoneFormats.Clear();
            }

            format = ZoneText.Find(text) is { } zone ? TimeFormat.Create(layout.Time.Text, zone, out _) : null;
            zoneFormats[text] = format;
        }

        if (format is null)
        {
            problem = $"{layout.TimeZoneColumn}: '{text}' {ZoneText.NotAZone}";
        }

        return format;
    }

    public static string? Map(ValueMap? map, string? cell) => map is null || cell is null ? null : map.Map(cell);

    /// <summary>The row's severity, through the mapping's table; null without a value or a mapping.</summary>
    public string? SeverityOf(SepReader.Row row, StringPool pool) => Map(mapping.Severity, Cell(row, Severity, pool));

    /// <summary>The row's issue type, through the mapping's table; null without a value or a mapping.</summary>
    public string? IssueTypeOf(SepReader.Row row, StringPool pool) => Map(mapping.IssueType, Cell(row, IssueType, pool));

    /// <summary>The row's owner, through the mapping's table; null without a value or a mapping.</summary>
    public string? OwnerOf(SepReader.Row row, StringPool pool) => Map(mapping.Owner, Cell(row, Owner, pool));

    /// <summary>The trimmed cell, or null when the column is not mapped or the cell holds no value.</summary>
    public string? Cell(SepReader.Row row, int column, StringPool pool)
    {
        if (column < 0)
        {
            return null;
        }

        var span = row[column].Span.Trim();
        return mapping.Layout.IsMissing(span) ? null : pool.Get(span);
    }

    /// <summary>The column of a value mapping, which the header must have; -1 when the key is not mapped.</summary>
    public static int Mapped(SepReader reader, string file, ValueMap? map, string purpose) =>
        map is null ? -1 : CsvColumns.Required(reader, file, map.Column, purpose);
}
