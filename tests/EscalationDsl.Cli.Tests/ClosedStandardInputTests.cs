using EscalationDsl.Tests;

namespace EscalationDsl.Cli.Tests;

/// <summary>
/// `esc ... -` in a child process whose standard input a shell sets up (or closes): only the real
/// process shows what the runtime makes of descriptor 0, so these tests do not run in-process.
/// </summary>
public sealed class ClosedStandardInputTests
{
    /// <summary>
    /// How long a child may run: `esc check` ends in a second or two, and it used to wait for ever. A
    /// minute, as for the other children: on a machine the parallel test assemblies load, starting
    /// dotnet alone may take several seconds, and the bound ends only a child that hangs.
    /// </summary>
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task ClosedStandardInputIsRefusedNotWaitedOn()
    {
        // With descriptor 0 closed, the runtime's start-up took it for a pipe of its own, and the read never ended.
        if (!OperatingSystem.IsLinux())
        {
            return; // the check reads /proc/self/fdinfo; elsewhere esc reads standard input as before
        }

        var result = await RunInShell("check - <&-");

        result.Code.ShouldBe(2, $"ended: {result.Code is not null}; standard error: {result.Error}");
        result.Error.ShouldBe("esc: <stdin>: cannot read: standard input is closed; redirect the policy to it (`< FILE`) or name the file instead of `-`\n");
    }

    [Theory]
    [InlineData("check - < policies/support.esc", 0, "checked 1 file: 0 errors, 0 warnings\n")]
    [InlineData("check - < /dev/null", 1, "checked 1 file: 2 errors, 0 warnings\n")]
    [InlineData("lint - <<'END'\npolicy \"x\" version 1\nseverity s { acknowledge within 15m }\nEND", 0, "linted 1 file: 0 errors, 1 warning, 0 infos\n")]
    public async Task StandardInputFromTheShellIsStillRead(string command, int code, string error)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }

        var result = await RunInShell(command);

        result.Code.ShouldBe(code, $"standard error: {result.Error}");
        result.Error.ShouldBe(error);
    }

    [Fact]
    public async Task StandardInputFromAPipeIsStillRead()
    {
        var result = await EscProcess.Run(EscProcess.Esc("check", "-"), Bound, async process =>
            await process.StandardInput.WriteAsync(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "policies", "support.esc"))));

        result.Code.ShouldBe(0, $"standard error: {result.Error}");
        result.Error.ShouldBe("checked 1 file: 0 errors, 0 warnings\n");
    }

    /// <summary>`esc` started by /bin/sh with <paramref name="command"/> after `esc`, redirections included; <c>exec</c> keeps one process to kill.</summary>
    private static Task<(int? Code, string Error)> RunInShell(string command) =>
        EscProcess.Run(EscProcess.Start("/bin/sh", "-c", $"exec dotnet \"$0\" {command}", EscProcess.Dll), Bound);
}
