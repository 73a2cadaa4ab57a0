namespace EscalationDsl.Engine.Files;

/// <summary>Why a file could not be created or opened for writing, as far as the engine tells its causes apart.</summary>
internal enum FileFailureCause
{
    /// <summary>Another open of the file holds a lock that excludes this one (<see cref="FileLocks.HeldByAnother"/>).</summary>
    HeldByAnother,

    /// <summary>The file system is mounted read-only (EROFS).</summary>
    ReadOnlyFileSystem,

    /// <summary>The file's name, or its whole path, is longer than the system allows.</summary>
    NameTooLong,

    /// <summary>The disk is full, or the user's quota is used up.</summary>
    DiskFull,

    /// <summary>The folder is not there, or the system makes no new files in it (/proc).</summary>
    NotFound,

    /// <summary>A part of the path is a file, not a folder (ENOTDIR).</summary>
    NotAFolder,

    /// <summary>The system's permissions refuse it.</summary>
    Denied,

    /// <summary>Anything else: the system's own message says what.</summary>
    Other,
}
