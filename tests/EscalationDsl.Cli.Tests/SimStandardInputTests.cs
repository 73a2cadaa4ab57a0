namespace EscalationDsl.Cli.Tests;

/// <summary>
/// `-` is standard input for POLICY, but `--tickets -` and `--map -` name a file: the refusal says how
/// to read a pipe instead of only that there is no such file.
/// </summary>
public sealed class SimStandardInputTests
{
    [Fact]
    public void TicketsDashSaysToNameStandardInputAsDevStdin()
    {
        var result = Esc.RunWithInput("{\"ticket\":\"T1\"}\n", "sim", "policies/support.esc", "--tickets", "-");

        result.ExitCode.ShouldBe(ExitCodes.Usage);
        result.Error.ShouldBe("esc: -: no such file; to read standard input, name it /dev/stdin, as in: COMMAND | esc sim POLICY --tickets /dev/stdin ...\n");
    }

    [Fact]
    public void MapDashSaysToNameStandardInputAsDevStdin()
    {
        var result = Esc.RunWithInput("{}", "sim", "policies/support.esc", "--map", "-", "--tickets", "policies/events/helpdesk-export.csv");

        result.ExitCode.ShouldBe(ExitCodes.Usage);
        result.Error.ShouldBe("esc: -: no such mapping file; to read standard input, name it /dev/stdin, as in: COMMAND | esc sim POLICY --map /dev/stdin ...\n");
    }
}
