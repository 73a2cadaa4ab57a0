using System.IO.Compression;
using System.IO.Hashing;
using EscalationDsl.Simulation.Sources;

namespace EscalationDsl.Simulation.Input;

/// <summary>
/// A .zip entry read in place, checked as it is read: .NET's ZipArchive neither compares an entry's
/// CRC-32 with its content nor words a damaged compressed stream as damage. A mismatch at the end,
/// or data that does not decompress, is a <see cref="SourceException"/> naming the archive.
/// </summary>
internal sealed class CheckedEntryStream(ZipArchiveEntry entry, string displayName) : ForwardOnlyStream
{
    private readonly Stream inner = entry.Open();
    private readonly Crc32 crc = new();

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = inner.Read(buffer);
        }
        catch (InvalidDataException)
        {
            throw Damaged($"{entry.FullName} does not decompress after {BytesRead:N0} bytes");
        }

        if (n > 0)
        {
            crc.Append(buffer[..n]);
            BytesRead += n;
        }
        else if (buffer.Length > 0 && crc.GetCurrentHashAsUInt32() != entry.Crc32)
        {
            throw Damaged($"the checksum of {entry.FullName} does not match its content");
        }

        return n;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private SourceException Damaged(string what) =>
        new($"{displayName}: the archive is damaged: {what}; download or export it again, or extract the .csv and read that");
}
