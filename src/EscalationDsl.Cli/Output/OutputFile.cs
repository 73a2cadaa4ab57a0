using EscalationDsl.Engine.Files;

namespace EscalationDsl.Cli.Output;

/// <summary>
/// A file a command writes whole or not at all (<c>--output</c>, <c>--emit-events</c>). What is
/// written goes to a temporary file first and reaches the named file only at <see cref="Commit"/>,
/// so a run that fails or is refused half-way leaves the named file as it was, or absent.
/// </summary>
/// <remarks>
/// A file that does not exist yet is written beside where it will be and moved into place, so it
/// appears complete or not at all. A file that exists is written through at the end instead of
/// being replaced: that keeps what it is (a link, a file with other links or permissions, a named
/// pipe, <c>/dev/stdout</c>), which a move would turn into a new plain file; its temporary copy
/// waits in the system's temporary folder, because the named file's folder may not take new files.
/// </remarks>
internal sealed class OutputFile : IDisposable
{
    private readonly string target;
    private readonly string temporary;
    private readonly FileStream stream;
    private bool done;

    private OutputFile(string target, string temporary, FileStream stream)
    {
        this.target = target;
        this.temporary = temporary;
        this.stream = stream;
    }

    /// <summary>Where the command writes; nothing reaches the named file before <see cref="Commit"/>.</summary>
    public Stream Stream => stream;

    /// <summary>Starts writing <paramref name="fullPath"/>.</summary>
    /// <exception cref="IOException">The temporary file cannot be made (such as a folder that does not exist, or one the user may not write); the message names <paramref name="fullPath"/>.</exception>
    public static OutputFile Create(string fullPath)
    {
        var folder = File.Exists(fullPath) ? Path.GetTempPath() : Path.GetDirectoryName(fullPath) ?? Path.GetTempPath();
        var name = Path.GetFileName(fullPath);
        var temporary = Path.Combine(folder, $".{name[..Math.Min(name.Length, 100)]}.{Path.GetRandomFileName()}.partial");
        try
        {
            return new OutputFile(fullPath, temporary, Interruption.Track(temporary, () => new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The system's message names the file it could not make: name the one the user gave.
            throw new IOException(e.Message.Replace(temporary, fullPath, StringComparison.Ordinal), e);
        }
    }

    /// <summary>
    /// Why writing failed, for a message that names the file already: .NET ends the message of a
    /// failed write with <c> : 'PATH'</c>, which repeated the name, or gave the hidden temporary file's.
    /// </summary>
    public static string Reason(Exception e)
    {
        var message = e.Message;
        var path = message.LastIndexOf(" : '", StringComparison.Ordinal);
        return path > 0 && message.EndsWith('\'') ? message[..path] : message;
    }

    /// <summary>Puts what was written in place of the named file and removes the temporary one.</summary>
    /// <exception cref="IOException">It cannot be written (such as a full disk); the temporary file is removed.</exception>
    /// <exception cref="UnauthorizedAccessException">The named file may not be written; the temporary file is removed.</exception>
    public void Commit()
    {
        stream.Dispose();
        Interruption.Settle(temporary, PutInPlace);
    }

    private void PutInPlace()
    {
        if (!File.Exists(target) && NewFile.TryMoveIntoPlace(temporary, target))
        {
            done = true;
            return;
        }

        using (var from = new FileStream(temporary, FileMode.Open, FileAccess.Read, FileShare.None))
        using (var into = new FileStream(target, FileMode.Create, FileAccess.Write, FileShare.Read))
        {
            if (into.CanSeek)
            {
                Interruption.Finishing(); // a file, which a signal now would leave cut short; not a pipe
            }

            from.CopyTo(into);
        }

        Dispose();
    }

    /// <summary>Removes the temporary file unless it was moved into place: the named file stays as it was.</summary>
    public void Dispose()
    {
        if (done)
        {
            return;
        }

        done = true;
        try
        {
            // Closing again after a failed write may fail again: that failure was reported already.
            stream.Dispose();
        }
        catch (IOException)
        {
        }

        try
        {
            File.Delete(temporary);
            Interruption.Forget(temporary);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left behind under its hidden .partial name; the named file is untouched either way.
        }
    }
}
