namespace EscalationDsl.Engine.Policies;

/// <summary>What the engine knows about one policy file (GET /v1/policies, /readyz).</summary>
/// <param name="Path">The file, relative to the policy folder.</param>
/// <param name="Name">The policy name, when the file could be read that far.</param>
/// <param name="Version">The version in the header of the running version.</param>
/// <param name="Fingerprint">The running version's fingerprint.</param>
/// <param name="Status">active, or refused (the running version, if any, stays).</param>
/// <param name="Errors">Why the latest text of the file was refused.</param>
/// <param name="Warnings">The lint warnings of the running text of an active file (a refused file lists its errors only).</param>
/// <param name="LoadedAt">When the running version was loaded, in UTC as every time in the API (TicketEventJson.FormatTime).</param>
public sealed record PolicyStatus(string Path, string? Name, int? Version, string? Fingerprint, string Status, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, string? LoadedAt);
