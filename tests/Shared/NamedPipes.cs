using System.Diagnostics;
using Shouldly;

namespace EscalationDsl.Tests;

/// <summary>Named pipes (FIFOs) for tests that feed a command through one or plant one where a file is expected.</summary>
internal static class NamedPipes
{
    /// <summary>Makes a named pipe at <paramref name="path"/> with <c>mkfifo</c>.</summary>
    public static async Task CreateAsync(string path)
    {
        using var mkfifo = Process.Start("mkfifo", path);
        await mkfifo.WaitForExitAsync();
        mkfifo.ExitCode.ShouldBe(0);
    }

    /// <summary>
    /// Opens the pipe as a writer and closes it at once, so a reader still waiting on it (code that should
    /// not have waited) reads an end and goes on, and a failing test ends instead of hanging. Opened to
    /// read and write, which Linux never makes wait, so nothing is left waiting when no reader came.
    /// </summary>
    public static Task ReleaseAsync(string path)
    {
        new FileStream(path, FileMode.Open, FileAccess.ReadWrite).Dispose();
        return Task.CompletedTask;
    }
}
