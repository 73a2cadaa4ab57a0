namespace EscalationDsl.Engine.Files;

/// <summary>The file a path names in the end, through symbolic links, whether or not that file exists yet.</summary>
public static class LinkedPath
{
    /// <summary>The most links followed in one path, as Linux allows (its ELOOP limit); more is taken as a loop.</summary>
    public const int MaxLinks = 40;

    private static readonly char[] Separators = [Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar];

    /// <summary>
    /// <paramref name="path"/> (relative to <paramref name="folder"/> when it is not rooted) with every symbolic
    /// link in it followed, as opening the file would (a link to the engine's database is the database), and
    /// as realpath(3) does: a link's target is walked part by part in the link's place (a relative one from the
    /// link's folder), so links inside it are followed too, and a <c>..</c> in a link's target leaves the folder
    /// the walk has reached. A <c>..</c> in <paramref name="path"/> itself is taken away as written first, as .NET
    /// does before it opens a file (<see cref="Path.GetFullPath(string, string)"/>): <c>link/../x</c> is <c>x</c> beside
    /// the link, the file the engine and esc write, whatever the link names. Parts that do not exist are kept. A path with more than <see cref="MaxLinks"/>
    /// links to follow (a loop) is returned as written, normalized, for opening it to fail with the system's
    /// reason (too many levels of symbolic links).
    /// </summary>
    public static string Final(string path, string folder)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(folder);

        // As the file is opened: FileStream and File take "link/.." away as written before the system follows a link
        // (checking the path realpath's way checked another file than the one written: a review's F4).
        var full = Path.GetFullPath(path, Path.GetFullPath(folder));
        var root = Path.GetPathRoot(full) ?? "";
        var current = root;
        var parts = new Stack<string>(Parts(full[root.Length..]).Reverse());
        var links = 0;
        while (parts.TryPop(out var part))
        {
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current; // the root's parent is the root
                continue;
            }

            var next = Path.Join(current, part);
            if (Target(next) is not { } target)
            {
                current = next;
                continue;
            }

            if (++links > MaxLinks)
            {
                return Path.GetFullPath(full);
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target) ?? root;
                target = target[current.Length..];
            }

            foreach (var inTarget in Parts(target).Reverse())
            {
                parts.Push(inTarget);
            }
        }

        return current;
    }

    private static IEnumerable<string> Parts(string path) => path.Split(Separators, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>What the link at <paramref name="path"/> holds, as written; null when it is no link (or is not there).</summary>
    private static string? Target(string path)
    {
        try
        {
            FileSystemInfo info = Directory.Exists(path) ? new DirectoryInfo(path) : new FileInfo(path);
            return info.LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
