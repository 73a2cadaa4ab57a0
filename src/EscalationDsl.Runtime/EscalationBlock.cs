namespace EscalationDsl.Runtime;

/// <summary>
/// Why a <c>require ... before escalate</c> guard holds an escalation, said one way everywhere: the
/// <c>missing_information</c> decision, the forecast's <see cref="ClockSnapshot.BlockReason"/> of a pending
/// step and that of a blocked one.
/// </summary>
internal static class EscalationBlock
{
    private const string Escalation = "escalation ";

    /// <summary><c>escalation blocked until client_version is set</c>, <c>... until request_id, client_version are set</c>.</summary>
    public static string Reason(IReadOnlyList<string> missing) =>
        $"{Escalation}blocked until {string.Join(", ", missing)} {(missing.Count == 1 ? "is" : "are")} set";

    /// <summary>A blocked step's status with its reason: <c>blocked until client_version is set</c>.</summary>
    public static string Status(string reason) =>
        reason.StartsWith(Escalation, StringComparison.Ordinal) ? reason[Escalation.Length..] : "blocked";
}
