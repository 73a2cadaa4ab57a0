namespace EscalationDsl.Engine.Files;

/// <summary>The file a path names in the end: a symbolic link's final target, whether or not that exists yet.</summary>
internal static class LinkedPath
{
    /// <summary>
    /// <paramref name="path"/> (a full path) when it is no link, else the full path of the file its chain of links ends at
    /// (a link to the engine's database is the database); the path itself when the links cannot be followed (a loop).
    /// </summary>
    public static string Final(string path)
    {
        try
        {
            return new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? path;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return path;
        }
    }
}
