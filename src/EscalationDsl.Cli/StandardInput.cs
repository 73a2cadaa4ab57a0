namespace EscalationDsl.Cli;

/// <summary>
/// The process's standard input, unless esc was started with it closed (<c>esc check - &lt;&amp;-</c>).
/// Descriptor 0 is then free when the runtime starts, and the first descriptor the runtime opens for
/// itself takes it: in .NET 10 on Linux the pipe that wakes its synchronization thread, whose write
/// end the runtime holds and never closes, so reading "standard input" waited for ever.
/// </summary>
internal static class StandardInput
{
    /// <summary>What reading a closed standard input says, after <c>&lt;stdin&gt;: cannot read: </c>.</summary>
    public const string ClosedMessage = "standard input is closed; redirect the policy to it (`< FILE`) or name the file instead of `-`";

    /// <summary>O_CLOEXEC in the octal <c>flags:</c> of /proc/self/fdinfo (02000000 on Linux).</summary>
    private const int CloseOnExec = 0x80000;

    /// <summary>Standard input to read, or a stream whose reads fail with <see cref="ClosedMessage"/>.</summary>
    public static Stream Open() => WasClosedAtStart() ? new ClosedStream() : Console.OpenStandardInput();

    /// <summary>
    /// Whether descriptor 0 is missing or was opened by this process rather than given by its parent.
    /// A descriptor the parent gives survives exec, so it cannot be close-on-exec (and <c>dup2</c>, with
    /// which shells redirect, clears the flag), while the descriptors the runtime keeps open are
    /// close-on-exec. Only Linux shows this without native calls; elsewhere standard input is read as it is.
    /// </summary>
    private static bool WasClosedAtStart()
    {
        if (!OperatingSystem.IsLinux() || !Directory.Exists("/proc/self/fdinfo"))
        {
            return false;
        }

        try
        {
            foreach (var line in File.ReadLines("/proc/self/fdinfo/0"))
            {
                if (line.StartsWith("flags:", StringComparison.Ordinal))
                {
                    return (Convert.ToInt32(line["flags:".Length..].Trim(), 8) & CloseOnExec) != 0;
                }
            }

            return false;
        }
        catch (FileNotFoundException)
        {
            return true; // nothing took descriptor 0
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or ArgumentException)
        {
            return false; // /proc says nothing clear: read standard input as before
        }
    }

    /// <summary>Standard input that was closed: reading it fails, as reading a closed descriptor does.</summary>
    private sealed class ClosedStream : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new IOException(ClosedMessage);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
