using System.Diagnostics;

namespace EscalationDsl.Cli.Tests;

/// <summary>
/// Ctrl+C (SIGINT) and SIGTERM sent to a real `esc` process in the middle of a run that writes an
/// output file: docs/cli.md promises `esc: cancelled`, exit 130 (143 for SIGTERM), and no temporary
/// file left behind. Before, the runtime ended the process silently and the hidden `.partial` file stayed.
/// </summary>
public sealed class InterruptionTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("esc-interrupt-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Theory]
    [InlineData("INT", 130)]
    [InlineData("TERM", 143)]
    public async Task ASignalMidRunRemovesTheTemporaryFileAndSaysCancelled(string signal, int code)
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // kill(1) and POSIX signals
        }

        var start = EscProcess.Esc(
            "sim", "policies/support.esc", "--tickets", "/dev/stdin", "--quiet",
            "--emit-events", Path.Combine(folder, "events.jsonl"), "--output", Path.Combine(folder, "report.txt"));

        using var process = Process.Start(start)!;
        try
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();

            // Standard input stays open: the run waits for more tickets, with --emit-events' temporary file made.
            await process.StandardInput.WriteLineAsync("""{"ticket":"A","at":"2026-11-02T14:00:00Z","type":"created","severity":"sev1"}""");
            await process.StandardInput.FlushAsync();
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(60);
            while (Directory.GetFiles(folder).Length == 0 && DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }

            Directory.GetFiles(folder).ShouldHaveSingleItem().ShouldEndWith(".partial");
            EscProcess.Signal(process, signal);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
            await output;

            process.ExitCode.ShouldBe(code);
            (await error).ShouldBe("esc: cancelled\n");
            Directory.GetFiles(folder).ShouldBeEmpty();
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }
}
