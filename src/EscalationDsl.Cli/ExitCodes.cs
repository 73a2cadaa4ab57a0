namespace EscalationDsl.Cli;

/// <summary>Process exit codes shared by every command (see docs/cli.md).</summary>
public static class ExitCodes
{
    /// <summary>Clean: no errors, no differences, all tests passed.</summary>
    public const int Success = 0;

    /// <summary>Findings: errors in a policy, differences, failed tests.</summary>
    public const int Findings = 1;

    /// <summary>Usage or internal error: bad arguments, unreadable files.</summary>
    public const int Usage = 2;
}
