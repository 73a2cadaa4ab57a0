using System.IO.Compression;
using System.IO.Hashing;
using EscalationDsl.Simulation.Sources;

namespace EscalationDsl.Simulation.Input;

/// <summary>
/// A .zip entry read in place, checked as it is read: .NET's ZipArchive neither compares an entry's
/// CRC-32 with its content nor words a damaged compressed stream as damage. A mismatch at the end,
/// or data that does not decompress, is a <see cref="SourceException"/> naming the archive.
/// </summary>
internal sealed class CheckedEntryStream(ZipArchiveEntry entry, string displayName) : Stream
{
    private readonly Stream inner = entry.Open();
    private readonly Crc32 crc = new();
    private long read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => read;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        int n;
        try
        {
            n = inner.Read(buffer);
        }
        catch (InvalidDataException)
        {
            throw Damaged($"{entry.FullName} does not decompress after {read:N0} bytes");
        }

        if (n > 0)
        {
            crc.Append(buffer[..n]);
            read += n;
        }
        else if (buffer.Length > 0 && crc.GetCurrentHashAsUInt32() != entry.Crc32)
        {
            throw Damaged($"the checksum of {entry.FullName} does not match its content");
        }

        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

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
