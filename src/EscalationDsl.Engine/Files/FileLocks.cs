namespace EscalationDsl.Engine.Files;

/// <summary>
/// .NET takes an advisory lock on a file it opens (shared to read with <see cref="FileShare.Read"/>,
/// exclusive with <see cref="FileShare.None"/>) and throws a plain <see cref="IOException"/> when
/// another open of the file holds one that excludes it, whose code is the system's: EWOULDBLOCK on
/// Unix, a sharing or lock violation on Windows.
/// </summary>
internal static class FileLocks
{
    private const int WouldBlockLinux = 11;
    private const int WouldBlockBsd = 35;
    private const int SharingViolation = unchecked((int)0x80070020);
    private const int LockViolation = unchecked((int)0x80070021);

    /// <summary>True when opening failed because another open of the file holds a lock that excludes this one.</summary>
    public static bool HeldByAnother(IOException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.GetType() != typeof(IOException))
        {
            return false; // a missing file, a folder, a path too long
        }

        return OperatingSystem.IsWindows()
            ? e.HResult is SharingViolation or LockViolation
            : e.HResult == (OperatingSystem.IsLinux() ? WouldBlockLinux : WouldBlockBsd);
    }
}
