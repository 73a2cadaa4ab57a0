using System.Diagnostics;
using System.Runtime.InteropServices;
using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary>
/// `esc` in a child process, for what only the real process shows: signals, descriptors a shell sets
/// up, and the runtime settings of esc's own runtimeconfig.json (in-process tests run under the test host's).
/// </summary>
internal static class EscProcess
{
    /// <summary>The esc.dll the test project's output holds (with esc.runtimeconfig.json beside it).</summary>
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "esc.dll");

    /// <summary>How <paramref name="program"/> starts in the repository root, every stream redirected, without colour.</summary>
    public static ProcessStartInfo Start(string program, params string[] arguments)
    {
        var start = new ProcessStartInfo(program)
        {
            WorkingDirectory = RepoPaths.Root,
            RedirectStandardInput = true,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        return start;
    }

    /// <summary>`dotnet esc.dll ARGUMENTS`.</summary>
    /// <remarks>
    /// On Linux through <c>env --default-signal=INT</c> (which then runs dotnet in its place): a shell or
    /// test runner that starts the tests in the background passes SIGINT on ignored, and .NET leaves an
    /// ignored SIGINT ignored, so a test's Ctrl+C would not reach esc.
    /// </remarks>
    public static ProcessStartInfo Esc(params string[] arguments) =>
        OperatingSystem.IsLinux() ? Start("env", ["--default-signal=INT", "dotnet", Dll, .. arguments]) : Start("dotnet", [Dll, .. arguments]);

    /// <summary>Sends <paramref name="signal"/> (as kill(1) names it: INT, TERM) to <paramref name="process"/>.</summary>
    /// <remarks>
    /// With kill(2), at once: starting kill(1) for it took as long as a loaded machine takes to start a
    /// process, and the tests that send a signal within a moment of esc's run (a backup under way, a
    /// second signal while the first waits, how soon esc ends) counted that time as esc's.
    /// </remarks>
    public static void Signal(Process process, string signal)
    {
        var number = signal switch
        {
            "INT" => 2,
            "TERM" => 15,
            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "INT or TERM"),
        };
        if (Kill(process.Id, number) != 0 && Marshal.GetLastPInvokeError() is var error && error != NoSuchProcess)
        {
            throw new InvalidOperationException($"kill -{signal} {process.Id}: error {error}");
        }

        // A process that has ended takes no signal; the test's look at how it ended says what happened.
    }

    private const int NoSuchProcess = 3; // ESRCH

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);

    /// <summary>
    /// Runs the child for at most <paramref name="bound"/>, then kills it (Code null): a child that waits
    /// for ever must not hold up the suite. <paramref name="feed"/> writes its standard input; when it
    /// returns, standard input is closed.
    /// </summary>
    public static async Task<(int? Code, string Error)> Run(ProcessStartInfo start, TimeSpan bound, Func<Process, Task>? feed = null)
    {
        using var process = Process.Start(start)!;
        try
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            if (feed is not null)
            {
                await feed(process);
            }

            process.StandardInput.Close();
            using var timeout = new CancellationTokenSource(bound);
            try
            {
                await process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                return (null, await error);
            }

            await output;
            return (process.ExitCode, await error);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }
}
