using EscalationDsl.Engine.Files;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Engine.Api;

/// <summary>
/// Without configured keys, the engine uses the key in Engine:ApiKeyFile, creating the file (readable
/// by its owner only) with a random key the first time, so a fresh `esc serve` is never open for writes.
/// The file is read or made (<see cref="ReadOrCreate"/>) before the database is opened, so a key file
/// that cannot be used stops the start before a database exists; a start that fails after making it
/// removes it (<see cref="MadeKeyFile.Remove"/>). Two starts that share a new key file never both
/// think it theirs: the one making it holds it until its start is decided, and the other is refused meanwhile.
/// </summary>
internal static class ApiKeyFile
{
    /// <summary>Why a key file that is a named pipe no process writes to (or a socket file) is refused.</summary>
    public const string NoWriter = "it is a named pipe no process writes to (or a socket file); give the key in a regular file, or through a pipe a process writes it to, such as <(pass show esc)";

    /// <summary>
    /// Reads the key file, adding its key to the configured ones, or makes it when it does not exist.
    /// </summary>
    /// <returns>The file this start made, held until its start is decided; null when it read one.</returns>
    /// <exception cref="EngineConfigurationException">The file cannot be read or made, holds no usable key, or another start is making it.</exception>
    public static MadeKeyFile? ReadOrCreate(EngineOptions options)
    {
        // Made by another start between looking and making: read that one (or be refused while it is held).
        for (var attempt = 0; attempt < 3; attempt++)
        {
            if (ReadExisting(options))
            {
                return null;
            }

            if (Create(options) is { } made)
            {
                return made;
            }
        }

        var path = Path.GetFullPath(options.ApiKeyFile);
        throw EngineConfigurationException.For("Engine:ApiKeyFile", $"cannot read or create {path}: other engines made it and removed it again as this one started; start it again");
    }

    /// <summary>Reads the key file if it exists, adding its key to the configured ones.</summary>
    /// <returns>Whether the file existed (and its key was taken).</returns>
    private static bool ReadExisting(EngineOptions options)
    {
        var path = Path.GetFullPath(options.ApiKeyFile);
        if (!File.Exists(path))
        {
            return false;
        }

        string? key = null;
        Guard(path, () => key = ReadKey(path));
        if (key is null)
        {
            return false;
        }

        options.ApiKeys.Add(ApiKeys.Hash(key));
        return true;
    }

    /// <summary>
    /// Creates the key file with a new random key and adds the key to the configured ones. The key is
    /// written whole to <c>FILE.partial</c> and synced, then moved into place (never over a file): a
    /// write that fails (a full disk) leaves no empty key file that every later start would refuse.
    /// <c>FILE.partial</c> is held while it is written, so two starts never write one partial file,
    /// and the file stays held once in place (<see cref="MadeKeyFile"/>).
    /// </summary>
    /// <returns>The file made, or null when another start put one in place meanwhile.</returns>
    private static MadeKeyFile? Create(EngineOptions options)
    {
        var path = Path.GetFullPath(options.ApiKeyFile);
        var partial = path + ".partial";
        MadeKeyFile? made = null;
        Guard(path, () =>
        {
            // Held: an exclusive lock on Unix (FileShare.None; any other share takes a shared one), and
            // on Windows shared with nobody but the move into place and the removal (FileShare.Delete).
            var created = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, Share = FileShare.Delete };
            if (!OperatingSystem.IsWindows())
            {
                created.Share = FileShare.None;
                created.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            // A partial file another start holds is its own; one a crash left is taken over (and emptied).
            var file = HeldOpen(path, () => new FileStream(partial, created));
            try
            {
                var key = ApiKeys.Generate();
                file.SetLength(0);
                file.Write(System.Text.Encoding.ASCII.GetBytes(key + "\n"));
                file.Flush(flushToDisk: true);
                if (!NewFile.TryMoveIntoPlace(partial, path))
                {
                    Remove(partial);
                    file.Dispose();
                    return;
                }

                options.ApiKeys.Add(ApiKeys.Hash(key));
                made = new MadeKeyFile(path, file);
            }
            catch
            {
                Remove(partial); // held, so it is this start's
                file.Dispose();
                throw;
            }
        });
        return made;
    }

    /// <summary>
    /// The file's permissions in octal (<c>644</c>) when others than its owner may read or write it, or
    /// null: anyone who can read the key can write to the engine. Unix only (elsewhere null).
    /// </summary>
    public static string? OpenToOthers(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        const UnixFileMode others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.OtherRead | UnixFileMode.OtherWrite;
        try
        {
            var mode = File.GetUnixFileMode(path);
            return (mode & others) != 0 ? Convert.ToString((int)mode & 0x1FF, 8) : null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null; // read a moment ago; nothing to say if it cannot be looked at now
        }
    }

    /// <summary>Removes a file this start made and holds, after the start failed; one that cannot be removed stays (it is the owner's only).</summary>
    public static void Remove(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left as made: readable by its owner only, and used by the next start.
        }
    }

    /// <summary>The key in the file, or null when the file is gone (removed by the start that made it, whose start failed).</summary>
    private static string? ReadKey(string path)
    {
        // Bounded: a key file linked to /dev/zero was read until memory ran out. A pipe such as
        // --Engine:ApiKeyFile=<(pass show esc) is read as a setting names it; a named pipe no process
        // writes to is refused, where the open waited for a writer, silently, for ever. The shared lock
        // the usual open takes is refused while a start that made the file holds it.
        byte[] bytes;
        try
        {
            using var stream = NonBlockingFile.OpenNamed(path, NoWriter, () => HeldOpen(path, () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1)));
            bytes = BoundedFile.Read(stream, "an API key file");
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        // Opened before the start that made it removed it, and read once it let go: not a key any start keeps.
        if (!File.Exists(path))
        {
            return null;
        }

        var key = SourceText.FromBytes(path, bytes).Text.Trim();
        if (key.Length < 16)
        {
            throw EngineConfigurationException.For("Engine:ApiKeyFile", $"{path} holds no usable key (at least 16 characters)");
        }

        // A NUL inside, two lines, or bytes that are not UTF-8: the engine started, and no request could write.
        return ApiKeys.Unsendable(key) is { } why
            ? throw EngineConfigurationException.For(
                "Engine:ApiKeyFile", $"{path} holds no usable key: it {why}; {(key.Contains(ApiKeys.NotUtf8) ? "write the key as UTF-8 text" : "write the key alone on one line")}")
            : key;
    }

    /// <summary>Opens a file, refusing the start when another start that made the key file still holds it.</summary>
    private static FileStream HeldOpen(string path, Func<FileStream> open)
    {
        try
        {
            return open();
        }
        catch (IOException e) when (FileLocks.HeldByAnother(e))
        {
            throw EngineConfigurationException.For(
                "Engine:ApiKeyFile", $"{path} is being made by another engine that is still starting, which removes it if its start fails; start this engine once that one listens");
        }
    }

    private static void Guard(string path, Action action)
    {
        try
        {
            action();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw EngineConfigurationException.For("Engine:ApiKeyFile", $"cannot read or create {path}: {e.Message}");
        }
    }
}
