using System.IO.Compression;
using EscalationDsl.Simulation.Sources;

namespace EscalationDsl.Simulation.Input;

/// <summary>
/// Opens a CSV file, a gzip-compressed one (<c>.gz</c>), or the one CSV file inside a .zip archive, as
/// a forward-only stream. Compressed files are read in place (never extracted to disk), and
/// <see cref="Progress"/> follows the bytes read from the file on disk, compressed or not.
/// </summary>
public sealed class InputFile : IDisposable
{
    private readonly FileStream file;
    private readonly ZipArchive? archive;

    private InputFile(FileStream file, ZipArchive? archive, Stream content, string entryName)
    {
        this.file = file;
        this.archive = archive;
        Content = content;
        EntryName = entryName;
    }

    /// <summary>The (decompressed) content.</summary>
    public Stream Content { get; }

    /// <summary>The file name (without <c>.gz</c> for a gzip file), or for an archive the name of the entry read.</summary>
    public string EntryName { get; }

    /// <summary>
    /// The share of the file on disk read so far, 0 to 1 (1 once the file is closed); 0, unknown, for
    /// a pipe or other input without a length, such as <c>--tickets &lt;(zcat export.csv.gz)</c>.
    /// </summary>
    public double Progress => !file.CanRead ? 1 : !file.CanSeek ? 0 : file.Length == 0 ? 1 : Math.Min(1, (double)file.Position / file.Length);

    /// <summary>The name of the file a gzip file holds (<c>events.jsonl.gz</c>: <c>events.jsonl</c>), else <paramref name="path"/>; its extension tells the format.</summary>
    public static string Uncompressed(string path) => IsGzip(path) ? path[..^3] : path;

    private static bool IsGzip(string path) => path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase);

    /// <summary>Opens <paramref name="path"/>; <paramref name="displayName"/> is used in messages.</summary>
    /// <exception cref="SourceException">The file is missing, unreadable, or an archive without exactly one CSV file.</exception>
    public static InputFile Open(string path, string displayName)
    {
        FileStream file;
        try
        {
            file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SourceException(e is FileNotFoundException or DirectoryNotFoundException ? $"{displayName}: no such file" : $"{displayName}: cannot read: {e.Message}");
        }

        if (IsGzip(path))
        {
            // .NET reads an empty stream as no data at all: a download that failed would replay as no history.
            if (file.CanSeek && file.Length == 0)
            {
                file.Dispose();
                throw new SourceException($"{displayName}: is empty, not a gzip file (one holds at least its header); download or export it again");
            }

            return new InputFile(file, null, new GzipContentStream(file, displayName), Path.GetFileName(Uncompressed(path)));
        }

        if (!path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return new InputFile(file, null, file, Path.GetFileName(path));
        }

        try
        {
            var archive = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            var csv = archive.Entries.Where(e => e.FullName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)).ToList();
            if (csv.Count != 1)
            {
                archive.Dispose();
                file.Dispose();
                throw new SourceException(csv.Count == 0
                    ? $"{displayName}: the archive holds no .csv file"
                    : $"{displayName}: the archive holds {csv.Count} .csv files ({string.Join(", ", csv.Select(e => e.FullName))}); extract the one to read");
            }

            // .NET reads no encrypted entry: its data would only be called damaged.
            if (csv[0].IsEncrypted)
            {
                archive.Dispose();
                file.Dispose();
                throw new SourceException($"{displayName}: {csv[0].FullName} is encrypted (the archive has a password); extract it with the password and read the .csv");
            }

            return new InputFile(file, archive, new CheckedEntryStream(csv[0], displayName), csv[0].FullName);
        }
        catch (InvalidDataException e)
        {
            file.Dispose();
            throw new SourceException($"{displayName}: not a readable .zip archive: {e.Message}");
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!ReferenceEquals(Content, file))
        {
            Content.Dispose();
        }

        archive?.Dispose();
        file.Dispose();
    }
}
