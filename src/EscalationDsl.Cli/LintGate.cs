using EscalationDsl.Engine.Policies;

namespace EscalationDsl.Cli;

/// <summary>The policy gate `esc serve` runs: errors refuse a policy (lint errors too, once the linter is in).</summary>
internal static class LintGate
{
    public static IPolicyGate Create() => new ErrorsOnlyGate();
}
