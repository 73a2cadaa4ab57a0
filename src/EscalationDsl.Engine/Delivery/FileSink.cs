namespace EscalationDsl.Engine.Delivery;

/// <summary>
/// Appends each decision as one JSON line to a file and flushes it to disk before acknowledging.
/// A line left without its end by a crash (or a full disk) mid-write is ended before the next one is
/// appended, so the torn record stays alone on its line and the next one stays whole; the torn
/// decision was not acknowledged and is written again whole.
/// </summary>
public sealed class FileSink(string name, string path) : IDecisionSink
{
    private readonly SemaphoreSlim gate = new(1, 1);

    /// <inheritdoc />
    public string Name { get; } = name;

    /// <inheritdoc />
    public async Task SendAsync(string decisionId, byte[] body, CancellationToken cancellation)
    {
        await gate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            await using var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.Read);
            var torn = false;
            if (stream.Length > 0)
            {
                stream.Seek(-1, SeekOrigin.End);
                torn = stream.ReadByte() != '\n';
            }

            stream.Seek(0, SeekOrigin.End);
            var line = new byte[body.Length + (torn ? 2 : 1)];
            if (torn)
            {
                line[0] = (byte)'\n';
            }

            body.CopyTo(line, torn ? 1 : 0);
            line[^1] = (byte)'\n';
            await stream.WriteAsync(line, cancellation).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DeliveryException($"{path}: {e.Message}", e);
        }
        finally
        {
            gate.Release();
        }
    }
}
