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

    /// <summary>Cancelled (Ctrl+C) before the command could finish on its own: 128 + SIGINT, as shells report it.</summary>
    public const int Cancelled = 130;

    /// <summary>Stopped by SIGTERM before the command could finish: 128 + SIGTERM, as shells report it.</summary>
    public const int Terminated = 143;
}
