using Microsoft.Data.Sqlite;

namespace EscalationDsl.Cli.Tests;

/// <summary>
/// `esc backup` prints what the copy holds, and refuses what it cannot copy or write with one line
/// and exit code 2, creating nothing. The copy itself, taken while the engine runs, is tested in
/// EscalationDsl.Engine.Tests.
/// </summary>
public sealed class BackupTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("esc-backup-").FullName;

    [Fact]
    public async Task ABackupOfTheDefaultDatabaseSaysWhatItHolds()
    {
        await CreateEngineDatabase();

        var result = Esc.RunIn(folder, string.Empty, "backup", "--output", "copy.db");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldBe($"backup: escalation.db -> copy.db: 0 tickets (0 open), 0 events, schema version 5, {new FileInfo(Path.Combine(folder, "copy.db")).Length} bytes\n");
    }

    [Fact]
    public async Task WithoutDbTheBackupTakesTheDatabaseAppSettingsNamesAsServeWould()
    {
        // It backed up ./escalation.db, or said "escalation.db: no such database", beside the
        // appsettings.json that gave the engine another database.
        await CreateEngineDatabase();
        Directory.CreateDirectory(Path.Combine(folder, "data"));
        File.Move(Path.Combine(folder, "escalation.db"), Path.Combine(folder, "data", "engine.db"));
        File.WriteAllText(Path.Combine(folder, "appsettings.json"), """{ "Engine": { "Database": "data/engine.db" } }""");

        var result = Esc.RunIn(folder, string.Empty, "backup", "--output", "copy.db");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldStartWith("backup: data/engine.db -> copy.db: 0 tickets (0 open), 0 events, schema version 5, ");
    }

    [Theory]
    [InlineData("{ \"Engine\": { \"Database\": \"gone.db\" } }", "esc: gone.db (Engine:Database in {0}/appsettings.json): no such database")]
    [InlineData("{ \"Engine\": { \"Database\": \"\" } }", "esc: {0}/appsettings.json: Engine:Database: is empty; give a file path")]
    [InlineData("{ \"Engine\": { \"Listen\": \"http://127.0.0.1:0\" } }", "esc: escalation.db (the default: no --db, and no Engine:Database in appsettings.json here): no such database")]
    // The crash hunt's F6: a NUL was an internal error, and a group or list read as no Engine:Database at all.
    [InlineData("{ \"Engine\": { \"Database\": \"a\\u0000b\" } }", "esc: {0}/appsettings.json: Engine:Database: holds a NUL character (\\u0000), which no file name can hold; esc backup reads Engine:Database there when --db is not given")]
    [InlineData("{ \"Engine\": { \"Database\": { \"a\": 1 } } }", "esc: {0}/appsettings.json: Engine:Database:a: is not a setting; Engine:Database takes a single value; esc backup reads Engine:Database there when --db is not given")]
    [InlineData("{ \"Engine\": { \"Database\": [ \"db.db\" ] } }", "esc: {0}/appsettings.json: Engine:Database:0: is not a setting; Engine:Database takes a single value; esc backup reads Engine:Database there when --db is not given")]
    [InlineData("{ \"Engine\": ", "esc: {0}/appsettings.json:1:13: not valid JSON: Expected depth to be zero at the end of the JSON payload. There is an open JSON object or array that should be closed; esc backup reads Engine:Database there when --db is not given")]
    // The configuration refuses a key given twice (ignoring case) without saying where: the file's line and column are given.
    [InlineData("{ \"Engine\": { \"Database\": \"a.db\",\n  \"database\": \"b.db\" } }", "esc: {0}/appsettings.json:2:3: 'database' is given twice in the same object; keep one (the last would silently win); esc backup reads Engine:Database there when --db is not given")]
    // Two keys that are one only to the configuration, in two objects: its own words.
    [InlineData("{ \"Engine\": { \"Database\": \"a.db\" }, \"Engine:Database\": \"b.db\" }", "esc: {0}/appsettings.json: A duplicate key 'Engine:Database' was found; esc backup reads Engine:Database there when --db is not given")]
    public void WithoutDbTheMessageSaysWhereTheDatabaseCameFrom(string settings, string message)
    {
        File.WriteAllText(Path.Combine(folder, "appsettings.json"), settings);

        var result = Esc.RunIn(folder, string.Empty, "backup", "--output", "copy.db");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, folder) + "\n");
    }

    [Theory]
    [InlineData("Engine__Database", "esc: nope.db (Engine:Database in environment variable Engine__Database): no such database")]
    [InlineData("ESC_Engine__Database", "esc: nope.db (Engine:Database in environment variable ESC_Engine__Database): no such database")]
    [InlineData("ESC_Engine__Database__0", "esc: environment variable ESC_Engine__Database__0: Engine:Database:0: is not a setting; Engine:Database takes a single value; esc backup reads Engine:Database there when --db is not given")]
    [InlineData("ESC_Engine__Databse", "esc: environment variable ESC_Engine__Databse: Engine:Databse: is not a setting; did you mean Engine:Database?; esc backup reads Engine:Database there when --db is not given")]
    [InlineData("ESC_Engin__Database", "esc: environment variable ESC_Engin__Database: Engin: is not a setting; did you mean Engine? The engine's settings go under Engine (docs/engine.md#configuration); esc backup reads Engine:Database there when --db is not given")]
    public async Task WithoutDbTheBackupReadsTheEnvironmentAsServeDoes(string variable, string message)
    {
        // From the review: esc serve reads Engine__Database (the host reads environment variables without a prefix
        // too), esc backup read only ESC_Engine__Database and said the default database did not exist.
        var start = EscProcess.Esc("backup", "--output", "copy.db");
        start.WorkingDirectory = folder;
        start.Environment[variable] = "nope.db";

        var (code, error) = await EscProcess.Run(start, TimeSpan.FromSeconds(60));

        code.ShouldBe(2);
        error.ShouldBe(message + "\n");
    }

    [Fact]
    public async Task ANamedPipeAsTheDatabaseIsRefusedWithoutWaiting()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // mkfifo
        }

        // From the review: SQLite's open waited for a writer that never came, so the backup hung; with the database
        // named in appsettings.json, a scheduled backup hung silently. In a child process, so a hang ends the test.
        var pipe = Path.Combine(folder, "pipe.db");
        await EscalationDsl.Tests.NamedPipes.CreateAsync(pipe);
        using var process = System.Diagnostics.Process.Start(EscProcess.Esc("backup", "--db", pipe, "--output", Path.Combine(folder, "copy.db")))!;
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await EscalationDsl.Tests.NamedPipes.ReleaseAsync(pipe);
        }

        process.ExitCode.ShouldBe(2);
        (await error).ShouldBe($"esc: {pipe}: cannot back up: it is a named pipe, a socket or a terminal, not the engine's database file\n");
        File.Exists(Path.Combine(folder, "copy.db")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("--db nope.db -o copy.db", "esc: nope.db: no such database")]
    [InlineData("--db . -o copy.db", "esc: .: is a folder; name the engine's database file")]
    [InlineData("--db notes.txt -o copy.db", "esc: notes.txt: cannot back up: SQLite Error 26: 'file is not a database'.")]
    [InlineData("--db other.db -o copy.db", "esc: other.db: cannot back up: it is not an escalation engine's database (it has no schema version)")]
    [InlineData("--db versioned.db -o copy.db", "esc: versioned.db: cannot back up: it is not an escalation engine's database (it has no events table)")]
    [InlineData("--db events-only.db -o copy.db", "esc: events-only.db: cannot back up: it is not an escalation engine's database (it has no tickets table)")]
    [InlineData("--db other.db -o other.db", "esc: --output: other.db is the engine's database; name another file")]
    [InlineData("--db x.db.partial -o x.db", "esc: --output: x.db.partial is the engine's database; name another file")] // the backup removed it as a leftover copy
    [InlineData("--db other.db -o other.db-wal", "esc: --output: other.db-wal is the engine's write-ahead log; name another file")]
    // The crash hunt's F3: accepted, the copy was deleted by the next start, and every later backup failed as the database's.
    [InlineData("--db other.db -o other.db-journal", "esc: --output: other.db-journal is the engine's rollback journal; name another file")]
    [InlineData("--db other.db -o notes.txt", "esc: notes.txt: already exists; a backup never overwrites, name a new file")]
    [InlineData("--db other.db -o missing/copy.db", "esc: missing/copy.db: cannot write: the folder {0}/missing does not exist")]
    [InlineData("--db other.db -o .", "esc: .: cannot write: it is a folder; name a file")]
    [InlineData("--db other.db -o -", "esc: --output: a backup is a database file; standard output ('-') cannot hold one")]
    [InlineData("--db other.db -o ''", "esc: --output: the value is empty; name a file")]
    public void WhatBackupCannotCopyExitsWithTwoAndOneLine(string arguments, string message)
    {
        File.WriteAllText(Path.Combine(folder, "notes.txt"), "not a database\n");
        Sqlite("other.db", "CREATE TABLE t (x)");
        Sqlite("versioned.db", "CREATE TABLE t (x); PRAGMA user_version = 2");
        Sqlite("events-only.db", "CREATE TABLE events (x); PRAGMA user_version = 2");
        Sqlite("x.db.partial", "CREATE TABLE t (x)");

        var result = Esc.RunIn(folder, string.Empty, ["backup", .. arguments.Split(' ').Select(a => a == "''" ? "" : a)]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe(string.Format(System.Globalization.CultureInfo.InvariantCulture, message, folder) + "\n");
        File.Exists(Path.Combine(folder, "copy.db")).ShouldBeFalse();
        File.ReadAllText(Path.Combine(folder, "notes.txt")).ShouldBe("not a database\n");
        File.Exists(Path.Combine(folder, "copy.db.partial")).ShouldBeFalse();
        File.Exists(Path.Combine(folder, "x.db.partial")).ShouldBeTrue("a database named like a leftover copy is not removed");
    }

    [Fact]
    public async Task ALineBreakInTheCopysNameIsEscapedInTheSuccessLine()
    {
        await CreateEngineDatabase();

        var result = Esc.RunIn(folder, string.Empty, "backup", "-o", "c\nd.db");

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldStartWith("backup: escalation.db -> c\\nd.db: 0 tickets");
        File.Exists(Path.Combine(folder, "c\nd.db")).ShouldBeTrue();
    }

    [Fact]
    public async Task AFolderThatCannotBeWrittenIsTheCopysProblemNotTheDatabases()
    {
        // SQLite's error while writing the copy was reported as the database's.
        if (!OperatingSystem.IsLinux())
        {
            return; // /proc takes no new files, whoever asks
        }

        await CreateEngineDatabase();

        var result = Esc.RunIn(folder, string.Empty, "backup", "-o", "/proc/copy.db");

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldBe("esc: /proc/copy.db: cannot write: SQLite Error 14: 'unable to open database file'.\n");
    }

    [Fact]
    public async Task ALeftoverOfAnInterruptedBackupIsReplaced()
    {
        await CreateEngineDatabase();
        File.WriteAllText(Path.Combine(folder, "copy.db.partial"), "half a copy, from a backup stopped with Ctrl+C");
        File.WriteAllText(Path.Combine(folder, "copy.db.partial-journal"), "its journal");

        var result = Esc.RunIn(folder, string.Empty, "backup", "-o", "copy.db");

        result.ExitCode.ShouldBe(0, result.Error);
        Directory.GetFiles(folder, "copy.db*").Select(Path.GetFileName).ShouldBe(["copy.db"]);
    }

    private Task CreateEngineDatabase() => EngineDatabase.Create(folder);

    private void Sqlite(string file, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder, file)};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
