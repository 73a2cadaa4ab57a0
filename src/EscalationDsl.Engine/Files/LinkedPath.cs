namespace EscalationDsl.Engine.Files;

/// <summary>The file a path names in the end, through symbolic links, whether or not that file exists yet.</summary>
public static class LinkedPath
{
    /// <summary>
    /// <paramref name="full"/> (a full path) with every symbolic link in it followed, as opening the file would
    /// (a link to the engine's database is the database); parts that do not exist are kept, and a link that cannot
    /// be followed (a loop) is kept as written.
    /// </summary>
    public static string Final(string full)
    {
        ArgumentNullException.ThrowIfNull(full);
        var root = Path.GetPathRoot(full) ?? "";
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            try
            {
                FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
                if (info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
                {
                    next = target.FullName;
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A link that cannot be followed (a loop): the path as written.
            }

            current = next;
        }

        return current;
    }
}
