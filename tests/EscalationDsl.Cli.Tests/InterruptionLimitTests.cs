using System.Diagnostics;
using EscalationDsl.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace EscalationDsl.Cli.Tests;

/// <summary>
/// What docs/cli.md promises of Ctrl+C and SIGTERM beyond the plain case (InterruptionTests), on a
/// real `esc` process: `esc backup` stopped mid-copy removes FILE.partial, a second signal ends esc at
/// once, and a standard error nobody reads does not keep esc from exiting.
/// </summary>
public sealed class InterruptionLimitTests : IDisposable
{
    /// <summary>A created event for the same ticket again: each copy after the first is a bad row, one line of standard error.</summary>
    private const string CreatedAgain = """{"ticket":"A","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev1"}""";

    /// <summary>How long esc may take to get where a test wants it, or to end: generous, since it ends only a run that hangs (a loaded machine is slow).</summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    private readonly string folder = Directory.CreateTempSubdirectory("esc-interrupt-limits-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public async Task ABackupStoppedMidCopyRemovesItsPartialFile()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // kill(1) and POSIX signals
        }

        // About 800 MB of events: SQLite copies and checks them for about four seconds, with FILE.partial
        // there (200 MB gave the test about 1.3 s to send the signal). Bodies of zeros, written without
        // a sync or a log, take a second or two to make; the database is the engine's again (WAL) after.
        var database = await EngineDatabase.Create(folder);
        using (var connection = new SqliteConnection($"Data Source={database};Pooling=False"))
        {
            connection.Open();
            using var fill = connection.CreateCommand();
            fill.CommandText = """
                PRAGMA journal_mode = DELETE;
                PRAGMA synchronous = OFF;
                WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 800)
                INSERT INTO events (kind, event_id, ticket_id, at, received_at, body)
                SELECT 'event', 'e' || i, 'T' || (i % 100), i, i, zeroblob(1000000) FROM n;
                PRAGMA journal_mode = WAL;
                """;
            fill.ExecuteNonQuery();
        }

        var copy = Path.Combine(folder, "copy.db");
        using var process = Process.Start(EscProcess.Esc("backup", "--db", database, "--output", copy))!;
        try
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            var deadline = DateTime.UtcNow + Bound;
            while (!File.Exists(EngineBackup.PartialPath(copy)) && DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(10);
            }

            File.Exists(EngineBackup.PartialPath(copy)).ShouldBeTrue("the backup had not started writing its copy");
            EscProcess.Signal(process, "TERM");
            await process.WaitForExitAsync().WaitAsync(Bound);

            process.ExitCode.ShouldBe(143, await error);
            (await error).ShouldBe("esc: cancelled\n");
            (await output).ShouldBeEmpty();
            Directory.GetFiles(folder, "copy.db*").ShouldBeEmpty();
        }
        finally
        {
            Kill(process);
        }
    }

    [Fact]
    public async Task ASecondSignalEndsEscAtOnce()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // kill(1) and POSIX signals
        }

        // The first signal waits (up to a second) for 'esc: cancelled' to get into a full standard
        // error; the second, meanwhile, ends esc by itself: 143 for SIGTERM, not the first's 130.
        // The second is sent once the first is handled (its temporary file removed, just before that
        // wait), not a fixed half second later: a loaded machine took longer than the wait's other half.
        await WhileStandardErrorIsFull(async process =>
        {
            EscProcess.Signal(process, "INT");
            var deadline = DateTime.UtcNow + Bound;
            while (Directory.GetFiles(folder).Length > 0 && DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(10);
            }

            Directory.GetFiles(folder).ShouldBeEmpty("the first signal is handled");
            EscProcess.Signal(process, "TERM");
            await process.WaitForExitAsync().WaitAsync(Bound);

            process.ExitCode.ShouldBe(143, "the second signal waited for the first");
        });
    }

    [Fact]
    public async Task AStandardErrorNobodyReadsDoesNotKeepEscFromExiting()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // kill(1) and POSIX signals
        }

        await WhileStandardErrorIsFull(async process =>
        {
            var stopwatch = Stopwatch.StartNew();
            EscProcess.Signal(process, "INT");
            await process.WaitForExitAsync().WaitAsync(Bound);

            process.ExitCode.ShouldBe(130);
            stopwatch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
            Directory.GetFiles(folder).ShouldBeEmpty(); // the temporary file of --emit-events
        });
    }

    private static bool WaitsToWriteAPipe(Process process)
    {
        try
        {
            return Directory.GetDirectories($"/proc/{process.Id}/task")
                .Any(task => File.ReadAllText(Path.Combine(task, "wchan")).Contains("pipe_write", StringComparison.Ordinal));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // a thread, or esc, ended meanwhile
        }
    }

    private static void Kill(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill();
        }
    }

    /// <summary>
    /// Runs <paramref name="test"/> on `esc sim` writing --emit-events, once it is stuck writing
    /// bad-row lines into a standard error that nobody reads (the pipe is full).
    /// </summary>
    private async Task WhileStandardErrorIsFull(Func<Process, Task> test)
    {
        using var process = Process.Start(EscProcess.Esc(
            "sim", "policies/support.esc", "--tickets", "/dev/stdin", "--quiet", "--emit-events", Path.Combine(folder, "events.jsonl")))!;
        _ = process.StandardOutput.ReadToEndAsync();
        var feeding = Task.Run(async () =>
        {
            try
            {
                // Far more bad-row lines than a pipe holds: esc stops reading when standard error is full.
                for (var i = 0; i < 20_000; i++)
                {
                    await process.StandardInput.WriteLineAsync(CreatedAgain);
                    await process.StandardInput.FlushAsync();
                }
            }
            catch (IOException)
            {
                // esc ended, as the tests make it.
            }
        });

        try
        {
            // Stuck: one of its threads waits to write into a pipe (standard error; it writes nothing else
            // before the end). Input that merely waits in its standard input is not enough: a slow start
            // leaves the input pipe full too, with standard error still empty.
            var deadline = DateTime.UtcNow + Bound;
            while (DateTime.UtcNow < deadline && !feeding.IsCompleted && !WaitsToWriteAPipe(process))
            {
                await Task.Delay(100);
            }

            WaitsToWriteAPipe(process).ShouldBeTrue("standard error never filled");
            Directory.GetFiles(folder).ShouldHaveSingleItem().ShouldEndWith(".partial");
            await test(process);
            await feeding;
        }
        finally
        {
            Kill(process);
        }
    }
}
