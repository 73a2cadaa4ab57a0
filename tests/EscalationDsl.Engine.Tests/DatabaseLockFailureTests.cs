using EscalationDsl.Engine.Files;
using EscalationDsl.Engine.Storage;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// Only a lock another engine holds on FILE.lock says "in use by another engine": a read-only
/// mount, a name too long, a full disk or a folder that takes no files each say what they are.
/// </summary>
public sealed class DatabaseLockFailureTests : IDisposable
{
    private const int ReadOnlyFileSystem = 30; // EROFS, on Linux, macOS and the BSDs
    private const int NoSpace = 28;            // ENOSPC

    private readonly StartFolder start = new("esc-lockfail-");

    [Fact]
    public void ADatabaseNameTooLongForItsLockFileIsNotInUse()
    {
        // 255 bytes is a name the file system takes; FILE.lock is 260.
        var database = Path.Combine(start.Path, new string('a', 252) + ".db");

        var e = Should.Throw<EngineConfigurationException>(() => start.Build($"--Engine:Database={database}"));

        e.Message.ShouldBe($"Engine:Database: cannot create {database}.lock: the file name is 260 bytes long, and file systems allow 255; give the database a shorter name");
        Directory.EnumerateFileSystemEntries(start.Path).Select(Path.GetFileName).ShouldBe(["policies"]);
    }

    [Fact]
    public void AFolderOfTheSystemsOwnThatTakesNoFilesIsNotInUse()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /proc
        }

        var database = $"/proc/esc-{Guid.NewGuid():N}.db";

        var e = Should.Throw<EngineConfigurationException>(() => start.Build($"--Engine:Database={database}"));

        e.Message.ShouldBe($"Engine:Database: cannot create {database}.lock: the system makes no new files in /proc (a folder the system keeps for itself); give the database a file in a folder the engine can write");
    }

    [Fact]
    public void ADatabaseUnderARegularFileSaysTheFileIsNotAFolder()
    {
        // It said "the folder FILE does not exist", of a file that is there.
        var file = Path.Combine(start.Path, "escalation.db");
        File.WriteAllText(file, string.Empty);

        var e = Should.Throw<EngineConfigurationException>(() => start.Build($"--Engine:Database={Path.Combine(file, "engine.db")}"));

        e.Message.ShouldBe($"Engine:Database: {file} is a file, not a folder; give a file path in a folder");
    }

    [Fact]
    public void AReadOnlyFileSystemSaysTheDatabaseIsReadOnly()
    {
        // Made by mounting a file system read-only, which a test cannot: the error .NET throws for it.
        using var database = new EngineDatabase(Path.Combine(start.Path, "engine.db"), "FULL");

        var e = database.LockRefused(new IOException("Read-only file system : '/mnt/ro/engine.db.lock'", ReadOnlyFileSystem));

        FileFailure.Cause(new IOException("Read-only file system", ReadOnlyFileSystem)).ShouldBe(OperatingSystem.IsWindows() ? FileFailureCause.Other : FileFailureCause.ReadOnlyFileSystem);
        if (!OperatingSystem.IsWindows())
        {
            e.Message.ShouldBe($"Engine:Database: {database.Path} is read-only; the engine writes to it (and to files next to it): give it a file and folder it can write");
        }
    }

    [Fact]
    public void AFullDiskSaysTheDiskIsFull()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // an errno
        }

        using var database = new EngineDatabase(Path.Combine(start.Path, "engine.db"), "FULL");

        var e = database.LockRefused(new IOException("No space left on device", NoSpace));

        e.Message.ShouldBe($"Engine:Database: cannot create {database.Path}.lock: the disk of {start.Path} is full (or the user's quota is used up); free space there or give the database a file on another disk");
    }

    public void Dispose() => start.Dispose();
}
