namespace EscalationDsl.Cli.Tests;

/// <summary>
/// `esc ... 2>&-` and `2> /dev/full` in a real process, as a shell sets them up: the runtime aborted
/// (exit 134) when esc's message about a failed write failed again. OutputSafetyTests shows the same
/// in-process with a writer that fails; only the process shows what the runtime makes of it.
/// </summary>
public sealed class ClosedStandardErrorTests
{
    [Theory]
    [InlineData("check policies/ 2>&-", 2)] // the summary cannot be written
    [InlineData("check /nonexistent.esc 2>&-", 2)] // nor the message of a usage error
    [InlineData("check policies/ 2>/dev/full", 2)]
    [InlineData("lint policies/ --format json 2>&-", 2)] // the findings went to standard output; the summary failed
    public async Task StandardErrorThatCannotBeWrittenEndsWithTwoNotAnAbort(string command, int code)
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // /bin/sh redirections and /dev/full
        }

        var (exit, _) = await EscProcess.Run(
            EscProcess.Start("/bin/sh", "-c", $"exec dotnet \"$0\" {command} >/dev/null", EscProcess.Dll), TimeSpan.FromSeconds(60));

        exit.ShouldBe(code);
    }
}
