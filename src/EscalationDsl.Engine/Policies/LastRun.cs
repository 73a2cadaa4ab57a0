namespace EscalationDsl.Engine.Policies;

/// <summary>The version a policy name last ran (took new tickets under), and the file it ran from then.</summary>
/// <param name="Fingerprint">The version's fingerprint.</param>
/// <param name="Path">The file that held it, relative to the policy folder.</param>
internal sealed record LastRun(string Fingerprint, string Path);
