namespace EscalationDsl.Engine.Files;

/// <summary>
/// Reads a pipe opened without waiting (<see cref="NonBlockingFile.OpenNamed"/>) as it is written: a read
/// that finds nothing yet while a process holds the pipe open to write waits for it, and a pipe that ends
/// before anything was read (no process writes to it) is refused rather than taken as empty.
/// </summary>
internal sealed class WrittenPipe(FileStream pipe, string noWriter) : Stream
{
    /// <summary>EAGAIN: 11 on Linux, 35 on macOS and the BSDs.</summary>
    private static int WouldBlock => OperatingSystem.IsLinux() ? 11 : 35;

    private bool anyRead;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count)
    {
        while (true)
        {
            try
            {
                var read = pipe.Read(buffer, offset, count);
                if (read == 0 && !anyRead)
                {
                    throw new IOException(noWriter);
                }

                anyRead = true;
                return read;
            }
            catch (IOException e) when (e.HResult == WouldBlock)
            {
                // A writer holds the pipe and has written nothing yet (a password manager asking for its passphrase).
                Thread.Sleep(20);
            }
        }
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
            pipe.Dispose();
        }

        base.Dispose(disposing);
    }
}
