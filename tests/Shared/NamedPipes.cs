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
    /// Opens the pipe to write and closes it at once, so a reader still waiting on it (code that should
    /// not have waited) reads an end and goes on, and a failing test ends instead of hanging.
    /// </summary>
    public static async Task ReleaseAsync(string path)
    {
        var writer = Task.Run(() => new FileStream(path, FileMode.Open, FileAccess.Write).Dispose());
        await Task.WhenAny(writer, Task.Delay(TimeSpan.FromSeconds(1)));
    }
}
