using System.IO.Compression;
using EscalationDsl.Simulation.Sources;

namespace EscalationDsl.Simulation.Input;

/// <summary>
/// A <c>.gz</c> file read as it is decompressed (several members one after the other, as
/// <c>cat a.gz b.gz</c> makes, are read as one). Data that does not decompress, fails its CRC-32, or
/// ends before its compressed stream does is a <see cref="SourceException"/> naming the file, not
/// an end of input. The last needs the runtime's strict validation of compressed streams
/// (<c>System.IO.Compression.UseStrictValidation</c>, set for every program of this repository in
/// Directory.Build.props): without it .NET returns what it decompressed of a cut file and stops.
/// </summary>
internal sealed class GzipContentStream(Stream file, string displayName) : ForwardOnlyStream
{
    private const string StrictValidation = "System.IO.Compression.UseStrictValidation";

    private readonly GZipStream inner = AppContext.TryGetSwitch(StrictValidation, out var strict) && strict
        ? new(file, CompressionMode.Decompress, leaveOpen: true)
        : throw new InvalidOperationException($"{StrictValidation} is not set: a gzip file cut short would be read as a shorter one. The program must set it (RuntimeHostConfigurationOption, as Directory.Build.props does).");

    public override int Read(Span<byte> buffer)
    {
        try
        {
            var n = inner.Read(buffer);
            BytesRead += n;
            return n;
        }
        catch (InvalidDataException)
        {
            // .NET words every kind of damage alike ("unsupported compression method", "truncated data").
            throw new SourceException($"{displayName}: the gzip file is damaged or cut short: it does not decompress after {BytesRead:N0} bytes; download or export it again");
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
