namespace EscalationDsl.Engine.Delivery;

/// <summary>
/// Appends each decision as one JSON line to a file and flushes it to disk before acknowledging.
/// A line left without its end by a crash (or a full disk) mid-write is ended before the next one is
/// appended, so the torn record stays alone on its line and the next one stays whole; the torn
/// decision was not acknowledged and is written again whole.
/// </summary>
public sealed class FileSink(string name, string path) : IDecisionSink
{
    /// <summary>Why a delivery to a named pipe that no process reads (or to a socket file) fails.</summary>
    public const string NoReader = "no process reads the named pipe (or it is a socket file)";

    private readonly SemaphoreSlim gate = new(1, 1);

    /// <summary>Look at the file's last byte before the next append: at the first one, and after a failed write.</summary>
    private bool checkTail = true;

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

            // Appended as before; only a regular file (one that seeks) can hold a torn line to end. A
            // named pipe nobody reads fails this delivery (retried after its backoff) instead of waiting.
            await using var stream = Files.NonBlockingFile.OpenToAppend(path, NoReader);
            var torn = checkTail && stream.CanSeek && stream.Length > 0 && LastByteIsNotNewline();
            checkTail = false;
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
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
        {
            checkTail = true;
            throw new DeliveryException($"{path}: {e.Message}", e);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Whether the file's last byte ends a line; a file the engine may write but not read is taken as whole.</summary>
    private bool LastByteIsNotNewline()
    {
        try
        {
            using var read = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            read.Seek(-1, SeekOrigin.End);
            return read.ReadByte() != '\n';
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
