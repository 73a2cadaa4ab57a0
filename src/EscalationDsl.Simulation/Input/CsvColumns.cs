using System.Text.RegularExpressions;
using EscalationDsl.Simulation.Sources;
using nietras.SeparatedValues;

namespace EscalationDsl.Simulation.Input;

/// <summary>Finds the columns a mapping names in a CSV header, with messages that list what the header has.</summary>
internal static partial class CsvColumns
{
    /// <summary>
    /// The end of the message for an id cell with bytes that are not UTF-8: UTF-8 reads them as U+FFFD,
    /// so ids that differ only there (an export saved as Windows-1252) would be one ticket.
    /// </summary>
    public const string NotUtf8Id = "is not valid UTF-8 text: bytes that are not UTF-8 read as '\uFFFD', and ids that differ only there would be one; save the export as UTF-8";

    /// <summary>
    /// The problem of an engineering cell that maps to neither true nor false (an assignee's name passed
    /// through, "yes"): taken as false it would lower the time-to-engineering figures unseen.
    /// </summary>
    public static string NotTrueOrFalse(string column, string? cell) =>
        $"{column}: '{cell}' is not true or false; map it under \"engineering\" in a mapping file, with \"values\" or a \"default\" (docs/importers.md)";

    /// <summary>
    /// The problem of a row with another number of cells than the header has columns, with how to fix it:
    /// a short row (a spreadsheet leaves trailing empty cells out) needs an empty cell for each column it
    /// does not give; a long one has a cell holding the separator that is not quoted.
    /// </summary>
    public static string WrongCellCount(int expected, int found, char separator) => found < expected
        ? $"expected {expected} columns, found {found}; write an empty cell (nothing between two {SeparatorName(separator, plural: true)}) for each column the row does not give"
        : $"expected {expected} columns, found {found}; a cell that holds a {SeparatorName(separator, plural: false)} goes in double quotes (\"a{(separator == '\t' ? "\\t" : separator.ToString())} b\")";

    private static string SeparatorName(char separator, bool plural) => separator switch
    {
        ',' => plural ? "commas" : "comma",
        ';' => plural ? "semicolons" : "semicolon",
        '\t' => plural ? "tabs" : "tab",
        _ => plural ? $"'{separator}' characters" : $"'{separator}'",
    };

    /// <summary>Opens a Sep reader that unescapes quotes, keeps every column as text and lets rows have a wrong column count (reported as bad rows).</summary>
    /// <exception cref="SourceException">The header names a column twice.</exception>
    public static SepReader OpenReader(Stream content, char separator, string file) =>
        Open(separator, file, sep => sep.From(Runtime.Events.TicketEventJson.OpenText(content)));

    /// <summary>As <see cref="OpenReader(Stream, char, string)"/>, from text already being read.</summary>
    public static SepReader OpenReader(TextReader content, char separator, string file) =>
        Open(separator, file, sep => sep.From(content));

    private static SepReader Open(char separator, string file, Func<SepReaderOptions, SepReader> from)
    {
        var sep = Sep.New(separator).Reader(o => o with
        {
            Unescape = true,
            DisableColCountCheck = true,
            DisableFastFloat = true,
            CultureInfo = System.Globalization.CultureInfo.InvariantCulture,
        });
        try
        {
            return from(sep);
        }
        catch (NotSupportedException)
        {
            throw RowTooLong(file, 1);
        }
        catch (ArgumentException e) when (RepeatedName().Match(e.Message) is { Success: true } m)
        {
            // Sep refuses a header that names a column twice.
            throw new SourceException(m.Groups[1].Value.Length == 0
                ? $"{file}:1: the header has more than one column without a name; each column needs its own name"
                : $"{file}:1: the header names '{m.Groups[1].Value}' more than once; each column needs its own name");
        }
    }

    /// <summary>
    /// Moves to the next row. Sep holds a row in memory up to 16 MB; a longer one (a quote that is never
    /// closed, or input that is not text, such as /dev/zero) is a problem of the file, not a bug.
    /// </summary>
    /// <param name="reader">The reader.</param>
    /// <param name="file">The file, for messages.</param>
    /// <exception cref="SourceException">The row is longer than 16 MB.</exception>
    public static bool MoveNext(SepReader reader, string file)
    {
        // Where the row before ends (the header's end before the first row, however many lines it spans).
        long line = reader.Current.LineNumberToExcl;
        try
        {
            return reader.MoveNext();
        }
        catch (NotSupportedException)
        {
            throw RowTooLong(file, line);
        }
    }

    private static SourceException RowTooLong(string file, long line) =>
        new($"{file}:{line}: the row is longer than 16 MB: a quote that is never closed, or a file that is not CSV text");

    /// <summary>The index of a required column.</summary>
    /// <exception cref="SourceException">The header lacks it.</exception>
    public static int Required(SepReader reader, string file, string column, string purpose)
    {
        if (reader.Header.TryIndexOf(column, out var index))
        {
            return index;
        }

        var names = reader.Header.ColNames;
        CheckHeader(reader, file, $"'{column}' ({purpose})");
        var cased = names.FirstOrDefault(n => n.Equals(column, StringComparison.OrdinalIgnoreCase)) is { } other
            ? $"; did you mean '{other}'? Column names are case-sensitive, and "
            : "; ";
        throw new SourceException($"{file}:1: column '{column}' ({purpose}) is missing{cased}the header has {names.Count} column{(names.Count == 1 ? "" : "s")}: {string.Join(", ", names.Take(40).Select(n => n.Length > 60 ? n[..60] + "..." : n))}{(names.Count > 40 ? ", ..." : "")}");
    }

    /// <summary>
    /// Refuses a file without a header: empty, or starting with an empty line (Sep reads no column, or one
    /// without a name), or a compressed file (zip, gzip) read under a name that does not say so, whose
    /// bytes would be taken for a header. <paramref name="example"/> is a column the file needs, as the
    /// message shows it.
    /// </summary>
    /// <exception cref="SourceException">The file has no header, or is an archive.</exception>
    public static void CheckHeader(SepReader reader, string file, string example)
    {
        if (reader.Header.ColNames is [] or [""])
        {
            throw new SourceException($"{file}:1: no header: the file is empty or starts with an empty line; a CSV file starts with a header row that names its columns, such as {example}");
        }

        // An archive is known by its name; read from a pipe, its bytes would be quoted as a header.
        switch (reader.Header.ColNames[0])
        {
            case var first when first.StartsWith("PK\u0003\u0004", StringComparison.Ordinal):
                throw new SourceException($"{file}: is a .zip archive, not CSV text; esc opens an archive by a name ending in .zip: name the archive itself (--tickets export.zip), or extract the CSV into the pipe (unzip -p export.zip | esc sim ... --tickets /dev/stdin)");
            case var first when first.StartsWith('\u001F'):
                throw new SourceException($"{file}: is gzip-compressed, not CSV text; esc reads a gzip file by a name ending in .gz: name the file itself (--tickets export.csv.gz), or decompress it into the pipe (zcat export.csv.gz | esc sim ... --tickets /dev/stdin)");
        }
    }

    /// <summary>The index of a column, or -1 when absent.</summary>
    public static int Optional(SepReader reader, string? column) => column is not null && reader.Header.TryIndexOf(column, out var index) ? index : -1;

    [GeneratedRegex("Col name '(.*)' found [0-9]+ times")]
    private static partial Regex RepeatedName();
}
