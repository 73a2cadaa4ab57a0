namespace EscalationDsl.Engine.Delivery;

/// <summary>Appends each decision as one JSON line to a file and flushes it to disk before acknowledging.</summary>
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

            await using var stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
            await stream.WriteAsync(body, cancellation).ConfigureAwait(false);
            stream.WriteByte((byte)'\n');
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
