namespace EscalationDsl.Engine.Files;

/// <summary>
/// Small input files read whole with a size limit (policies, mappings, lint configuration, settings,
/// the key file): a file past the limit, or a device that never ends, is refused rather than read
/// until memory runs out, and a pipe found in a folder is refused rather than waited on.
/// </summary>
public static class BoundedFile
{
    /// <summary>The largest file read: a policy of 10,000 lines is about 0.5 MB.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The bytes of a small input file (a policy, a mapping), at most <see cref="MaxBytes"/>; beyond
    /// that an <see cref="IOException"/> says the file is too large for <paramref name="what"/>.
    /// A file the user <paramref name="named"/> is read as other tools read it: a named pipe (such as
    /// <c>esc check &lt;(git show HEAD:x.esc)</c> makes) is read once something writes to it. A file
    /// found in a folder that is not a regular file but a named pipe, a socket or a terminal is
    /// refused without waiting: nobody may ever write to it, and the reader (the engine's reload)
    /// would wait for ever.
    /// </summary>
    public static byte[] Read(string path, string what, bool named)
    {
        var notRegular = $"the file is a named pipe, a socket or a terminal, not a regular file; {what} found in a folder is read from a regular file";
        using var stream = named
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1)
            : NonBlockingFile.OpenRegular(path, notRegular);
        return Read(stream, what);
    }

    /// <summary>The bytes of <paramref name="stream"/> (such as standard input) to its end, at most <see cref="MaxBytes"/>, as <see cref="Read(string, string, bool)"/> reads a file.</summary>
    /// <exception cref="IOException">The stream holds more than <see cref="MaxBytes"/>.</exception>
    public static byte[] Read(Stream stream, string what)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = new MemoryStream();
        var chunk = new byte[64 * 1024];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
            {
                throw new IOException($"the file is larger than {MaxBytes / (1024 * 1024)} MB, too large for {what}");
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
