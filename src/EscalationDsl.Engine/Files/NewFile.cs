namespace EscalationDsl.Engine.Files;

/// <summary>Putting a file written under a temporary name in place of one that does not exist yet.</summary>
public static class NewFile
{
    /// <summary>
    /// Renames <paramref name="from"/> to <paramref name="to"/>, never over a file; false when a file
    /// took that name meanwhile (another process made it), which the caller then handles as it must.
    /// </summary>
    /// <exception cref="IOException">The rename failed for another reason.</exception>
    public static bool TryMoveIntoPlace(string from, string to)
    {
        try
        {
            File.Move(from, to, overwrite: false);
            return true;
        }
        catch (IOException) when (File.Exists(to))
        {
            return false;
        }
    }
}
