using Microsoft.Extensions.Configuration;

namespace EscalationDsl.Engine.Tests;

/// <summary>
/// A start refused for its database or its key file changes nothing on disk: the database is not
/// created before the key file is checked, the key file is not made before the database passes, and
/// a lock file the start made is removed (one another engine holds, or that was there before, is left).
/// </summary>
public sealed class FailedStartTests : IDisposable
{
    private readonly StartFolder start = new("esc-start-");

    private readonly string folder;

    public FailedStartTests() => folder = start.Path;

    [Fact]
    public void AFileThatIsNotADatabaseIsRefusedAndLeftAsItWas()
    {
        var notes = Path.Combine(folder, "notes.txt");
        File.WriteAllText(notes, "these are not SQLite pages, and they stay as they are\n");

        var e = Should.Throw<EngineConfigurationException>(() => Build($"--Engine:Database={notes}"));

        e.Message.ShouldBe($"Engine:Database: cannot use {notes}: SQLite Error 26: 'file is not a database'");
        File.ReadAllText(notes).ShouldBe("these are not SQLite pages, and they stay as they are\n");
        File.Exists(notes + ".lock").ShouldBeFalse("the lock file the failed start made is removed");
    }

    [Theory]
    [InlineData("Database", "notes.txt", "Engine:Database: cannot use FOLDER/notes.txt: SQLite Error 26: 'file is not a database'")]
    [InlineData("ApiKeyFile", "short.key", "Engine:ApiKeyFile: FOLDER/short.key holds no usable key (at least 16 characters)")]
    public void ADatabaseOrKeyFileSetInASettingsFileIsNamedWithThatFile(string setting, string file, string message)
    {
        // The settings' own problems named the file their value came from; the database's and the key file's did not.
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a database\n");
        File.WriteAllText(Path.Combine(folder, "short.key"), "too short\n");
        var settings = Path.Combine(folder, "settings.json");
        File.WriteAllText(settings, System.Text.Json.JsonSerializer.Serialize(new Dictionary<string, object> { ["Engine"] = new Dictionary<string, string> { [setting] = Path.Combine(folder, file) } }));

        var e = Should.Throw<EngineConfigurationException>(() => EngineHost.Build(
            ["--Engine:Listen=http://127.0.0.1:0", $"--Engine:Policies={Path.Combine(folder, "policies")}", $"--Engine:Database={Path.Combine(folder, "engine.db")}"],
            configure: c => c.AddJsonFile(settings)));

        e.Message.ShouldBe($"{settings}: {message.Replace("FOLDER", folder, StringComparison.Ordinal)}");
    }

    [Fact]
    public void ALockFileThatWasThereBeforeAFailedStartIsLeft()
    {
        var notes = Path.Combine(folder, "notes.txt");
        File.WriteAllText(notes, "not a database\n");
        File.WriteAllText(notes + ".lock", string.Empty);

        Should.Throw<EngineConfigurationException>(() => Build($"--Engine:Database={notes}"));

        File.Exists(notes + ".lock").ShouldBeTrue("only a lock file the start made itself is removed");
    }

