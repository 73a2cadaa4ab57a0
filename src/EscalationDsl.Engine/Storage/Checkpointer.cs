using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace EscalationDsl.Engine.Storage;

/// <summary>
/// Copies committed pages from the write-ahead log into the database file on a thread of its own,
/// so the engine loop's commits only append to the log. SQLite's automatic checkpoint would run
/// inside whichever commit crossed its threshold, on the loop thread, every couple of groups under
/// load (docs/performance.md). A PASSIVE checkpoint never waits for the writer or readers; it
/// copies what it can, and once it has copied everything the next write starts the log afresh.
/// The writer connection keeps SQLite's automatic checkpoint as a backstop at
/// <see cref="BackstopPages"/>, so the log stays bounded even if this thread falls behind.
/// </summary>
internal sealed class Checkpointer : IDisposable
{
    /// <summary>The writer's own automatic checkpoint threshold, in pages (about 40 MB of log at 4 KB pages).</summary>
    public const int BackstopPages = 10_000;

    /// <summary>
    /// The least time between two checkpoints: each one syncs the database file, so a checkpoint
    /// per commit would add a sync to every single-event commit; commits in between wait for the next run.
    /// </summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    private readonly SqliteConnection connection;
    private readonly ILogger logger;
    private readonly SemaphoreSlim committed = new(0, 1);
    private readonly CancellationTokenSource stopping = new();
    private readonly Thread thread;
    private volatile bool disposed;

    public Checkpointer(EngineDatabase database, ILogger logger)
    {
        connection = database.Open();
        this.logger = logger;
        thread = new Thread(Run) { IsBackground = true, Name = "esc checkpointer" };
        thread.Start();
    }

    /// <summary>Called after each commit: wakes the thread, or leaves it to catch this commit up with the next run.</summary>
    public void Committed()
    {
        if (disposed || committed.CurrentCount > 0)
        {
            return;
        }

        try
        {
            committed.Release();
        }
        catch (SemaphoreFullException)
        {
            // Another commit woke it first: one run copies both.
        }
        catch (ObjectDisposedException)
        {
            // Stopped while a last commit went through (a shutdown that timed out): the commit
            // stands; the log is copied when the database is next opened.
        }
    }

    private void Run()
    {
        while (true)
        {
            try
            {
                committed.Wait(stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                EngineDatabase.Execute(connection, "PRAGMA wal_checkpoint(PASSIVE)");
            }
            catch (SqliteException e)
            {
                // Nothing is lost: the pages stay in the log, which the next run or the writer's
                // backstop copies. Logged, as a full or failing disk shows here first.
                logger.LogWarning(e, "A checkpoint of the write-ahead log failed; it is retried after the next commit");
            }

            if (stopping.Token.WaitHandle.WaitOne(Pause))
            {
                return;
            }
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        stopping.Cancel();
        thread.Join();
        connection.Dispose();
        stopping.Dispose();
        committed.Dispose();
    }
}
