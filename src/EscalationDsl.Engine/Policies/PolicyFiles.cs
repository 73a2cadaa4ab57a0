using System.IO.Enumeration;

namespace EscalationDsl.Engine.Policies;

/// <summary>
/// The policy files of a folder, as the engine finds them in Engine:Policies and every command in the
/// folders it is given; here rather than in Language, which reads no files.
/// </summary>
public static class PolicyFiles
{
    /// <summary>The extension of policy files.</summary>
    public const string Extension = ".esc";

    /// <summary>The largest policy file read: a policy of 10,000 lines is about 0.5 MB.</summary>
    public const int MaxBytes = 16 * 1024 * 1024;

    /// <summary>
    /// The bytes of a policy file, at most <see cref="MaxBytes"/>: a larger file (or a device such as
    /// <c>/dev/zero</c>, which never ends) is refused with an <see cref="IOException"/> rather than
    /// read until memory runs out. See <see cref="ReadBounded(string, string, bool)"/> for <paramref name="named"/>.
    /// </summary>
    public static byte[] Read(string path, bool named) => ReadBounded(path, "a policy", named);

    /// <summary>
    /// The bytes of a small input file (a policy, a mapping), at most <see cref="MaxBytes"/>; beyond
    /// that an <see cref="IOException"/> says the file is too large for <paramref name="what"/>.
    /// A file the user <paramref name="named"/> is read as other tools read it: a named pipe (such as
    /// <c>esc check &lt;(git show HEAD:x.esc)</c> makes) is read once something writes to it. A file
    /// found in a folder that is not a regular file but a named pipe, a socket or a terminal is
    /// refused without waiting: nobody may ever write to it, and the reader (the engine's reload)
    /// would wait for ever.
    /// </summary>
    public static byte[] ReadBounded(string path, string what, bool named)
    {
        var notRegular = $"the file is a named pipe, a socket or a terminal, not a regular file; {what} found in a folder is read from a regular file";
        using var stream = named
            ? new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1)
            : new FileStream(NonBlockingFile.Open(path, notRegular), FileAccess.Read, bufferSize: 1);
        if (!named && !stream.CanSeek)
        {
            throw new IOException(notRegular);
        }

        return ReadBounded(stream, what);
    }

    /// <summary>The bytes of <paramref name="stream"/> (such as standard input) to its end, at most <see cref="MaxBytes"/>, as <see cref="ReadBounded(string, string, bool)"/> reads a file.</summary>
    /// <exception cref="IOException">The stream holds more than <see cref="MaxBytes"/>.</exception>
    public static byte[] ReadBounded(Stream stream, string what)
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

    /// <summary>
    /// Every <c>*.esc</c> file below <paramref name="folder"/>, in all subfolders, as full paths in
    /// ordinal order. Symbolic links to files are read; links to folders are not followed, so a link
    /// back up the tree (<c>loop -&gt; .</c>) neither repeats files nor walks without end.
    /// </summary>
    public static IReadOnlyList<string> Below(string folder)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = false, AttributesToSkip = 0 };
        var files = new FileSystemEnumerable<string>(folder, (ref FileSystemEntry entry) => entry.ToFullPath(), options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) =>
                !entry.IsDirectory && entry.FileName.EndsWith(Extension, StringComparison.Ordinal),
            ShouldRecursePredicate = (ref FileSystemEntry entry) =>
                (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        return files.Order(StringComparer.Ordinal).ToList();
    }
}
