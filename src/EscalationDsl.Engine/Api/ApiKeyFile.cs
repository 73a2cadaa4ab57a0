using EscalationDsl.Engine.Files;
using EscalationDsl.Language.Text;

namespace EscalationDsl.Engine.Api;

/// <summary>
/// Without configured keys, the engine uses the key in Engine:ApiKeyFile, creating the file (readable
/// by its owner only) with a random key the first time, so a fresh `esc serve` is never open for writes.
/// The file is read (<see cref="ReadExisting"/>) or made (<see cref="Create"/>) before the database is
/// opened, so a key file that cannot be used stops the start before a database exists; a start that
/// fails after making it removes it (<see cref="Remove"/>).
/// </summary>
internal static class ApiKeyFile
{
    /// <summary>Reads the key file if it exists, adding its key to the configured ones.</summary>
    /// <returns>Whether the file existed (and its key was taken).</returns>
    /// <exception cref="EngineConfigurationException">The file cannot be read or holds no usable key.</exception>
    public static bool ReadExisting(EngineOptions options)
    {
        var path = Path.GetFullPath(options.ApiKeyFile);
        if (!File.Exists(path))
        {
            return false;
        }

        Guard(path, () => options.ApiKeys.Add(ApiKeys.Hash(ReadKey(path))));
        return true;
    }

    /// <summary>
    /// Creates the key file with a new random key and adds the key to the configured ones. The key is
    /// written whole to <c>FILE.partial</c> and synced, then moved into place (never over a file): a
    /// write that fails (a full disk) leaves no empty key file that every later start would refuse.
    /// </summary>
    /// <exception cref="EngineConfigurationException">The file cannot be created.</exception>
    public static void Create(EngineOptions options)
    {
        var path = Path.GetFullPath(options.ApiKeyFile);
        var partial = path + ".partial";
        Guard(path, () =>
        {
            var created = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                created.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            var key = ApiKeys.Generate();
            try
            {
                using (var file = new FileStream(partial, created))
                {
                    file.Write(System.Text.Encoding.ASCII.GetBytes(key + "\n"));
                    file.Flush(flushToDisk: true);
                }

                File.Move(partial, path, overwrite: false);
            }
            catch
            {
                Remove(partial);
                throw;
            }

            options.ApiKeys.Add(ApiKeys.Hash(key));
        });
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

    /// <summary>Removes a key file this start made, after the start failed; one that cannot be removed stays (it is the owner's only).</summary>
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

    private static string ReadKey(string path)
    {
        // Bounded: a key file linked to /dev/zero was read until memory ran out. Named, as a
        // setting names it, so a pipe such as --Engine:ApiKeyFile=<(pass show esc) is read.
        var key = SourceText.FromBytes(path, BoundedFile.Read(path, "an API key file", named: true)).Text.Trim();
        return key.Length >= 16 ? key : throw EngineConfigurationException.For("Engine:ApiKeyFile", $"{path} holds no usable key (at least 16 characters)");
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
