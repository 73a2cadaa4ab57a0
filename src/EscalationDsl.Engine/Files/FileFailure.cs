using System.Text;

namespace EscalationDsl.Engine.Files;

/// <summary>
/// Tells the causes of a failed create or open apart, so each gets its own message: .NET throws a
/// plain <see cref="IOException"/> for most of them on Unix, whose <see cref="Exception.HResult"/> is
/// the system's error number (EROFS is 30 on Linux, macOS and the BSDs), and an HRESULT on Windows.
/// </summary>
internal static class FileFailure
{
    private const int NotPermitted = 1;          // EPERM
    private const int PermissionDenied = 13;     // EACCES
    private const int NotADirectory = 20;        // ENOTDIR
    private const int NoSpace = 28;              // ENOSPC
    private const int ReadOnly = 30;             // EROFS
    private const int NameTooLongLinux = 36;     // ENAMETOOLONG
    private const int NameTooLongBsd = 63;
    private const int QuotaLinux = 122;          // EDQUOT
    private const int QuotaBsd = 69;
    private const int WriteProtect = unchecked((int)0x80070013);   // ERROR_WRITE_PROTECT
    private const int HandleDiskFull = unchecked((int)0x80070027); // ERROR_HANDLE_DISK_FULL
    private const int DiskFull = unchecked((int)0x80070070);       // ERROR_DISK_FULL

    /// <summary>The most names allow in a file name (ext4, XFS, btrfs, APFS, NTFS: 255).</summary>
    private const int LongestName = 255;

    /// <summary>Why creating or opening a file failed.</summary>
    public static FileFailureCause Cause(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        switch (e)
        {
            case UnauthorizedAccessException:
                return FileFailureCause.Denied;
            case PathTooLongException:
                return FileFailureCause.NameTooLong;
            case FileNotFoundException or DirectoryNotFoundException:
                return FileFailureCause.NotFound;
            case IOException io when FileLocks.HeldByAnother(io):
                return FileFailureCause.HeldByAnother;
            case IOException io when io.GetType() == typeof(IOException):
                return OperatingSystem.IsWindows() ? WindowsCause(io.HResult) : UnixCause(io.HResult);
            default:
                return FileFailureCause.Other;
        }
    }

    /// <summary>
    /// What is wrong, said for an operator (the text after <c>cannot create FILE: </c>), with what to do
    /// when the cause says it: <paramref name="what"/> names the file in the advice (<c>the database</c>).
    /// </summary>
    public static string Reason(Exception e, string file, string what)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(file)) ?? file;
        var name = Path.GetFileName(file);
        return Cause(e) switch
        {
            FileFailureCause.HeldByAnother => "another process holds a lock on it",
            FileFailureCause.ReadOnlyFileSystem => $"the file system of {folder} is mounted read-only; give {what} a file in a folder the engine can write",
            FileFailureCause.NameTooLong when Encoding.UTF8.GetByteCount(name) > LongestName =>
                $"the file name is {Encoding.UTF8.GetByteCount(name)} bytes long, and file systems allow {LongestName}; give {what} a shorter name",
            FileFailureCause.NameTooLong => $"the path is longer than the system allows; give {what} a shorter path",
            FileFailureCause.DiskFull => $"the disk of {folder} is full (or the user's quota is used up); free space there or give {what} a file on another disk",
            FileFailureCause.NotFound when !Directory.Exists(folder) => $"the folder {folder} does not exist (the file is created, its folder is not)",
            FileFailureCause.NotFound => $"the system makes no new files in {folder} (a folder the system keeps for itself); give {what} a file in a folder the engine can write",
            FileFailureCause.NotAFolder => $"a part of the path {folder} is a file, not a folder",
            FileFailureCause.Denied => $"permission denied: the engine's user may not write there; give {what} a file in a folder the engine can write",
            _ => e.Message.TrimEnd('.'),
        };
    }

    /// <summary>
    /// Null when the engine may append to <paramref name="file"/>, else why not (<see cref="Reason"/>;
    /// <paramref name="what"/> names the file in the advice). A missing file is created and removed at
    /// once, and one that is there is opened to write and closed unchanged, so the check leaves nothing.
    /// </summary>
    public static string? WhyNotWritable(string file, string what)
    {
        try
        {
            if (File.Exists(file))
            {
                NonBlockingFile.OpenToWrite(file);
            }
            else
            {
                new FileStream(file, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.DeleteOnClose).Dispose();
            }

            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Reason(e, file, what);
        }
    }

    private static FileFailureCause UnixCause(int errno) => errno switch
    {
        ReadOnly => FileFailureCause.ReadOnlyFileSystem,
        PermissionDenied or NotPermitted => FileFailureCause.Denied,
        NoSpace => FileFailureCause.DiskFull,
        NotADirectory => FileFailureCause.NotAFolder,
        NameTooLongLinux when OperatingSystem.IsLinux() => FileFailureCause.NameTooLong,
        NameTooLongBsd when !OperatingSystem.IsLinux() => FileFailureCause.NameTooLong,
        QuotaLinux when OperatingSystem.IsLinux() => FileFailureCause.DiskFull,
        QuotaBsd when !OperatingSystem.IsLinux() => FileFailureCause.DiskFull,
        _ => FileFailureCause.Other,
    };

    private static FileFailureCause WindowsCause(int hresult) => hresult switch
    {
        WriteProtect => FileFailureCause.ReadOnlyFileSystem,
        HandleDiskFull or DiskFull => FileFailureCause.DiskFull,
        _ => FileFailureCause.Other,
    };
}
