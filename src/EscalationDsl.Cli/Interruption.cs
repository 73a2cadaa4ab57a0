using System.Runtime.InteropServices;

namespace EscalationDsl.Cli;

/// <summary>
/// Ctrl+C (SIGINT) or SIGTERM while a command runs: the temporary files of its unfinished output files
/// are removed, standard error says <c>esc: cancelled</c>, and esc exits with 128 + the signal (130 for
/// Ctrl+C). Without it the runtime ended the process at once, silently, and left the hidden
/// <c>.partial</c> file of an <c>--emit-events</c> or <c>--output</c> behind. A second signal ends esc
/// at once. Not for <c>esc serve</c>, which stops gracefully on both signals by itself; only the
/// program's own entry point watches (in-process callers, such as tests, do not).
/// </summary>
internal static class Interruption
{
    /// <summary>How long a signal waits for output going into a pipe or terminal (nobody may be reading it).</summary>
    private static readonly TimeSpan PipeWait = TimeSpan.FromSeconds(2);

    /// <summary>How long a signal waits for <c>esc: cancelled</c> to be written (standard error may be a pipe nobody reads).</summary>
    private static readonly TimeSpan MessageWait = TimeSpan.FromSeconds(1);

    // Held while a temporary file is put in place, so a named file is left as it was or written whole.
    // Then Files, for the set of temporary files. A signal takes them in the same order and keeps both
    // until the process ends, so nothing is made or put in place after it removed the temporary files.
    private static readonly Lock Gate = new();
    private static readonly Lock Files = new();
    private static readonly HashSet<string> Temporary = new(StringComparer.Ordinal);
    private static volatile bool finishing;
    private static int signalled;

    /// <summary>Handles SIGINT and SIGTERM until disposed.</summary>
    public static IDisposable Watch(CliConsole console) => new Registrations(
    [
        PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, console, ExitCodes.Cancelled)),
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, console, ExitCodes.Terminated)),
    ]);

    /// <summary>
    /// Makes <paramref name="temporary"/> with <paramref name="create"/>, to be removed if esc is stopped
    /// before <see cref="Settle"/> or <see cref="Forget"/>: known before it exists, so a signal in between
    /// cannot miss it.
    /// </summary>
    public static T Track<T>(string temporary, Func<T> create)
    {
        lock (Files)
        {
            Track(temporary);
            try
            {
                return create();
            }
            catch
            {
                Temporary.Remove(temporary);
                throw;
            }
        }
    }

    /// <summary>A file that another part (such as SQLite) makes, to be removed if esc is stopped before <see cref="Forget"/>.</summary>
    public static void Track(string temporary)
    {
        lock (Files)
        {
            Temporary.Add(temporary);
        }
    }

    /// <summary>
    /// Runs <paramref name="putInPlace"/> (which consumes <paramref name="temporary"/>) with no signal
    /// handled meanwhile; one that comes waits for it (see <see cref="Finishing"/>).
    /// </summary>
    public static void Settle(string temporary, Action putInPlace)
    {
        lock (Gate)
        {
            try
            {
                putInPlace();
            }
            finally
            {
                finishing = false;
            }

            Forget(temporary);
        }
    }

    /// <summary>
    /// Called inside <see cref="Settle"/> when the output goes into a file that would be left cut short:
    /// a signal then waits until it is written, however long that takes. Output into a pipe or
    /// terminal is waited for a little only, since nobody may be reading it.
    /// </summary>
    public static void Finishing() => finishing = true;

    /// <summary>The temporary file is gone: nothing to do for it any more.</summary>
    public static void Forget(string temporary)
    {
        lock (Files)
        {
            Temporary.Remove(temporary);
        }
    }

    /// <summary>Whether a signal is being handled (esc is ending).</summary>
    public static bool Signalled => Volatile.Read(ref signalled) == 1;

    /// <summary>
    /// Called when the command has ended, before esc reports its outcome: while a signal is being
    /// handled this waits, and the handler ends esc with the signal's exit code. A command that failed
    /// because the handler removed its files (such as esc backup's copy) would otherwise report that
    /// failure, and its exit code, in a race with the handler.
    /// </summary>
    public static void Hold()
    {
        lock (Gate)
        {
            // A handler holding the gate ends the process meanwhile.
        }

        if (Signalled)
        {
            Thread.Sleep(Timeout.Infinite); // the handler is on its way to ending esc (a second signal ends it at once)
        }
    }

    private static void Stop(PosixSignalContext context, CliConsole console, int code)
    {
        if (Interlocked.Exchange(ref signalled, 1) == 1)
        {
            return; // a second signal: its default action ends esc now
        }

        context.Cancel = true;

        // Not released: the process ends holding them.
        if (!Gate.TryEnter(PipeWait) && finishing)
        {
            Gate.Enter();
        }

        Files.Enter();
        foreach (var path in Temporary)
        {
            try
            {
                File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Left behind under its hidden .partial name, as after kill -9.
            }
        }

        var said = Task.Run(() =>
        {
            console.Error.WriteLine("esc: cancelled");
            console.Error.Flush();
        });
        try
        {
            said.Wait(MessageWait);
        }
        catch (AggregateException)
        {
            // Standard error is gone: the exit code still says it.
        }

        Environment.Exit(code);
    }

    private sealed class Registrations(PosixSignalRegistration[] registrations) : IDisposable
    {
        public void Dispose()
        {
            foreach (var registration in registrations)
            {
                registration.Dispose();
            }
        }
    }
}
