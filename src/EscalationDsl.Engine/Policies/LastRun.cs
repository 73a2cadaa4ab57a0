namespace EscalationDsl.Engine.Policies;

/// <summary>The version a policy name last ran (took new tickets under), and the file it ran from then.</summary>
/// <param name="Fingerprint">The version's fingerprint.</param>
/// <param name="Path">The file that held it, relative to the policy folder.</param>
/// <param name="Guess">
/// Null when the database recorded it; otherwise what an upgraded database from before the record took it from
/// (<c>the version of its newest ticket</c>, <c>the version loaded last</c>), until the name runs again.
/// </param>
internal sealed record LastRun(string Fingerprint, string Path, string? Guess = null);