    [Fact]
    public void AKeyFileHoldingBytesThatAreNotUtf8IsRefusedAsEscHashKeyRefusesSuchAKey()
    {
        // The engine read the byte as U+FFFD and started, while esc hash-key refused the same key; a request carrying
        // the byte is answered 400 (KeyCheckTests), so no request could write.
        var keyFile = Path.Combine(folder, "latin1.key");
        File.WriteAllBytes(keyFile, [.. System.Text.Encoding.ASCII.GetBytes("a-key-of-sixteen-chars-"), 0xE9, (byte)'\n']);

        var e = Should.Throw<EngineConfigurationException>(() => BuildWithoutKeys($"--Engine:ApiKeyFile={keyFile}"));

        e.Message.ShouldBe($"Engine:ApiKeyFile: {keyFile} holds no usable key: it holds bytes that are not UTF-8 (read as '\uFFFD'), which a request cannot carry (the engine answers it 400 Bad Request); write the key as UTF-8 text");
        File.Exists(Path.Combine(folder, "engine.db")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("/dev/zero", "cannot read or create /dev/zero: the file is larger than 16 MB, too large for an API key file")]
    [InlineData("short.key", "FOLDER/short.key holds no usable key (at least 16 characters)")]
    public void AnUnusableKeyFileStopsTheStartBeforeTheDatabaseIsCreated(string keyFile, string message)
    {
        // The database was created and migrated (and its lock file left) before the key file was read.
        if (OperatingSystem.IsWindows() && keyFile.StartsWith('/'))
        {
            return;
        }

        File.WriteAllText(Path.Combine(folder, "short.key"), "too short\n");

        var e = Should.Throw<EngineConfigurationException>(() => BuildWithoutKeys($"--Engine:ApiKeyFile={Path.Combine(folder, keyFile)}"));

        e.Message.ShouldBe($"Engine:ApiKeyFile: {message.Replace("FOLDER", folder, StringComparison.Ordinal)}");
        File.Exists(Path.Combine(folder, "engine.db")).ShouldBeFalse("the database is not created before the key file is checked");
        File.Exists(Path.Combine(folder, "engine.db.lock")).ShouldBeFalse();
    }

    [Fact]
    public void AKeyFileThatCannotBeMadeStopsTheStartBeforeTheDatabaseIsCreated()
    {
        // The key file was made after the database: a folder it could not be made in left a whole database behind.
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var e = Should.Throw<EngineConfigurationException>(() => BuildWithoutKeys("--Engine:ApiKeyFile=/proc/esc-test.key"));

        e.Message.ShouldStartWith("Engine:ApiKeyFile: cannot read or create /proc/esc-test.key: ");
        File.Exists(Path.Combine(folder, "engine.db")).ShouldBeFalse("no database is created when the key file cannot be");
        File.Exists(Path.Combine(folder, "engine.db.lock")).ShouldBeFalse();
    }

    [Fact]
    public void AKeyFileWhoseWriteFailsIsNotLeftEmpty()
    {
        // The file was made before the key was written: a write that failed (a full disk) left an empty
        // key file, and every later start refused it. Here the write fails because FILE.partial is a folder.
        Directory.CreateDirectory(Path.Combine(folder, "new.key.partial"));

        var e = Should.Throw<EngineConfigurationException>(() => BuildWithoutKeys($"--Engine:ApiKeyFile={Path.Combine(folder, "new.key")}"));

        e.Message.ShouldStartWith($"Engine:ApiKeyFile: cannot read or create {Path.Combine(folder, "new.key")}: ");
        File.Exists(Path.Combine(folder, "new.key")).ShouldBeFalse("no key file is left without its key");
        File.Exists(Path.Combine(folder, "engine.db")).ShouldBeFalse();
    }

    [Fact]
    public void AMissingKeyFileIsNotMadeWhenTheDatabaseIsRefused()
    {
        var notes = Path.Combine(folder, "notes.txt");
        File.WriteAllText(notes, "not a database\n");

        Should.Throw<EngineConfigurationException>(() => BuildWithoutKeys($"--Engine:Database={notes}", $"--Engine:ApiKeyFile={Path.Combine(folder, "new.key")}"));

        File.Exists(Path.Combine(folder, "new.key")).ShouldBeFalse("the key file the failed start made is removed");
    }

    [Theory]
    [InlineData("wal")] // as the engine writes it
    [InlineData("delete")] // as `esc backup` writes it: SQLite refused its switch to WAL with "SQLite Error 8: 'attempt to write a readonly database'"
    public async Task ADatabaseTheEngineCannotWriteIsRefusedBeforeItStarts(string journalMode)
    {
        // SQLite opens such a file for reading; the engine crashed with an unhandled exception at its first write.
        var database = Path.Combine(folder, "engine.db");
        await using (var first = Build())
        {
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools(); // a pooled connection would still be open for writing
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"PRAGMA journal_mode = {journalMode}";
            command.ExecuteScalar().ShouldBe(journalMode);
        }

        File.Delete(database + ".lock");
        var readOnly = MakeReadOnly(database);
        try
        {
            if (!readOnly)
            {
                return; // neither permissions nor the immutable attribute stop this user writing (root without chattr)
            }

            var e = Should.Throw<EngineConfigurationException>(() => Build());

            e.Message.ShouldBe($"Engine:Database: {database} is read-only; the engine writes to it (and to files next to it): give it a file and folder it can write");
            File.Exists(database + ".lock").ShouldBeFalse("the lock file the failed start made is removed");
        }
        finally
        {
            MakeWritable(database);
        }
    }

    private static void MakeWritable(string file)
    {
        if (!OperatingSystem.IsWindows())
        {
            Run("chattr", "-i", file);
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }

    /// <summary>Read-only by permissions, or for root (whom permissions do not stop) by the immutable attribute if the file system has it.</summary>
    private static bool MakeReadOnly(string file)
    {
        if (OperatingSystem.IsWindows())
        {
            return false;
        }

        File.SetUnixFileMode(file, UnixFileMode.UserRead);
        if (!CanWrite(file) || Run("chattr", "+i", file) && !CanWrite(file))
        {
            return true;
        }

        return false;
    }

    private static bool CanWrite(string file)
    {
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.ReadWrite);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static bool Run(string program, params string[] args)
    {
        try
        {
            using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(program, args) { RedirectStandardError = true })!;
            process.WaitForExit();
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    private Microsoft.AspNetCore.Builder.WebApplication Build(params string[] settings) => start.Build(settings);

    private Microsoft.AspNetCore.Builder.WebApplication BuildWithoutKeys(params string[] settings) => start.BuildWithoutKeys(settings);

    public void Dispose() => start.Dispose();
}
