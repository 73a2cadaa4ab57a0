namespace EscalationDsl.Engine.Api;

/// <summary>
/// A key file this start made, held open under an exclusive lock until the start is decided. Another
/// start that finds the file meanwhile cannot read it and is refused (<see cref="ApiKeyFile.ReadOrCreate"/>),
/// so it never takes a key whose file this start may yet remove. A start that fails removes the file
/// (<see cref="Remove"/>) while still holding it; one that listens keeps it (<see cref="Keep"/>), and
/// from then on the file is every start's to read.
/// </summary>
internal sealed class MadeKeyFile(string path, FileStream held) : IDisposable
{
    private FileStream? held = held;

    /// <summary>The key file.</summary>
    public string Path { get; } = path;

    /// <summary>Releases the file for good: the start succeeded, and the file stays for every later start.</summary>
    public void Keep()
    {
        held?.Dispose();
        held = null;
    }

    /// <summary>Removes the file after the start failed, unless it was kept already (others may be using it since).</summary>
    public void Remove()
    {
        if (held is not null)
        {
            ApiKeyFile.Remove(Path);
        }

        Keep();
    }

    /// <summary>Releases the file, which stays (a host disposed without having started, as tests build one).</summary>
    public void Dispose() => Keep();
}
