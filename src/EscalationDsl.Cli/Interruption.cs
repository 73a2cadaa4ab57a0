using System.Runtime.InteropServices;

namespace EscalationDsl.Cli;

/// <summary>
/// Ctrl+C (SIGINT) or SIGTERM while a command runs: the temporary files of its unfinished output files
/// are removed, standard error says <c>esc: cancelled</c>, and esc exits with 128 + the signal (130 for
/// Ctrl+C). Without it the runtime ended the process at once, silently, and left the hidden
/// <c>.partial</c> file of an <c>--emit-events</c> or <c>--output</c> behind. Not for <c>esc serve</c>,
/// which stops gracefully on both signals by itself.
/// </summary>
internal static class Interruption
{
    /// <summary>How long a signal waits for an output file being put in place (a copy into a pipe nobody reads would hold it up for ever).</summary>
    private static readonly TimeSpan CommitWait = TimeSpan.FromSeconds(2);

    // Held while a temporary file is put in place, and by the handler until the process ends: so a
    // named file is either left as it was or written whole, and nothing is put in place after the handler ran.
    private static readonly Lock Gate = new();
    private static readonly HashSet<string> Temporary = new(StringComparer.Ordinal);

    /// <summary>Handles SIGINT and SIGTERM until disposed.</summary>
    public static IDisposable Watch(CliConsole console) => new Registrations(
    [
        PosixSignalRegistration.Create(PosixSignal.SIGINT, context => Stop(context, console, ExitCodes.Cancelled)),
        PosixSignalRegistration.Create(PosixSignal.SIGTERM, context => Stop(context, console, ExitCodes.Terminated)),
    ]);

    /// <summary>A temporary file to remove if esc is stopped before <see cref="Settle"/> or <see cref="Forget"/>.</summary>
    public static void Track(string temporary)
    {
        lock (Gate)
        {
            Temporary.Add(temporary);
        }
    }

    /// <summary>Runs <paramref name="putInPlace"/> (which consumes <paramref name="temporary"/>) with no signal handled meanwhile.</summary>
    public static void Settle(string temporary, Action putInPlace)
    {
        lock (Gate)
        {
            putInPlace();
            Temporary.Remove(temporary);
        }
    }

    /// <summary>The temporary file was removed: nothing to do for it any more.</summary>
    public static void Forget(string temporary)
    {
        lock (Gate)
        {
            Temporary.Remove(temporary);
        }
    }

    private static void Stop(PosixSignalContext context, CliConsole console, int code)
    {
        context.Cancel = true;
        if (Gate.TryEnter(CommitWait))
        {
            // Not released: the process ends holding it.
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
        }

        try
        {
            console.Error.WriteLine("esc: cancelled");
            console.Error.Flush();
        }
        catch (IOException)
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
